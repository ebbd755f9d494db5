// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_DOCKER_SERVER_CONTEXT_HPP
#define AGENT_BACKENDS_TEST_FAKES_DOCKER_SERVER_CONTEXT_HPP

// What every serving coroutine shares: the engine state, the strand they run on, and the registries that
// let the engine stop at once (open connections, the listener, waiting coroutines). I/O objects live in
// the coroutines; the registries only point at them, so nothing here outlives its execution context.
#include <agent_backends/task.hpp>

#include "fakes/docker/connection.hpp"
#include "fakes/docker/engine_state.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <set>

namespace agent_backends::test::docker_fake {

class server_context
{
public:
    server_context(boost::asio::any_io_executor strand, std::shared_ptr<engine_state> state)
        : executor(std::move(strand)), state(std::move(state))
    {}

    const boost::asio::any_io_executor executor;  ///< A strand: every serving coroutine runs on it.
    const std::shared_ptr<engine_state> state;

    // ---- on the strand only ----

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

    /// Waits until a container or exec changed state, `deadline` passed, or the engine stops.
    task<void> wait_for_change(
        std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max());

    /// Wakes every \ref wait_for_change.
    void notify_change();

    /// Closes the listener (set by the accepting coroutine) and every connection, kills every container's
    /// processes, wakes every waiter.
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

}  // namespace agent_backends::test::docker_fake

#endif
