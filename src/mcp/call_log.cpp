// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/call_log.hpp"

#include <cstdio>

namespace agent_backends::detail {
namespace {

// Method names and ids come from the client: one short line each, whatever they contain.
void append_field(std::string& line, std::string_view field)
{
    constexpr std::size_t max_field = 80;
    if (field.empty())
        field = "-";
    for (char c : field.substr(0, max_field))
    {
        if (c == ' ')
            line += '_';
        else
            line += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c;
    }
    if (field.size() > max_field)
        line += "...";
}

}  // namespace

std::string call_log_line(std::string_view method, std::string_view subject,
                          std::chrono::steady_clock::duration took, std::string_view outcome)
{
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.1f", std::chrono::duration<double, std::milli>(took).count());
    std::string line;
    append_field(line, method);
    line += ' ';
    append_field(line, subject);
    line += ' ';
    line += ms;
    line += " ms ";
    line += outcome;
    return line;
}

}  // namespace agent_backends::detail
