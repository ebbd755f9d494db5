// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_COMMON_SERVER_REGISTRY_HPP
#define AGENT_BACKENDS_TEST_FAKES_COMMON_SERVER_REGISTRY_HPP

// What the serving coroutines of one fake server share so that the server can stop at once: its open
// connections, its listener and the coroutines waiting for a change. I/O objects live in the coroutines;
// the registry only points at them, so nothing here outlives its execution context.

#include <agent_backends/task.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <set>

namespace agent_backends::test {

/// Used on the server's executor only (one thread or a strand), except \ref open_connections.
class server_registry
{
public:
    explicit server_registry(boost::asio::any_io_executor ex) : executor(std::move(ex)) {}
    virtual ~server_registry() = default;
    server_registry(const server_registry&) = delete;
    server_registry& operator=(const server_registry&) = delete;

    const boost::asio::any_io_executor executor;  ///< Every serving coroutine runs on it.

    /// Keeps a connection registered while in scope: \ref close_all closes it.
    class connection_scope
    {
    public:
        template <class Connection>
        connection_scope(server_registry& registry, Connection& c)
            : registry_(registry), key_(&c)
        {
            registry_.add_connection(key_, [&c] { c.close(); });
        }
        ~connection_scope() { registry_.remove_connection(key_); }
        connection_scope(const connection_scope&) = delete;
        connection_scope& operator=(const connection_scope&) = delete;

    private:
        server_registry& registry_;
        const void* key_;
    };

    /// Waits until \ref notify_change, `deadline`, or \ref close_all.
    task<void> wait_for_change(
        std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max());

    /// Wakes every \ref wait_for_change.
    void notify_change();

    /// Closes the listener and every connection, stops what the server started (\ref on_close_all),
    /// wakes every waiter.
    void close_all();

    /// Set by the accepting coroutine while it runs.
    std::function<void()> close_listener{};

    /// True once \ref close_all ran.
    bool stopping() const noexcept { return stopping_; }

    /// From any thread.
    std::size_t open_connections() const noexcept { return open_connections_.load(); }

protected:
    /// What else ends with the server (the processes it started); runs after the connections closed.
    virtual void on_close_all() {}

private:
    void add_connection(const void* key, std::function<void()> close);
    void remove_connection(const void* key);

    std::map<const void*, std::function<void()>> connections_;
    std::set<boost::asio::steady_timer*> waiters_;
    std::atomic<std::size_t> open_connections_{0};
    bool stopping_{false};
};

}  // namespace agent_backends::test

#endif
