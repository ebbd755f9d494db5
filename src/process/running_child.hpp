// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_PROCESS_RUNNING_CHILD_HPP
#define AGENT_BACKENDS_SRC_PROCESS_RUNNING_CHILD_HPP

#include <agent_backends/detail/output_sink.hpp>
#include <agent_backends/detail/process_group.hpp>
#include <agent_backends/task.hpp>

#include "process/shell_spawn.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <chrono>
#include <optional>

namespace agent_backends::detail {

/// A started shell bound to an executor: its output pipe and its exit, both awaited without a thread.
struct running_child
{
    running_child(const boost::asio::any_io_executor& ex, spawned_shell shell);

    process_group group;  ///< Declared first: destroyed last, after the descriptors.
    boost::asio::posix::stream_descriptor output;
    boost::asio::posix::stream_descriptor exit_watch;
    bool output_open{true};  ///< No end-of-file seen on the output yet.
    bool exited{false};      ///< The shell has exited (it may still need reaping).
};

enum class watch_end
{
    exited,    ///< The shell exited; its output is drained.
    deadline,  ///< The deadline passed first; the shell may still run.
};

/// Copies the child's output into `sink` until the shell exits (then takes what the pipe already holds,
/// without waiting for processes the shell left behind) or `deadline` passes.
///
/// Cancellation: terminal, partial and total throw `operation_aborted`; the child keeps running.
task<watch_end> watch_child(running_child& child, output_sink& sink,
                            std::chrono::steady_clock::time_point deadline);

/// Reads what the output pipe holds right now, without waiting.
void drain_available(running_child& child, output_sink& sink);

/// Waits until the shell exits or `deadline` passes (then `child.exited` stays false).
task<void> wait_exit_until(running_child& child, std::chrono::steady_clock::time_point deadline);

/// Ends the child's process group: SIGTERM, up to `grace` for the shell to exit, SIGKILL, then reaps the
/// shell after killing whatever is left of its group. Bounded: gives up waiting 5 s after SIGKILL (the
/// process_group destructor then finishes the job without blocking).
///
/// Cancellation: none (cleanup must finish). The calling coroutine must have reset its cancellation state
/// (`co_await this_coro::reset_cancellation_state(...)`) first, or awaiting this throws.
task<void> terminate_child(running_child& child, std::chrono::milliseconds grace);

/// The shell's `waitpid` status once it exited (reaping it); nothing while it runs.
std::optional<int> reap(running_child& child);

}  // namespace agent_backends::detail

#endif
