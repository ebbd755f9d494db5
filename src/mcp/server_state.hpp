// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_MCP_SERVER_STATE_HPP
#define AGENT_BACKENDS_SRC_MCP_SERVER_STATE_HPP

#include <agent_backends/console/console_toolset.hpp>
#include <agent_backends/mcp/mcp_server.hpp>
#include <agent_backends/mcp/mcp_session.hpp>

#include <boost/json/object.hpp>

#include <memory>
#include <string>

namespace agent_backends::detail {

/// What every session of one server shares; immutable once built.
struct mcp_server_state
{
    console_toolset tools;
    mcp_server_options options;
    std::string version;             ///< `serverInfo.version` (the option, or the library's version).
    std::string instructions;        ///< The option, or the toolset's system prompt.
    boost::json::object tools_list;  ///< The `tools/list` result, built once.
};

/// A new, uninitialized session of the server.
std::shared_ptr<mcp_session> make_server_session(std::shared_ptr<const mcp_server_state> server);

}  // namespace agent_backends::detail

#endif
