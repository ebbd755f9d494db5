// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_CONSOLE_TOOL_OUTPUT_HPP
#define AGENT_BACKENDS_SRC_CONSOLE_TOOL_OUTPUT_HPP

#include <agent_backends/types.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::detail {

// The texts the console tools answer, worded as the Python console toolset words them.

/// `Contents of {path}:` and one line per entry, or `Directory '{path}' is empty or does not exist`.
std::string format_listing(std::string_view path, const std::vector<file_info>& entries);

/// `Wrote {lines} lines to {path}` (lines = newlines + 1).
std::string format_write(std::string_view content, const write_result& result);

/// `Edited {path}: replaced {n} occurrence(s)`.
std::string format_edit(const edit_result& result);

/// `Found {n} file(s) matching '{pattern}':` and up to 100 paths, or `No files matching ...`.
std::string format_glob(std::string_view pattern, std::string_view path, const std::vector<file_info>& files);

enum class grep_output_mode
{
    files_with_matches,
    content,
    count,
};

grep_output_mode parse_grep_output_mode(std::string_view mode);

/// The grep answer in the chosen mode (at most 50 files or lines, lines cut to 100 code points).
std::string format_grep(std::string_view pattern, const std::vector<grep_match>& matches,
                        grep_output_mode mode);

/// The output, `\n\n... (output truncated)` when truncated, behind `Command failed (exit code N):\n` when
/// the exit code is not 0.
std::string format_execute(const execute_response& response);

/// The first `max_chars` code points of UTF-8 text (never cuts inside one).
std::string_view first_code_points(std::string_view text, std::size_t max_chars) noexcept;

}  // namespace agent_backends::detail

#endif
