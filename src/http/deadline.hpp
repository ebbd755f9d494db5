// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_HTTP_DEADLINE_HPP
#define AGENT_BACKENDS_SRC_HTTP_DEADLINE_HPP

#include <agent_backends/error.hpp>
#include <agent_backends/task.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <chrono>
#include <exception>
#include <optional>
#include <string>
#include <utility>

namespace agent_backends::detail {

/// Runs `op`; if `limit` (> 0) passes first, cancels it (the operation closes what it had open) and throws
/// error(timed_out, timeout_message). Unlike an `||` race, a failure of `op` ends the wait at once.
/// Cancelling the caller cancels `op` and propagates operation_aborted.
template <class T>
task<T> with_deadline(task<T> op, std::chrono::milliseconds limit, std::string timeout_message)
{
    namespace asio = boost::asio;
    if (limit <= std::chrono::milliseconds::zero())
        co_return co_await std::move(op);

    auto ex = co_await asio::this_coro::executor;
    std::optional<T> result;
    auto run = [](task<T> inner, std::optional<T>& out) -> task<void> {
        out.emplace(co_await std::move(inner));
    };
    asio::steady_timer timer(ex, limit);
    auto [order, failure, timer_ec] =
        co_await asio::experimental::make_parallel_group(
            asio::co_spawn(ex, run(std::move(op), result), asio::deferred), timer.async_wait(asio::deferred))
            .async_wait(asio::experimental::wait_for_one(), asio::use_awaitable);
    if (result)
        co_return std::move(*result);
    if (order[0] == 1 && !timer_ec)
        throw error(errc::timed_out, std::move(timeout_message));
    if (failure)
        std::rethrow_exception(failure);
    throw boost::system::system_error(asio::error::operation_aborted);
}

}  // namespace agent_backends::detail

#endif
