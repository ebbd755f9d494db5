// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_APP_HELP_TEXT_HPP
#define AGENT_BACKENDS_APP_HELP_TEXT_HPP

#include <string>
#include <string_view>

namespace agent_backends::app {

/// `agent-backends --help`: the commands, then the tools with their arguments.
std::string program_help();

/// `agent-backends call --help`: the call command, then the tools with their arguments.
std::string call_help();

/// `agent-backends call TOOL --help`: the tool's whole description and arguments. Throws usage_error for
/// an unknown tool.
std::string tool_help(std::string_view tool);

/// The options that put the workspace in a container, shared by call, mcp and serve.
std::string_view sandbox_options_help();

}  // namespace agent_backends::app

#endif
