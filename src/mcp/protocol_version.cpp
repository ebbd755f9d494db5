// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/protocol_version.hpp"

#include <array>

namespace agent_backends::detail {

std::string_view negotiate_protocol_version(std::string_view requested) noexcept
{
    static constexpr std::array<std::string_view, 3> supported{latest_protocol_version, "2025-03-26",
                                                               "2024-11-05"};
    for (auto v : supported)
        if (v == requested)
            return v;
    return latest_protocol_version;
}

}  // namespace agent_backends::detail
