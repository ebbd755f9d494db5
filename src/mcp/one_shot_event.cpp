// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/one_shot_event.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

namespace asio = boost::asio;

namespace agent_backends::detail {

one_shot_event::one_shot_event(asio::any_io_executor ex) : timer_(std::move(ex)) {}

void one_shot_event::set()
{
    if (set_)
        return;
    set_ = true;
    timer_.cancel();
}

task<void> one_shot_event::wait()
{
    if (set_)
        co_return;
    timer_.expires_at(asio::steady_timer::time_point::max());
    co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
    // The wait ends early either because set() cancelled the timer or because the waiter was cancelled.
    if (!set_)
        throw boost::system::system_error(asio::error::operation_aborted);
}

task<bool> one_shot_event::wait_or_cancelled()
{
    if (set_)
        co_return true;
    timer_.expires_at(asio::steady_timer::time_point::max());
    co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
    co_return set_;
}

task<bool> one_shot_event::wait_for(std::chrono::steady_clock::duration limit)
{
    if (set_)
        co_return true;
    timer_.expires_after(limit);
    auto [ec] = co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
    if (set_)
        co_return true;
    if (ec == asio::error::operation_aborted)
        throw boost::system::system_error(asio::error::operation_aborted);
    co_return false;
}

}  // namespace agent_backends::detail
