// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_MCP_PROTOCOL_VERSION_HPP
#define AGENT_BACKENDS_SRC_MCP_PROTOCOL_VERSION_HPP

#include <array>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// The newest MCP revision the server speaks.
inline constexpr std::string_view latest_protocol_version = "2025-06-18";

/// Every revision the server speaks, newest first: the one list negotiation and the HTTP transport's
/// `MCP-Protocol-Version` check both read.
inline constexpr std::array<std::string_view, 3> supported_protocol_versions{latest_protocol_version,
                                                                            "2025-03-26", "2024-11-05"};

/// Whether the server speaks `version`.
bool is_supported_protocol_version(std::string_view version) noexcept;

/// The supported revisions for messages: `2025-06-18, 2025-03-26, 2024-11-05`.
std::string supported_protocol_versions_text();

/// The revision answered to a client asking for `requested`: the same one when the server speaks it
/// (2025-06-18, 2025-03-26, 2024-11-05), else the latest.
std::string_view negotiate_protocol_version(std::string_view requested) noexcept;

}  // namespace agent_backends::detail

#endif
