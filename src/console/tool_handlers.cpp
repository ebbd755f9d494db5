// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "console/tool_handlers.hpp"

#include "console/binary_files.hpp"
#include "console/tool_output.hpp"

#include <agent_backends/error.hpp>
#include <agent_backends/hashline.hpp>
#include <agent_backends/sandbox.hpp>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>

namespace agent_backends::detail {
namespace {

tool_result answer(std::string text)
{
    return {.text = std::move(text)};
}

tool_result failure(std::string_view message)
{
    return {.text = "Error: " + std::string(message), .is_error = true};
}

read_options line_range(const tool_arguments& args)
{
    return {.offset = static_cast<std::size_t>(args.integer("offset")),
            .limit = static_cast<std::size_t>(args.integer("limit"))};
}

task<tool_result> run_ls(const console_state& s, const tool_arguments& args)
{
    const auto& path = args.string("path");
    co_return answer(format_listing(path, co_await s.workspace->ls(path)));
}

task<tool_result> run_read_file(const console_state& s, const tool_arguments& args)
{
    const auto& path = args.string("path");
    if (auto kind = binary_kind_for(path, s.options))
        co_return co_await read_binary_file(*s.workspace, path, *kind);
    if (s.options.edit_format == edit_format::hashline)
        co_return answer(co_await read_hashline(*s.workspace, path, line_range(args)));
    co_return answer(co_await s.workspace->read(path, line_range(args)));
}

task<tool_result> run_write_file(const console_state& s, const tool_arguments& args)
{
    const auto& content = args.string("content");
    co_return answer(format_write(content, co_await s.workspace->write(args.string("path"), content)));
}

task<tool_result> run_edit_file(const console_state& s, const tool_arguments& args)
{
    edit_request req{.old_string = args.string("old_string"),
                     .new_string = args.string("new_string"),
                     .replace_all = args.boolean("replace_all")};
    if (req.old_string.empty())
        co_return failure("old_string must not be empty");
    co_return answer(format_edit(co_await s.workspace->edit(args.string("path"), std::move(req))));
}

task<tool_result> run_hashline_edit(const console_state& s, const tool_arguments& args)
{
    hashline_edit_request req{.start_line = static_cast<std::size_t>(args.integer("start_line")),
                              .start_hash = args.string("start_hash"),
                              .new_content = args.string("new_content"),
                              .insert_after = args.boolean("insert_after")};
    if (auto end = args.optional_integer("end_line"))
        req.end_line = static_cast<std::size_t>(*end);
    req.end_hash = args.optional_string("end_hash");
    auto done = co_await hashline_edit(*s.workspace, args.string("path"), std::move(req));
    co_return answer("Edited " + done.path + ": " + done.summary);
}

task<tool_result> run_glob(const console_state& s, const tool_arguments& args)
{
    const auto& pattern = args.string("pattern");
    const auto& path = args.string("path");
    co_return answer(format_glob(pattern, path, co_await s.workspace->glob(pattern, path)));
}

task<tool_result> run_grep(const console_state& s, const tool_arguments& args)
{
    grep_request req{.pattern = args.string("pattern"),
                     .path = args.optional_string("path").value_or("/"),
                     .glob = args.optional_string("glob_pattern").value_or(""),
                     .ignore_hidden = args.boolean("ignore_hidden")};
    auto mode = parse_grep_output_mode(args.string("output_mode"));
    auto pattern = req.pattern;
    co_return answer(format_grep(pattern, co_await s.workspace->grep(std::move(req)), mode));
}

task<tool_result> run_execute(const console_state& s, const tool_arguments& args)
{
    auto* shell = dynamic_cast<sandbox*>(s.workspace.get());
    if (!shell)
        co_return failure("Backend does not support command execution");
    // A year is "no limit" for a shell command, and keeps the conversion to milliseconds in range.
    constexpr std::int64_t max_timeout_seconds = 365LL * 24 * 3600;
    execute_options opts;
    opts.timeout = std::chrono::seconds(std::min(args.integer("timeout"), max_timeout_seconds));
    execute_response response;
    bool disabled = false;
    try
    {
        response = co_await shell->execute(args.string("command"), std::move(opts));
    }
    catch (const error& e)
    {
        if (e.condition() != errc::not_supported)
            throw;
        disabled = true;
    }
    if (disabled)
        co_return failure("Shell execution is disabled for this backend");
    co_return answer(format_execute(response));
}

}  // namespace

task<tool_result> run_tool(const console_state& state, const tool_spec& tool, const tool_arguments& args)
{
    const auto& name = tool.name;
    if (name == "ls")
        return run_ls(state, args);
    if (name == "read_file")
        return run_read_file(state, args);
    if (name == "write_file")
        return run_write_file(state, args);
    if (name == "edit_file")
        return run_edit_file(state, args);
    if (name == "hashline_edit")
        return run_hashline_edit(state, args);
    if (name == "glob")
        return run_glob(state, args);
    if (name == "grep")
        return run_grep(state, args);
    if (name == "execute")
        return run_execute(state, args);
    throw std::logic_error("console tool without a handler: " + name);
}

}  // namespace agent_backends::detail
