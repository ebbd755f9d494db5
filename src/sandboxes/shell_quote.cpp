// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/shell_quote.hpp"

#include <algorithm>

namespace agent_backends::detail {
namespace {

bool is_plain(char c) noexcept
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("/._-+=:,@%").find(c) != std::string_view::npos;
}

}  // namespace

std::string shell_quote(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + 2);
    out += '\'';
    for (char c : text)
    {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    out += '\'';
    return out;
}

std::string shell_word(std::string_view text)
{
    if (!text.empty() && std::all_of(text.begin(), text.end(), is_plain) && text.front() != '-' &&
        text.front() != '=')
        return std::string(text);
    return shell_quote(text);
}

}  // namespace agent_backends::detail
