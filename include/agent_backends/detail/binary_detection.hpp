// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_DETAIL_BINARY_DETECTION_HPP
#define AGENT_BACKENDS_DETAIL_BINARY_DETECTION_HPP

#include <cstddef>
#include <cstring>
#include <string_view>

namespace agent_backends::detail {

/// How much of a file's start decides whether it is binary.
inline constexpr std::size_t binary_probe_bytes = 8192;

/// A file is binary when its first 8 KB hold a NUL byte (as git and ripgrep decide).
inline bool looks_binary(std::string_view head) noexcept
{
    auto n = head.size() < binary_probe_bytes ? head.size() : binary_probe_bytes;
    return n != 0 && std::memchr(head.data(), '\0', n) != nullptr;
}

}  // namespace agent_backends::detail

#endif
