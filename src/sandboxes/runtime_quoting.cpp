// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/runtime_quoting.hpp"

#include <cstdio>

namespace agent_backends::detail {
namespace {

bool is_safe_in_shell(char c) noexcept
{
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        return true;
    switch (c)
    {
        case '_':
        case '@':
        case '%':
        case '+':
        case '=':
        case ':':
        case ',':
        case '.':
        case '/':
        case '-':
            return true;
        default:
            return false;
    }
}

void append_hex_escape(std::string& out, unsigned char c)
{
    char buf[5];
    std::snprintf(buf, sizeof buf, "\\x%02x", c);
    out += buf;
}

}  // namespace

std::string shlex_quote(std::string_view value)
{
    if (value.empty())
        return "''";
    bool safe = true;
    for (char c : value)
        safe = safe && is_safe_in_shell(c);
    if (safe)
        return std::string(value);
    std::string out = "'";
    for (char c : value)
    {
        if (c == '\'')
            out += "'\"'\"'";
        else
            out += c;
    }
    out += '\'';
    return out;
}

std::string python_repr(std::string_view value)
{
    const bool has_single = value.find('\'') != std::string_view::npos;
    const bool has_double = value.find('"') != std::string_view::npos;
    const char quote = has_single && !has_double ? '"' : '\'';
    std::string out(1, quote);
    for (std::size_t i = 0; i < value.size(); ++i)
    {
        const auto c = static_cast<unsigned char>(value[i]);
        if (c == '\\')
            out += "\\\\";
        else if (c == static_cast<unsigned char>(quote))
            (out += '\\') += static_cast<char>(c);
        else if (c == '\t')
            out += "\\t";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c < 0x20 || c == 0x7f)
            append_hex_escape(out, c);
        else if (c == 0xc2 && i + 1 < value.size() && static_cast<unsigned char>(value[i + 1]) >= 0x80 &&
                 static_cast<unsigned char>(value[i + 1]) <= 0x9f)
        {
            // U+0080..U+009F (C1 controls) are not printable: Python shows them as \x80..\x9f.
            append_hex_escape(out, static_cast<unsigned char>(value[++i]));
        }
        else
            out += static_cast<char>(c);
    }
    out += quote;
    return out;
}

}  // namespace agent_backends::detail
