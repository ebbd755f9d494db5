// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "process/job_completion.hpp"

#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <utility>

namespace asio = boost::asio;
using clock_type = std::chrono::steady_clock;

namespace agent_backends::detail {

job_completion::job_completion(asio::any_io_executor strand, std::size_t max_output_bytes)
    : strand_(std::move(strand)), backlog_(max_output_bytes), done_signal_(strand_, clock_type::time_point::max())
{}

void job_completion::finish(int exit_code)
{
    exit_code_ = exit_code;
    done_ = true;
    done_signal_.cancel();
}

background_output job_completion::take()
{
    auto taken = backlog_.take();
    return background_output{std::move(taken.output), !done_, exit_code_, taken.truncated};
}

task<int> job_completion::wait()
{
    while (!done_)
    {
        boost::system::error_code ec;  // operation_aborted: either done, or the caller cancelled
        co_await done_signal_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        auto state = co_await asio::this_coro::cancellation_state;
        if (!done_ && state.cancelled() != asio::cancellation_type::none)
            throw boost::system::system_error(asio::error::operation_aborted);
    }
    co_return *exit_code_;
}

task<void> job_completion::wait_until(clock_type::time_point deadline)
{
    using asio::experimental::make_parallel_group;
    using asio::experimental::wait_for_one;
    if (done_)
        co_return;
    asio::steady_timer timer(strand_, deadline);
    co_await make_parallel_group(done_signal_.async_wait(asio::deferred), timer.async_wait(asio::deferred))
        .async_wait(wait_for_one(), asio::use_awaitable);
}

}  // namespace agent_backends::detail
