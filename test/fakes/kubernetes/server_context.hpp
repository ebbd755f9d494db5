// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_KUBERNETES_SERVER_CONTEXT_HPP
#define AGENT_BACKENDS_TEST_FAKES_KUBERNETES_SERVER_CONTEXT_HPP

// What every serving coroutine shares: the API state, the executor they all run on (one thread), and the
// registries that let the server stop at once (open connections, the listener, waiting watches). I/O
// objects live in the coroutines; the registries only point at them.
#include <agent_backends/task.hpp>

#include "fakes/kubernetes/api_state.hpp"
#include "fakes/kubernetes/connection.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <set>

namespace agent_backends::test::kubernetes_fake {

class server_context
{
public:
    server_context(boost::asio::any_io_executor ex, std::shared_ptr<api_state> state)
        : executor(std::move(ex)), state(std::move(state))
    {}

    const boost::asio::any_io_executor executor;  ///< Every serving coroutine runs on it (one thread).
    const std::shared_ptr<api_state> state;

    // ---- on the server's thread only ----

    /// Keeps a connection in the registry while in scope.
    class connection_scope
    {
    public:
        connection_scope(server_context& ctx, connection& c);
        ~connection_scope();
        connection_scope(const connection_scope&) = delete;
        connection_scope& operator=(const connection_scope&) = delete;

    private:
        server_context& ctx_;
        connection& c_;
    };

    /// Waits until a pod changed, `deadline` passed, or the server stops.
    task<void> wait_for_change(
        std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max());

    /// Wakes every \ref wait_for_change.
    void notify_change();

    /// Closes the listener and every connection, kills every pod's processes, wakes every waiter.
    void close_all();

    std::function<void()> close_listener{};

    /// True once \ref close_all ran.
    bool stopping() const noexcept { return stopping_; }

    // ---- from any thread ----

    std::size_t open_connections() const noexcept { return open_connections_.load(); }

private:
    std::set<connection*> connections_;
    std::set<boost::asio::steady_timer*> waiters_;
    std::atomic<std::size_t> open_connections_{0};
    bool stopping_{false};
};

}  // namespace agent_backends::test::kubernetes_fake

#endif
