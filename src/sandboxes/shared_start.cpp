// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/shared_start.hpp"

#include "core/ignore_cancellation.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <chrono>
#include <utility>

namespace asio = boost::asio;

namespace agent_backends::detail {

std::shared_ptr<shared_start> shared_start::launch(const asio::any_io_executor& strand, task<void> work)
{
    auto start = std::make_shared<shared_start>(strand);
    auto slot = start->cancel_.slot();
    // The completion handler holds the start, so the signal its slot belongs to outlives the operation.
    asio::co_spawn(strand, run(start, std::move(work)),
                   asio::bind_cancellation_slot(slot, [start](std::exception_ptr) {}));
    return start;
}

shared_start::shared_start(const asio::any_io_executor& strand)
    : done_signal_(strand, std::chrono::steady_clock::time_point::max())
{}

task<void> shared_start::run(std::shared_ptr<shared_start> self, task<void> work)
{
    try
    {
        co_await std::move(work);
    }
    catch (...)
    {
        self->failure_ = std::current_exception();  // every waiter sees it
    }
    self->finished_ = true;
    self->done_signal_.cancel();
}

task<void> shared_start::wait_until_finished()
{
    while (!finished_)
    {
        boost::system::error_code ec;  // operation_aborted: it finished
        co_await done_signal_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
}

task<void> shared_start::wait(bool cancellable)
{
    ++waiters_;
    while (!finished_)
    {
        boost::system::error_code ec;  // operation_aborted: either finished, or the caller cancelled
        co_await done_signal_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        auto state = co_await asio::this_coro::cancellation_state;
        if (!cancellable || finished_ || state.cancelled() == asio::cancellation_type::none)
            continue;
        if (--waiters_ == 0)
        {
            co_await asio::this_coro::reset_cancellation_state(ignore_cancellation());
            abort();
            co_await wait_until_finished();
        }
        throw boost::system::system_error(asio::error::operation_aborted);
    }
    --waiters_;
}

void shared_start::abort()
{
    if (!finished_)
        cancel_.emit(asio::cancellation_type::terminal);
}

}  // namespace agent_backends::detail
