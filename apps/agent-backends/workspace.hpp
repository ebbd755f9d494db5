// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_APP_WORKSPACE_HPP
#define AGENT_BACKENDS_APP_WORKSPACE_HPP

#include "command_line.hpp"

#include <agent_backends/sandbox.hpp>
#include <agent_backends/task.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <memory>
#include <string>

namespace agent_backends::app {

/// The sandbox the tools work in: a local directory (file work on `disk`), or a container, pod or cloud
/// sandbox reached from `io` and created on first use.
/// Throws `error` when the directory cannot be opened, the runtime is unknown, or the cluster's or
/// Daytona's configuration cannot be read.
std::shared_ptr<sandbox> open_workspace(const workspace_request& request, bool execute,
                                        boost::asio::any_io_executor io, boost::asio::any_io_executor disk);

/// One phrase for the start-up log line (`root ./w`, `docker image alpine`, `kubernetes pod, image …`).
std::string describe_workspace(const workspace_request& request);

/// Runs `body`, then stops `workspace` (removing a container) whether the body ended, failed or was
/// cancelled; the body's outcome is rethrown afterwards.
task<void> run_then_stop(std::shared_ptr<sandbox> workspace, task<void> body);

}  // namespace agent_backends::app

#endif
