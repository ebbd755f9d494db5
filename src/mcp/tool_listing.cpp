// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/tool_listing.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include <string_view>
#include <utility>

namespace json = boost::json;

namespace agent_backends::detail {
namespace {

std::string_view title_of(std::string_view name)
{
    if (name == "ls")
        return "List directory";
    if (name == "read_file")
        return "Read file";
    if (name == "write_file")
        return "Write file";
    if (name == "edit_file")
        return "Edit file";
    if (name == "hashline_edit")
        return "Edit lines by hash";
    if (name == "glob")
        return "Find files";
    if (name == "grep")
        return "Search file contents";
    if (name == "execute")
        return "Run command";
    return {};
}

json::object annotations_of(const tool_definition& d)
{
    const std::string& op = d.operation;
    bool read_only = op == "ls" || op == "read" || op == "glob" || op == "grep";
    json::object a;
    if (auto title = title_of(d.name); !title.empty())
        a["title"] = title;
    a["readOnlyHint"] = read_only;
    if (!read_only)
    {
        a["destructiveHint"] = true;
        // Writing the same content twice leaves the same file; an edit or a command may not.
        a["idempotentHint"] = op == "write";
    }
    else
        a["idempotentHint"] = true;
    // A command can reach anything the host can; file tools stay inside the workspace.
    a["openWorldHint"] = op == "execute";
    return a;
}

json::value schema_of(const tool_definition& d)
{
    boost::system::error_code ec;
    json::value schema = json::parse(d.input_schema, ec);
    if (ec || !schema.is_object())
        return json::object{{"type", "object"}};
    return schema;
}

}  // namespace

json::object tools_list_result(const std::vector<tool_definition>& definitions)
{
    json::array tools;
    for (const auto& d : definitions)
    {
        json::object t;
        t["name"] = d.name;
        if (auto title = title_of(d.name); !title.empty())
            t["title"] = title;
        t["description"] = d.description;
        t["inputSchema"] = schema_of(d);
        t["annotations"] = annotations_of(d);
        tools.push_back(std::move(t));
    }
    return {{"tools", std::move(tools)}};
}

}  // namespace agent_backends::detail
