// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_WITH_TIMEOUT_HPP
#define AGENT_BACKENDS_WITH_TIMEOUT_HPP

#include <agent_backends/error.hpp>
#include <agent_backends/task.hpp>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <string>
#include <utility>
#include <variant>

namespace agent_backends {

namespace detail {
std::string timeout_message(std::chrono::steady_clock::duration d);
}

/// \brief Runs `op`, cancelling it (terminal cancellation) when `limit` passes first.
/// \par Errors
/// `timed_out` when the limit fired; whatever `op` throws otherwise.
/// \par Cancellation
/// Cancelling the caller cancels `op` and throws `operation_aborted`.
template <class T>
task<T> with_timeout(task<T> op, std::chrono::steady_clock::duration limit)
{
    using namespace boost::asio::experimental::awaitable_operators;
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, limit);
    auto winner = co_await (std::move(op) || timer.async_wait(boost::asio::use_awaitable));
    if (winner.index() == 1)
        throw error(errc::timed_out, detail::timeout_message(limit));
    co_return std::get<0>(std::move(winner));
}

/// \copydoc with_timeout
inline task<void> with_timeout(task<void> op, std::chrono::steady_clock::duration limit)
{
    using namespace boost::asio::experimental::awaitable_operators;
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, limit);
    auto winner = co_await (std::move(op) || timer.async_wait(boost::asio::use_awaitable));
    if (winner.index() == 1)
        throw error(errc::timed_out, detail::timeout_message(limit));
}

}  // namespace agent_backends

#endif
