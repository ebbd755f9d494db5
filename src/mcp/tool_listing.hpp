// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_MCP_TOOL_LISTING_HPP
#define AGENT_BACKENDS_SRC_MCP_TOOL_LISTING_HPP

#include <agent_backends/console/tool_definition.hpp>

#include <boost/json/object.hpp>

#include <vector>

namespace agent_backends::detail {

/// The `tools/list` result: each tool with its name, a title, its description, its input schema as a JSON
/// object and annotations derived from its operation (read-only for ls/read/glob/grep, destructive for
/// write/edit/execute; only execute reaches beyond the workspace).
boost::json::object tools_list_result(const std::vector<tool_definition>& definitions);

}  // namespace agent_backends::detail

#endif
