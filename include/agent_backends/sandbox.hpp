// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SANDBOX_HPP
#define AGENT_BACKENDS_SANDBOX_HPP

#include <agent_backends/backend.hpp>
#include <agent_backends/background_job.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string_view>

namespace agent_backends {

/// \brief A \ref backend that can also run commands.
///
/// \par Cancellation
/// Cancelling \ref execute kills the command's whole process tree (SIGTERM, a grace period, SIGKILL) and
/// reaps it before `operation_aborted` is thrown.
class sandbox : public backend
{
public:
    /// \brief A stable id for logs and session bookkeeping.
    virtual std::string_view id() const = 0;

    /// \brief Runs `/bin/sh -c command`. A non-zero exit status or a timeout is a response, not an error.
    virtual task<execute_response> execute(std::string_view command, execute_options opts = {}) = 0;

    /// \brief Starts a command that keeps running after this call returns.
    virtual task<std::shared_ptr<background_job>> start_background(std::string_view command,
                                                                   execute_options opts = {}) = 0;

    /// \brief Creates whatever backs the sandbox (container, pod, remote sandbox). Idempotent.
    virtual task<void> start() = 0;

    /// \brief Releases everything \ref start created, background jobs included. Idempotent.
    virtual task<void> stop() = 0;

    /// \brief Whether the sandbox can still run commands (its container or pod still runs). Default: true.
    virtual task<bool> is_alive() { co_return true; }

    /// \brief When the sandbox last ran an operation; empty when it does not keep track (a
    /// \ref session_manager then treats it as just used).
    virtual std::optional<std::chrono::steady_clock::time_point> last_activity() const noexcept
    {
        return std::nullopt;
    }

    /// \brief How long the sandbox may sit idle before a \ref session_manager reaps it; empty: the
    /// manager's default.
    virtual std::optional<std::chrono::seconds> idle_timeout() const noexcept { return std::nullopt; }
};

}  // namespace agent_backends

#endif
