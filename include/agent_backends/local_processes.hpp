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
    /// \param working_dir Host directory commands start in unless `execute_options::working_dir` says otherwise.
    explicit local_processes(std::string working_dir);
    ~local_processes();
    local_processes(const local_processes&) = delete;
    local_processes& operator=(const local_processes&) = delete;

    /// \brief Runs a command to completion. Timeout -> exit code 124 and a note; killed by signal N -> 128+N.
    task<execute_response> execute(std::string_view command, execute_options opts = {});

    /// \brief Starts a command that keeps running; its output is kept (bounded) until read.
    task<std::shared_ptr<background_job>> start_background(std::string_view command, execute_options opts = {});

    /// \brief Kills every background job still running and reaps it. Idempotent.
    task<void> stop();

private:
    struct impl;
    std::shared_ptr<impl> impl_;
};

}  // namespace agent_backends

#endif
