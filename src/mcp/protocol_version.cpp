// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/protocol_version.hpp"

namespace agent_backends::detail {

bool is_supported_protocol_version(std::string_view version) noexcept
{
    for (auto v : supported_protocol_versions)
        if (v == version)
            return true;
    return false;
}

std::string supported_protocol_versions_text()
{
    std::string out;
    for (auto v : supported_protocol_versions)
        out.append(out.empty() ? "" : ", ").append(v);
    return out;
}

std::string_view negotiate_protocol_version(std::string_view requested) noexcept
{
    return is_supported_protocol_version(requested) ? requested : latest_protocol_version;
}

}  // namespace agent_backends::detail
