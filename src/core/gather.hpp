// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_CORE_GATHER_HPP
#define AGENT_BACKENDS_SRC_CORE_GATHER_HPP

#include <agent_backends/task.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>
#include <utility>
#include <vector>

namespace agent_backends::detail {

/// Runs the tasks concurrently and returns their results in the order given. Waits for all of them; then
/// rethrows the first failure in that order. Cancellation of the caller is forwarded to every task.
template <class T>
task<std::vector<T>> gather(std::vector<task<T>> tasks)
{
    namespace asio = boost::asio;
    auto ex = co_await asio::this_coro::executor;
    using op_type = decltype(asio::co_spawn(ex, std::declval<task<T>>(), asio::deferred));
    std::vector<op_type> ops;
    ops.reserve(tasks.size());
    for (auto& t : tasks)
        ops.push_back(asio::co_spawn(ex, std::move(t), asio::deferred));
    auto [order, failures, values] = co_await asio::experimental::make_parallel_group(std::move(ops))
                                         .async_wait(asio::experimental::wait_for_all(), asio::use_awaitable);
    (void)order;
    for (auto& failure : failures)
        if (failure)
            std::rethrow_exception(failure);
    co_return std::move(values);
}

}  // namespace agent_backends::detail

#endif
