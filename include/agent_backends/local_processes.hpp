// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_LOCAL_PROCESSES_HPP
#define AGENT_BACKENDS_LOCAL_PROCESSES_HPP

#include <agent_backends/background_job.hpp>
#include <agent_backends/task.hpp>
#include <agent_backends/types.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace agent_backends {

/// \brief Runs shell commands as local subprocesses in a working directory and owns their background jobs.
///
/// \details Each command runs as `/bin/sh -c COMMAND` in its own process group, on the caller's executor (no
/// thread per process). Output (stdout and stderr in arrival order) is captured with bounded memory.
///
/// \par Cancellation
/// Cancelling \ref execute (terminal, partial, total) or reaching its timeout sends SIGTERM to the process
/// group, waits `kill_grace`, sends SIGKILL and reaps: no process of the command survives.
///
/// \par Object lifetimes
/// Destroying the object, or \ref stop, kills every background job it started.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: safe.
class local_processes
{
public:
    /// \param working_dir Host directory commands start in unless `execute_options::working_dir` says
    /// otherwise.
    explicit local_processes(std::string working_dir);

    /// \brief Sends SIGKILL to the process group of every background job still running, without waiting.
    /// \details Each job is reaped by its watching coroutine on the executor that started it, as soon as that
    /// executor runs its handlers; no zombie is left once it has. (If that executor is destroyed instead, the
    /// job is reaped on the spot, or by a short-lived thread while the killed process finishes exiting.)
    /// Use \ref stop for the graceful SIGTERM, grace, SIGKILL sequence.
    ~local_processes();
    local_processes(const local_processes&) = delete;
    local_processes& operator=(const local_processes&) = delete;

    /// \brief Runs a command to completion. Timeout -> exit code 124 and a note; killed by signal N -> 128+N.
    ///
    /// \details `/bin/sh -c command` starts in `opts.working_dir` (empty: the object's directory) with our
    /// environment plus `opts.env`, reading `opts.stdin_text` (empty: /dev/null). stdout and stderr share
    /// one pipe, so the output interleaves as it was written. Beyond `opts.max_output_bytes` the response
    /// keeps the first and the last half of the budget with a line `... [N bytes omitted] ...` between them
    /// and sets `truncated`; the rest is read and dropped, so memory stays bounded whatever the command
    /// prints. A command killed by signal N answers exit code 128+N and a last line
    /// `Killed by signal N (SIGNAME)`. Past `opts.timeout` (0: none) the process group is ended as on
    /// cancellation and the response holds the output so far, then `Error: Command timed out after {n} s`,
    /// with exit code 124. The command is done when the shell exits: what the pipe holds then is kept,
    /// processes it left running in the background are neither waited for nor read.
    ///
    /// \par Errors
    /// `invalid_argument`: the working directory is missing, not a directory or not accessible; an
    /// environment variable name is empty or holds `=`; a NUL byte in the command, directory or
    /// environment. `unavailable`: the system cannot start a process (out of processes or descriptors).
    /// A non-zero exit code or a timeout is a response, not an error.
    ///
    /// \par Cancellation
    /// Terminal, partial, total: SIGTERM to the process group, up to `opts.kill_grace` for the shell to
    /// exit, SIGKILL to what is left of the group, reap; then `operation_aborted` is thrown. The cleanup
    /// itself is not cancellable (it is bounded by `kill_grace` plus 5 s). The command runs on a coroutine
    /// stack of its own, so the awaiting coroutine's cancellation state is left as it was; that state's
    /// filter decides which types reach the command (Asio's default lets terminal through only; widen it
    /// with `co_await this_coro::reset_cancellation_state(enable_total_cancellation())`).
    task<execute_response> execute(std::string_view command, execute_options opts = {});

    /// \brief Starts a command that keeps running; its output is kept (bounded) until read.
    ///
    /// \details Started like \ref execute (`working_dir`, `env`, `stdin_text` apply). `max_output_bytes`
    /// bounds the unread output (the oldest is dropped first and the next read says so); `kill_grace` is
    /// the job's grace on \ref background_job::kill and \ref stop; `timeout` does not apply (a background
    /// job runs until it exits or is killed). Ids are `job-1`, `job-2`, ... The job's operations run on the
    /// executor of the coroutine that started it, which must keep running for them to complete.
    ///
    /// \par Errors
    /// As \ref execute.
    ///
    /// \par Cancellation
    /// Nothing to cancel: the job is started before the first suspension.
    task<std::shared_ptr<background_job>> start_background(std::string_view command,
                                                           execute_options opts = {});

    /// \brief Kills every background job still running and reaps it. Idempotent.
    ///
    /// \details SIGTERM to every job at once, each job's `kill_grace`, SIGKILL to what remains, reaped.
    ///
    /// \par Cancellation
    /// Not cancellable; bounded by the longest grace plus 5 s.
    task<void> stop();

private:
    struct impl;
    std::shared_ptr<impl> impl_;
};

}  // namespace agent_backends

#endif
