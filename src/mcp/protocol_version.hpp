// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_MCP_PROTOCOL_VERSION_HPP
#define AGENT_BACKENDS_SRC_MCP_PROTOCOL_VERSION_HPP

#include <string_view>

namespace agent_backends::detail {

/// The newest MCP revision the server speaks.
inline constexpr std::string_view latest_protocol_version = "2025-06-18";

/// The revision answered to a client asking for `requested`: the same one when the server speaks it
/// (2025-06-18, 2025-03-26, 2024-11-05), else the latest.
std::string_view negotiate_protocol_version(std::string_view requested) noexcept;

}  // namespace agent_backends::detail

#endif
