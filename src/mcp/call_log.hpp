// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_MCP_CALL_LOG_HPP
#define AGENT_BACKENDS_SRC_MCP_CALL_LOG_HPP

#include <chrono>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// One log line of a handled message: `METHOD SUBJECT MS ms OUTCOME`, e.g. `tools/call read_file 1.8 ms ok`
/// or `frobnicate - 0.0 ms error -32601`. An empty subject is written `-`.
std::string call_log_line(std::string_view method, std::string_view subject,
                          std::chrono::steady_clock::duration took, std::string_view outcome);

}  // namespace agent_backends::detail

#endif
