// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "console/tool_output.hpp"

#include <algorithm>

namespace agent_backends::detail {
namespace {

constexpr std::size_t max_glob_paths = 100;
constexpr std::size_t max_grep_entries = 50;
constexpr std::size_t max_grep_line_chars = 100;

std::string quoted(std::string_view s)
{
    return "'" + std::string(s) + "'";
}

}  // namespace

std::string format_listing(std::string_view path, const std::vector<file_info>& entries)
{
    if (entries.empty())
        return "Directory " + quoted(path) + " is empty or does not exist";
    std::string out = "Contents of " + std::string(path) + ":";
    for (const auto& e : entries)
    {
        out += "\n  " + e.name;
        if (e.is_dir)
            out += "/";
        else if (e.size)
            out += " (" + std::to_string(*e.size) + " bytes)";
    }
    return out;
}

std::string format_write(std::string_view content, const write_result& result)
{
    auto lines = std::count(content.begin(), content.end(), '\n') + 1;
    return "Wrote " + std::to_string(lines) + " lines to " + result.path;
}

std::string format_edit(const edit_result& result)
{
    return "Edited " + result.path + ": replaced " + std::to_string(result.occurrences) + " occurrence(s)";
}

std::string format_glob(std::string_view pattern, std::string_view path, const std::vector<file_info>& files)
{
    if (files.empty())
        return "No files matching " + quoted(pattern) + " in " + std::string(path);
    std::string out = "Found " + std::to_string(files.size()) + " file(s) matching " + quoted(pattern) + ":";
    for (std::size_t i = 0; i < files.size() && i < max_glob_paths; ++i)
        out += "\n  " + files[i].path;
    if (files.size() > max_glob_paths)
        out += "\n  ... and " + std::to_string(files.size() - max_glob_paths) + " more";
    return out;
}

grep_output_mode parse_grep_output_mode(std::string_view mode)
{
    if (mode == "content")
        return grep_output_mode::content;
    if (mode == "count")
        return grep_output_mode::count;
    return grep_output_mode::files_with_matches;
}

std::string format_grep(std::string_view pattern, const std::vector<grep_match>& matches,
                        grep_output_mode mode)
{
    if (matches.empty())
        return "No matches for " + quoted(pattern);
    switch (mode)
    {
    case grep_output_mode::count:
        return "Found " + std::to_string(matches.size()) + " match(es) for " + quoted(pattern);
    case grep_output_mode::files_with_matches: {
        std::vector<std::string_view> files;
        files.reserve(matches.size());
        for (const auto& m : matches)
            files.push_back(m.path);
        std::sort(files.begin(), files.end());
        files.erase(std::unique(files.begin(), files.end()), files.end());
        std::string out = "Files containing " + quoted(pattern) + ":";
        for (std::size_t i = 0; i < files.size() && i < max_grep_entries; ++i)
            out += "\n  " + std::string(files[i]);
        if (files.size() > max_grep_entries)
            out += "\n  ... and " + std::to_string(files.size() - max_grep_entries) + " more files";
        return out;
    }
    case grep_output_mode::content: break;
    }
    std::string out = "Matches for " + quoted(pattern) + ":";
    for (std::size_t i = 0; i < matches.size() && i < max_grep_entries; ++i)
    {
        const auto& m = matches[i];
        out += "\n  " + m.path + ":" + std::to_string(m.line_number) + ": ";
        out += first_code_points(m.line, max_grep_line_chars);
    }
    if (matches.size() > max_grep_entries)
        out += "\n  ... and " + std::to_string(matches.size() - max_grep_entries) + " more matches";
    return out;
}

std::string format_execute(const execute_response& response)
{
    std::string output = response.output;
    if (response.truncated)
        output += "\n\n... (output truncated)";
    if (response.exit_code && *response.exit_code != 0)
        return "Command failed (exit code " + std::to_string(*response.exit_code) + "):\n" + output;
    return output;
}

std::string_view first_code_points(std::string_view text, std::size_t max_chars) noexcept
{
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
    {
        // A code point starts at every byte that is not a continuation byte (10xxxxxx).
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
        {
            if (chars == max_chars)
                return text.substr(0, i);
            ++chars;
        }
    }
    return text;
}

}  // namespace agent_backends::detail
