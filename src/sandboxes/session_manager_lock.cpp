// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/session_manager_lock.hpp"

#include "sandboxes/session_manager_state.hpp"

#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <utility>

namespace asio = boost::asio;

namespace agent_backends::detail {

// A channel with room for one message is a fair async mutex: a send fills the room (lock), later sends
// queue until a receive empties it (unlock). Its sends honour per-operation cancellation, and the
// concurrent flavour may be used from several threads.
struct session_lock::impl
{
    explicit impl(asio::any_io_executor ex) : channel(std::move(ex), 1) {}

    asio::experimental::concurrent_channel<void(boost::system::error_code)> channel;
};

session_lock::session_lock(asio::any_io_executor ex) : impl_(std::make_unique<impl>(std::move(ex))) {}

session_lock::~session_lock() = default;

task<void> session_lock::lock()
{
    co_await impl_->channel.async_send(boost::system::error_code{}, asio::use_awaitable);
}

void session_lock::unlock() noexcept
{
    impl_->channel.try_receive([](boost::system::error_code) {});
}

session_lock_guard::session_lock_guard(std::shared_ptr<session_manager_state> state, std::string id,
                                       std::shared_ptr<session_lock> lock, bool held) noexcept
    : state_(std::move(state)), id_(std::move(id)), lock_(std::move(lock)), held_(held)
{}

session_lock_guard::session_lock_guard(session_lock_guard&& other) noexcept
    : state_(std::move(other.state_)),
      id_(std::move(other.id_)),
      lock_(std::move(other.lock_)),
      held_(std::exchange(other.held_, false))
{}

session_lock_guard::~session_lock_guard()
{
    leave();
}

void session_lock_guard::unlock() noexcept
{
    leave();
}

void session_lock_guard::leave() noexcept
{
    if (!state_)
        return;
    if (held_)
        lock_->unlock();
    {
        std::lock_guard guard(state_->mutex);
        if (--lock_->users == 0)
        {
            auto it = state_->locks.find(id_);
            if (it != state_->locks.end() && it->second == lock_)
                state_->locks.erase(it);
        }
    }
    state_.reset();
    lock_.reset();
    held_ = false;
}

task<session_lock_guard> session_lock_guard::acquire(std::shared_ptr<session_manager_state> state,
                                                     std::string id)
{
    std::shared_ptr<session_lock> lock;
    {
        std::lock_guard guard(state->mutex);
        auto& entry = state->locks[id];
        if (!entry)
            entry = std::make_shared<session_lock>(state->executor);
        lock = entry;
        ++lock->users;
    }
    // Counted as a user while waiting, so the entry is not dropped and replaced under a queued waiter.
    session_lock_guard waiting(state, std::move(id), lock, false);
    co_await lock->lock();
    waiting.held_ = true;
    co_return std::move(waiting);
}

}  // namespace agent_backends::detail
