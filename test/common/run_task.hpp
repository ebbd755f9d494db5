// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_RUN_TASK_HPP
#define AGENT_BACKENDS_TEST_RUN_TASK_HPP

#include <agent_backends/task.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <exception>
#include <optional>
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

}  // namespace agent_backends::test

#endif
