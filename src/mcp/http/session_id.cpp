// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/http/session_id.hpp"

#include <agent_backends/error.hpp>

#include <array>

#include <openssl/rand.h>

namespace agent_backends::detail::mcp_http {

std::string new_session_id()
{
    std::array<unsigned char, 16> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
        throw error(errc::unavailable, "The random number generator failed; cannot create an MCP session");
    constexpr char digits[] = "0123456789abcdef";
    std::string id;
    id.reserve(bytes.size() * 2);
    for (auto b : bytes)
    {
        id += digits[b >> 4];
        id += digits[b & 0xf];
    }
    return id;
}

}  // namespace agent_backends::detail::mcp_http
