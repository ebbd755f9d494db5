// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_SESSION_MANAGER_LOCK_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_SESSION_MANAGER_LOCK_HPP

#include <agent_backends/task.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <cstddef>
#include <memory>

namespace agent_backends::detail {

class session_manager_state;

/// The lock that serialises every lifecycle change of one session id (create, replace, release), so two
/// callers never both create a sandbox for it. Waiters are served in arrival order.
class session_lock
{
public:
    explicit session_lock(boost::asio::any_io_executor ex);
    ~session_lock();
    session_lock(const session_lock&) = delete;
    session_lock& operator=(const session_lock&) = delete;

    /// Waits for the lock. Honours terminal cancellation (then the lock is not taken).
    task<void> lock();

    /// Hands the lock to the next waiter, if any.
    void unlock() noexcept;

    std::size_t users{0};  ///< Holders and waiters; guarded by the manager's mutex.

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// Holds the lock of one session id; releasing it forgets the lock once nobody holds or awaits it.
class session_lock_guard
{
public:
    session_lock_guard() = default;
    session_lock_guard(session_lock_guard&& other) noexcept;
    session_lock_guard& operator=(session_lock_guard&&) = delete;
    ~session_lock_guard();

    /// Releases early (idempotent).
    void unlock() noexcept;

    /// Takes the lock of `id` in `state`.
    static task<session_lock_guard> acquire(std::shared_ptr<session_manager_state> state, std::string id);

private:
    session_lock_guard(std::shared_ptr<session_manager_state> state, std::string id,
                       std::shared_ptr<session_lock> lock, bool held) noexcept;

    // Drops this user's count (and the lock entry when it was the last); unlocks when `held_`.
    void leave() noexcept;

    std::shared_ptr<session_manager_state> state_;
    std::string id_;
    std::shared_ptr<session_lock> lock_;
    bool held_{false};
};

}  // namespace agent_backends::detail

#endif
