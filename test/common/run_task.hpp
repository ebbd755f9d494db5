// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_RUN_TASK_HPP
#define AGENT_BACKENDS_TEST_RUN_TASK_HPP

#include <agent_backends/task.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <exception>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace agent_backends::test {

/// Runs a task to completion on a fresh io_context and returns its value (or rethrows).
template <class T>
T run_task(task<T> t)
{
    boost::asio::io_context io;
    std::exception_ptr failure;
    if constexpr (std::is_void_v<T>)
    {
        boost::asio::co_spawn(io, std::move(t), [&](std::exception_ptr e) { failure = e; });
        io.run();
        if (failure)
            std::rethrow_exception(failure);
    }
    else
    {
        std::optional<T> result;
        boost::asio::co_spawn(io, std::move(t), [&](std::exception_ptr e, T v) {
            failure = e;
            if (!e)
                result.emplace(std::move(v));
        });
        io.run();
        if (failure)
            std::rethrow_exception(failure);
        return std::move(*result);
    }
}

/// Runs a task to completion on `io`, which other work shares (idle connections, background readers): that
/// work does not keep it waiting once the task is done. Fails with `std::runtime_error` after `limit`.
template <class T>
T run_task_on(boost::asio::io_context& io, task<T> t, std::chrono::steady_clock::duration limit)
{
    std::exception_ptr failure;
    bool done = false;
    std::optional<std::conditional_t<std::is_void_v<T>, int, T>> result;
    if constexpr (std::is_void_v<T>)
        boost::asio::co_spawn(io, std::move(t), [&](std::exception_ptr e) {
            failure = e;
            done = true;
        });
    else
        boost::asio::co_spawn(io, std::move(t), [&](std::exception_ptr e, T v) {
            failure = e;
            if (!e)
                result.emplace(std::move(v));
            done = true;
        });
    io.restart();
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done)
    {
        if (std::chrono::steady_clock::now() > deadline)
            throw std::runtime_error("a test task ran for longer than its limit");
        io.run_one_for(std::chrono::milliseconds(100));
    }
    if (failure)
        std::rethrow_exception(failure);
    if constexpr (!std::is_void_v<T>)
        return std::move(*result);
}

}  // namespace agent_backends::test

#endif
