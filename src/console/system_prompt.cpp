// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "console/system_prompt.hpp"

namespace agent_backends::detail {

std::string console_system_prompt(edit_format format, const std::vector<tool_definition>& tools)
{
    std::string file_tools;
    bool has_execute = false;
    for (const auto& t : tools)
    {
        if (t.name == "execute")
        {
            has_execute = true;
            continue;
        }
        file_tools += (file_tools.empty() ? "" : ", ") + t.name;
    }
    const bool hashline = format == edit_format::hashline;
    std::string out = hashline ? "## Console Tools — Hashline Edit Mode\n\n" : "## Console Tools\n\n";
    out += "You have access to filesystem tools (" + file_tools + ")";
    out += has_execute ? " and shell execution (execute)." : ".";
    if (hashline)
        out += " File contents use hashline format: read_file shows each line as "
               "`{line_number}:{hash}|{content}`, tagged with a hash of its content, and hashline_edit "
               "addresses lines by those tags.";
    out += " Read each tool's description for detailed usage guidance.\n";
    return out;
}

}  // namespace agent_backends::detail
