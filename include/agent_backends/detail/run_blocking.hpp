// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_DETAIL_RUN_BLOCKING_HPP
#define AGENT_BACKENDS_DETAIL_RUN_BLOCKING_HPP

#include <agent_backends/task.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

namespace agent_backends::detail {

/// Runs `fn` on `pool` and resumes on the caller's executor; rethrows what `fn` threw.
/// Terminal/partial/total cancellation sets `cancellation_requested()` for `fn`, waits for it to return
/// and throws `operation_aborted`.
task<void> run_blocking_erased(boost::asio::any_io_executor pool, std::function<void()> fn);

template <class F>
task<std::invoke_result_t<F&>> run_blocking(boost::asio::any_io_executor pool, F fn)
{
    using result_type = std::invoke_result_t<F&>;
    if constexpr (std::is_void_v<result_type>)
    {
        co_await run_blocking_erased(std::move(pool), std::move(fn));
    }
    else
    {
        std::optional<result_type> result;
        // `result` outlives the call: run_blocking_erased always waits for fn to return.
        co_await run_blocking_erased(std::move(pool), [&result, &fn] { result.emplace(fn()); });
        co_return std::move(*result);
    }
}

}  // namespace agent_backends::detail

#endif
