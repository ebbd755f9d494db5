// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_DAYTONA_SERVER_CONTEXT_HPP
#define AGENT_BACKENDS_TEST_FAKES_DAYTONA_SERVER_CONTEXT_HPP

// What every serving coroutine shares: the state, the executor they run on (one thread), and the
// registries that let the server stop at once (open connections, the listener). I/O objects live in the
// coroutines; the registries only point at them.
#include <agent_backends/task.hpp>

#include "fakes/daytona/server_state.hpp"
#include "fakes/docker/connection.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <set>

namespace agent_backends::test::daytona_fake {

using docker_fake::connection;
using docker_fake::socket_type;

class server_context
{
public:
    server_context(boost::asio::any_io_executor ex, std::shared_ptr<server_state> state)
        : executor(std::move(ex)), state(std::move(state))
    {}

    const boost::asio::any_io_executor executor;  ///< Of the server's one thread.
    const std::shared_ptr<server_state> state;

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

    /// Closes the listener and every connection, kills every process.
    void close_all();

    std::function<void()> close_listener{};

    bool stopping() const noexcept { return stopping_; }

    // ---- from any thread ----

    std::size_t open_connections() const noexcept { return open_connections_.load(); }

private:
    std::set<connection*> connections_;
    std::atomic<std::size_t> open_connections_{0};
    bool stopping_{false};
};

}  // namespace agent_backends::test::daytona_fake

#endif
