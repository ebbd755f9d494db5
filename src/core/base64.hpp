// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_CORE_BASE64_HPP
#define AGENT_BACKENDS_SRC_CORE_BASE64_HPP

#include <optional>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// Standard base64 (RFC 4648, with `=` padding): MCP image and blob content, Docker's path-stat header,
/// kubeconfig certificate data.
std::string base64_encode(std::string_view bytes);

/// Standard base64 decoding; padding optional, no whitespace. Empty for text that is not base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace agent_backends::detail

#endif
