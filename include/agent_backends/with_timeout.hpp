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
#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace agent_backends {

namespace detail {
std::string timeout_message(std::chrono::steady_clock::duration d);

// `||` waits for the first branch to *succeed*: an operation that fails at once would wait out the whole
// limit. So the operation's own failure is caught and carried out as a value.
template <class T>
struct timed_outcome
{
    std::exception_ptr failure;
    std::optional<T> value;
};

template <class T>
task<timed_outcome<T>> capture_outcome(task<T> op)
{
    try
    {
        co_return timed_outcome<T>{nullptr, co_await std::move(op)};
    }
    catch (...)
    {
        co_return timed_outcome<T>{std::current_exception(), std::nullopt};
    }
}

inline task<std::exception_ptr> capture_failure(task<void> op)
{
    try
    {
        co_await std::move(op);
    }
    catch (...)
    {
        co_return std::current_exception();
    }
    co_return nullptr;
}

}  // namespace detail

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
    auto winner =
        co_await (detail::capture_outcome(std::move(op)) || timer.async_wait(boost::asio::use_awaitable));
    if (winner.index() == 1)
        throw error(errc::timed_out, detail::timeout_message(limit));
    auto outcome = std::get<0>(std::move(winner));
    if (outcome.failure)
        std::rethrow_exception(outcome.failure);
    co_return std::move(*outcome.value);
}

inline task<void> with_timeout(task<void> op, std::chrono::steady_clock::duration limit)
{
    using namespace boost::asio::experimental::awaitable_operators;
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, limit);
    auto winner =
        co_await (detail::capture_failure(std::move(op)) || timer.async_wait(boost::asio::use_awaitable));
    if (winner.index() == 1)
        throw error(errc::timed_out, detail::timeout_message(limit));
    if (auto failure = std::get<0>(winner))
        std::rethrow_exception(failure);
}

}  // namespace agent_backends

#endif
