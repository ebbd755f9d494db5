// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_TEXT_LINE_ENDINGS_HPP
#define AGENT_BACKENDS_SRC_TEXT_LINE_ENDINGS_HPP

#include <string>
#include <string_view>

namespace agent_backends::detail {

/// A text is CRLF when its first line break is `\r\n`; texts without a line break are LF.
inline bool uses_crlf(std::string_view text) noexcept
{
    auto nl = text.find('\n');
    return nl != std::string_view::npos && nl != 0 && text[nl - 1] == '\r';
}

/// `text` with every `\n` not already preceded by `\r` written as `\r\n`.
inline std::string with_crlf(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + text.size() / 16);
    for (std::size_t i = 0; i < text.size(); ++i)
    {
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))
            out += '\r';
        out += text[i];
    }
    return out;
}

}  // namespace agent_backends::detail

#endif
