// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_MCP_BASE64_HPP
#define AGENT_BACKENDS_SRC_MCP_BASE64_HPP

#include <string>
#include <string_view>

namespace agent_backends::detail {

/// Standard base64 (RFC 4648, with `=` padding), as MCP image and blob content carry bytes.
std::string base64_encode(std::string_view bytes);

}  // namespace agent_backends::detail

#endif
