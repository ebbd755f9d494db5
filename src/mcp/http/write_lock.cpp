// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/http/write_lock.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

namespace asio = boost::asio;

namespace agent_backends::detail::mcp_http {

struct write_lock::waiter
{
    asio::steady_timer wakeup;
    bool granted{false};
};

task<void> write_lock::lock()
{
    if (!held_)
    {
        held_ = true;
        co_return;
    }
    waiter w{asio::steady_timer(co_await asio::this_coro::executor, asio::steady_timer::time_point::max())};
    // Leaves the queue however the wait ends (cancelled, or the frame destroyed with its executor), unless
    // unlock() already took us out to hand the lock over.
    struct queue_place
    {
        std::list<waiter*>& queue;
        std::list<waiter*>::iterator position;
        const bool& granted;
        ~queue_place()
        {
            if (!granted)
                queue.erase(position);
        }
    } place{waiting_, waiting_.insert(waiting_.end(), &w), w.granted};
    co_await w.wakeup.async_wait(asio::as_tuple(asio::use_awaitable));
    if (!w.granted)
        throw boost::system::system_error(asio::error::operation_aborted);
}

void write_lock::unlock()
{
    if (waiting_.empty())
    {
        held_ = false;
        return;
    }
    auto* next = waiting_.front();
    waiting_.pop_front();
    next->granted = true;
    next->wakeup.cancel();
}

}  // namespace agent_backends::detail::mcp_http
