// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "console/tool_catalog.hpp"

#include "console/tool_descriptions.hpp"
#include "console/tool_examples.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <string_view>
#include <utility>

namespace agent_backends::detail {
namespace {

parameter_spec required_string(std::string name, std::string description)
{
    return {.name = std::move(name), .description = std::move(description), .required = true};
}

parameter_spec optional_string(std::string name, std::string description, std::string default_value)
{
    return {.name = std::move(name),
            .description = std::move(description),
            .default_value = std::move(default_value)};
}

parameter_spec nullable_string(std::string name, std::string description)
{
    return {.name = std::move(name), .description = std::move(description), .nullable = true};
}

parameter_spec optional_integer(std::string name, std::string description, std::int64_t default_value,
                                std::int64_t minimum)
{
    return {.name = std::move(name),
            .type = parameter_type::integer,
            .description = std::move(description),
            .default_value = default_value,
            .minimum = minimum};
}

parameter_spec optional_boolean(std::string name, std::string description, bool default_value)
{
    return {.name = std::move(name),
            .type = parameter_type::boolean,
            .description = std::move(description),
            .default_value = default_value};
}

// In hashline mode the edit tool is hashline_edit: descriptions that point to edit_file point there.
std::string for_edit_format(std::string_view text, edit_format format)
{
    std::string out(text);
    if (format != edit_format::hashline)
        return out;
    static constexpr std::string_view from = "`edit_file`";
    static constexpr std::string_view to = "`hashline_edit`";
    for (auto at = out.find(from); at != std::string::npos; at = out.find(from, at + to.size()))
        out.replace(at, from.size(), to);
    return out;
}

std::vector<parameter_spec> read_file_parameters()
{
    return {
        required_string("path",
                        "File to read: a path from the workspace root (`src/app.py` or `/src/app.py`)."),
        optional_integer("offset", "First line to return, counting from 0.", 0, 0),
        optional_integer("limit", "Largest number of lines to return.", 2000, 1),
    };
}

std::vector<parameter_spec> edit_file_parameters()
{
    return {
        required_string("path", "File to edit."),
        required_string("old_string",
                        "Text to replace, matched exactly (whitespace and indentation included)."),
        required_string("new_string", "Text to put in its place."),
        optional_boolean("replace_all",
                         "Replace every occurrence; when false, `old_string` must occur exactly once.",
                         false),
    };
}

std::vector<parameter_spec> hashline_edit_parameters()
{
    auto end_line = optional_integer(
        "end_line", "Last line of an inclusive range to replace; leave out for one line.", 0, 1);
    end_line.nullable = true;
    end_line.default_value = std::monostate{};
    return {
        required_string("path", "File to edit."),
        {.name = "start_line",
         .type = parameter_type::integer,
         .description = "Line the edit starts at (1-based), as shown in its tag.",
         .required = true,
         .minimum = 1},
        required_string("start_hash", "The two-character hash shown for `start_line`."),
        required_string("new_content", "Replacement lines, separated by `\\n`; an empty string deletes."),
        std::move(end_line),
        nullable_string("end_hash", "The two-character hash shown for `end_line` (checked when given)."),
        optional_boolean("insert_after", "Insert `new_content` after `start_line` instead of replacing it.",
                         false),
    };
}

std::vector<parameter_spec> grep_parameters(const console_options& opts)
{
    auto mode = optional_string("output_mode",
                                "`files_with_matches` lists matching files, `content` the matching lines, "
                                "`count` counts matching lines.",
                                "files_with_matches");
    mode.choices = {"files_with_matches", "content", "count"};
    return {
        required_string("pattern", "Regular expression (RE2 syntax) to search for."),
        nullable_string("path", "File or directory to search; the workspace root when left out."),
        nullable_string("glob_pattern",
                        "Only search files matching this glob, e.g. `*.py` (any depth) or `src/**/*.ts`."),
        std::move(mode),
        optional_boolean("ignore_hidden",
                         "Skip hidden files and directories and those ignored by .gitignore.",
                         opts.default_ignore_hidden),
    };
}

std::string description_of(const console_options& opts, const std::string& name, std::string_view built_in)
{
    auto it = opts.descriptions.find(name);
    return it != opts.descriptions.end() ? it->second : for_edit_format(built_in, opts.edit_format);
}

boost::json::value default_json(const argument_value& v)
{
    struct to_json
    {
        boost::json::value operator()(std::monostate) const { return nullptr; }
        boost::json::value operator()(const std::string& s) const { return boost::json::string(s); }
        boost::json::value operator()(std::int64_t i) const { return i; }
        boost::json::value operator()(bool b) const { return b; }
    };
    return std::visit(to_json{}, v);
}

std::string_view type_name(parameter_type t)
{
    switch (t)
    {
    case parameter_type::string: return "string";
    case parameter_type::integer: return "integer";
    case parameter_type::boolean: return "boolean";
    }
    return "string";
}

// With a ruleset, the write tools need approval when its write default is ask (edits included, as in
// the Python library), execute when its execute default is; the legacy flags apply otherwise.
bool write_approval(const console_options& opts)
{
    if (!opts.permissions)
        return opts.require_write_approval;
    return opts.permissions->permissions_for(permission_operation::write).default_action ==
           permission_action::ask;
}

bool execute_approval(const console_options& opts)
{
    if (!opts.permissions)
        return opts.require_execute_approval;
    return opts.permissions->permissions_for(permission_operation::execute).default_action ==
           permission_action::ask;
}

bool denied_everywhere(const tool_spec& tool, const permission_checker& rules)
{
    auto op = parse_permission_operation(tool.operation);
    return op && rules.check_sync(*op, "*") == permission_action::deny;
}

}  // namespace

std::vector<tool_spec> console_tool_specs(const console_options& opts, const permission_checker* rules)
{
    const bool hashline = opts.edit_format == edit_format::hashline;
    const bool writes_need_approval = write_approval(opts);
    std::vector<tool_spec> tools;
    auto add = [&](std::string name, std::string operation, std::string_view description, bool approval,
                   std::vector<parameter_spec> parameters, std::vector<std::string> examples) {
        auto text = description_of(opts, name, description);
        tools.push_back({std::move(name), std::move(operation), std::move(text), approval,
                         std::move(parameters), std::move(examples)});
    };

    add("ls", "ls", ls_description, false,
        {optional_string("path", "Directory to list; `.` or `/` is the workspace root.", ".")},
        ls_examples());
    add("read_file", "read", hashline ? hashline_read_file_description : read_file_description, false,
        read_file_parameters(), read_file_examples());
    add("write_file", "write", write_file_description, writes_need_approval,
        {required_string("path", "File to write; missing parent directories are created."),
         required_string("content", "The file's complete new content.")},
        write_file_examples());
    if (hashline)
        add("hashline_edit", "edit", hashline_edit_description, writes_need_approval,
            hashline_edit_parameters(), hashline_edit_examples());
    else
        add("edit_file", "edit", edit_file_description, writes_need_approval, edit_file_parameters(),
            edit_file_examples());
    add("glob", "glob", glob_description, false,
        {required_string("pattern", "Glob pattern, e.g. `**/*.py`, `src/*.ts`, `**/*.{js,ts,tsx}`."),
         optional_string("path", "Directory to search from; `.` or `/` is the workspace root.", ".")},
        glob_examples());
    add("grep", "grep", grep_description, false, grep_parameters(opts), grep_examples());
    if (opts.include_execute)
        add("execute", "execute", execute_description, execute_approval(opts),
            {required_string("command", "The shell command to run."),
             optional_integer("timeout", "Seconds before the command is killed.", 120, 1)},
            execute_examples());
    if (rules)
        std::erase_if(tools, [&](const tool_spec& t) { return denied_everywhere(t, *rules); });
    return tools;
}

std::string input_schema_json(const tool_spec& tool)
{
    boost::json::object properties;
    boost::json::array required;
    for (const auto& p : tool.parameters)
    {
        boost::json::object property;
        if (p.nullable)
            property["type"] = boost::json::array{type_name(p.type), "null"};
        else
            property["type"] = type_name(p.type);
        property["description"] = p.description;
        if (!p.choices.empty())
        {
            boost::json::array choices;
            for (const auto& c : p.choices)
                choices.emplace_back(c);
            property["enum"] = std::move(choices);
        }
        if (p.minimum)
            property["minimum"] = *p.minimum;
        if (p.required)
            required.emplace_back(p.name);
        else
            property["default"] = default_json(p.default_value);
        properties[p.name] = std::move(property);
    }
    boost::json::object schema;
    schema["type"] = "object";
    schema["properties"] = std::move(properties);
    schema["required"] = std::move(required);
    schema["additionalProperties"] = false;
    return boost::json::serialize(schema);
}

}  // namespace agent_backends::detail
