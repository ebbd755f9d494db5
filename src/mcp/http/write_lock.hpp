// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_MCP_HTTP_WRITE_LOCK_HPP
#define AGENT_BACKENDS_SRC_MCP_HTTP_WRITE_LOCK_HPP

#include <agent_backends/task.hpp>

#include <list>

namespace agent_backends::detail::mcp_http {

/// Lets coroutines of one strand take turns writing to one stream (Beast allows one write at a time).
/// Waiters are served in arrival order.
class write_lock
{
public:
    /// Completes once the caller holds the lock; pair with \ref unlock (or use \ref write_lock_guard).
    /// \par Cancellation
    /// Terminal: a waiter that is cancelled leaves the queue and throws `operation_aborted`.
    task<void> lock();

    /// Hands the lock to the next waiter, or frees it.
    void unlock();

private:
    struct waiter;
    bool held_{false};
    std::list<waiter*> waiting_;
};

/// Releases a held \ref write_lock at scope exit.
class write_lock_guard
{
public:
    explicit write_lock_guard(write_lock& l) noexcept : lock_(&l) {}
    ~write_lock_guard() { lock_->unlock(); }
    write_lock_guard(const write_lock_guard&) = delete;
    write_lock_guard& operator=(const write_lock_guard&) = delete;

private:
    write_lock* lock_;
};

}  // namespace agent_backends::detail::mcp_http

#endif
