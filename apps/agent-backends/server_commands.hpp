// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_APP_SERVER_COMMANDS_HPP
#define AGENT_BACKENDS_APP_SERVER_COMMANDS_HPP

#include "command_line.hpp"

#include <string>

namespace agent_backends::app {

/// `agent-backends mcp`: serves MCP over standard input and output until the client closes its end or
/// SIGINT/SIGTERM arrives. Log lines go to standard error. Returns the exit status.
int run_mcp(const server_request& request);

/// `agent-backends serve`: serves MCP over Streamable HTTP until SIGINT/SIGTERM. Prints the URL and the
/// client configuration on standard output once listening; log lines go to standard error.
int run_serve(const server_request& request);

/// The `--help` texts of the two commands.
std::string mcp_help();
std::string serve_help();

}  // namespace agent_backends::app

#endif
