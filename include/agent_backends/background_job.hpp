// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_BACKGROUND_JOB_HPP
#define AGENT_BACKENDS_BACKGROUND_JOB_HPP

#include <agent_backends/task.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace agent_backends {

/// \brief What a background job produced since the previous \ref background_job::read.
struct background_output
{
    std::string output;             ///< New output, stdout and stderr in arrival order.
    bool running{false};            ///< The job has not exited yet.
    std::optional<int> exit_code{}; ///< Set once the job has exited.
    bool truncated{false};          ///< Output was dropped because the job wrote faster than it was read.

    bool operator==(const background_output&) const = default;
};

/// \brief A command started by \ref sandbox::start_background.
///
/// \par Object lifetimes
/// The job belongs to its sandbox: stopping or destroying the sandbox kills it.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: unsafe.
class background_job
{
public:
    virtual ~background_job() = default;

    /// \brief The sandbox-unique id of the job.
    virtual std::string_view id() const = 0;

    /// \brief The command line as given.
    virtual std::string_view command() const = 0;

    /// \brief Output since the previous read (bounded), and whether the job still runs.
    virtual task<background_output> read() = 0;

    /// \brief Waits for the job to exit and returns its exit code.
    /// \par Cancellation
    /// Terminal: stops waiting; the job keeps running.
    virtual task<int> wait() = 0;

    /// \brief Kills the job's process group; true if it was still running.
    virtual task<bool> kill() = 0;
};

}  // namespace agent_backends

#endif
