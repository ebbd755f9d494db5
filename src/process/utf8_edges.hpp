// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_PROCESS_UTF8_EDGES_HPP
#define AGENT_BACKENDS_SRC_PROCESS_UTF8_EDGES_HPP

// Where a byte window cut out of a UTF-8 stream may start and end without splitting a character.
#include <cstddef>
#include <string_view>

namespace agent_backends::detail {

inline bool is_utf8_continuation(unsigned char c) noexcept
{
    return (c & 0xC0) == 0x80;
}

/// How many leading bytes are continuation bytes of a character that began before the window (at most 3).
inline std::size_t utf8_continuation_prefix(std::string_view s) noexcept
{
    std::size_t n = 0;
    while (n < s.size() && n < 3 && is_utf8_continuation(static_cast<unsigned char>(s[n])))
        ++n;
    return n;
}

/// The length of `s` without a character that the window cuts short at its end.
inline std::size_t utf8_complete_prefix(std::string_view s) noexcept
{
    for (std::size_t back = 1; back <= 4 && back <= s.size(); ++back)
    {
        auto c = static_cast<unsigned char>(s[s.size() - back]);
        if (is_utf8_continuation(c))
            continue;
        std::size_t need = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return need > back ? s.size() - back : s.size();
    }
    return s.size();
}

}  // namespace agent_backends::detail

#endif
