// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_APP_CALL_COMMAND_HPP
#define AGENT_BACKENDS_APP_CALL_COMMAND_HPP

#include "command_line.hpp"

namespace agent_backends::app {

/// Exit statuses of `agent-backends call`.
enum exit_status : int
{
    exit_answered = 0,      ///< The tool answered (a command that failed included).
    exit_tool_error = 1,    ///< The tool reported an error, or the workspace could not be opened.
    exit_usage = 2,         ///< Bad usage: invalid JSON, unknown tool or argument, bad flags.
    exit_interrupted = 130  ///< SIGINT or SIGTERM cancelled the call.
};

/// Runs one tool on a local directory; prints its text and a newline on stdout, messages on stderr.
/// SIGINT and SIGTERM cancel the call (a running command is killed with its process group).
int run_call(const call_request& request);

}  // namespace agent_backends::app

#endif
