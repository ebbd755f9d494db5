// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_MCP_HTTP_SESSION_ID_HPP
#define AGENT_BACKENDS_SRC_MCP_HTTP_SESSION_ID_HPP

#include <string>

namespace agent_backends::detail::mcp_http {

/// A new `Mcp-Session-Id`: 128 bits from the operating system's CSPRNG as 32 lowercase hex digits.
/// \par Errors
/// `errc::unavailable` when the random source fails.
std::string new_session_id();

}  // namespace agent_backends::detail::mcp_http

#endif
