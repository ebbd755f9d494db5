// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_HASHLINE_HPP
#define AGENT_BACKENDS_HASHLINE_HPP

#include <agent_backends/backend.hpp>
#include <agent_backends/task.hpp>
#include <agent_backends/types.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace agent_backends {

/// \brief The first two lowercase hex digits of the MD5 of a line (without its line ending).
std::string line_hash(std::string_view line);

/// \brief Renders content as `"{n}:{hash}|{text}"` lines (n unpadded, 1-based), joined by `\n`.
/// \details `"\n\n... (N more lines)"` follows when lines remain after the slice. Lines are
/// `content.split("\n")` without the empty piece after a final `\n`; a `\r` before `\n` is part of the line
/// ending, so a CRLF text shows and hashes its lines without it. Empty content gives `"(empty file)"`.
/// \par Errors
/// `invalid_argument`: "Offset {offset} exceeds file length ({total} lines)".
std::string format_hashline(std::string_view content, read_options opts = {});

/// \brief A line-anchored edit: replace lines `start_line..end_line`, or insert after `start_line`.
struct hashline_edit_request
{
    std::size_t start_line{0};                ///< 1-based.
    std::string start_hash;                   ///< \ref line_hash of that line as last read.
    std::string new_content;                  ///< Replacement lines; empty deletes.
    std::optional<std::size_t> end_line{};    ///< Last line replaced (inclusive); default start_line.
    std::optional<std::string> end_hash{};    ///< Checked when given.
    bool insert_after{false};                 ///< Insert after start_line instead of replacing.
};

/// \brief The edited text and a one-line summary ("Replaced 1 line(s) at line 3").
struct hashline_edit_outcome
{
    std::string content;
    std::string summary;
};

/// \brief Applies a hashline edit to text, keeping its line endings.
/// \details Lines are split as in \ref format_hashline (so `""` is one empty line). New lines are
/// `new_content.split("\n")` (none when empty; a trailing `\n` adds an empty line) and get the text's line
/// ending: `\r\n` when its first line break is `\r\n`. Untouched lines keep their own endings, and the text
/// keeps or lacks its final line ending as before.
/// \par Errors
/// `invalid_argument`, checked in this order: "Line {n} out of range (file has {total} lines)",
/// "end_line/end_hash cannot be combined with insert_after", "Hash mismatch at line {n}: expected '{h}',
/// got '{actual}'. File may have changed — re-read it first." (an em dash),
/// "end_line ({e}) must be >= start_line ({s})", "End line {e} out of range (file has {total} lines)", then
/// the mismatch text for the end line.
hashline_edit_outcome apply_hashline_edit(std::string_view content, const hashline_edit_request& req);

/// \brief Reads a file of any backend in the hashline view (\ref format_hashline).
/// \details Invalid UTF-8 is shown with U+FFFD; an existing empty file reads as `"(empty file)"`.
/// `path` is copied before the first suspension; `b` must outlive the task.
/// \par Errors
/// Those of \ref backend::read_bytes; `is_binary` ("'{path}' is a binary file ({n} bytes)"); those of
/// \ref format_hashline.
/// \par Cancellation
/// That of \ref backend::read_bytes.
task<std::string> read_hashline(backend& b, std::string_view path, read_options opts = {});

/// \brief The path written and the summary of a \ref hashline_edit.
struct hashline_edit_result
{
    std::string path;
    std::string summary;

    bool operator==(const hashline_edit_result&) const = default;
};

/// \brief Reads, edits and writes back a file of any backend.
/// \details Returns the path reported by the backend's write and the summary of \ref apply_hashline_edit.
/// `path` is copied before the first suspension; `b` must outlive the task. Nothing is written when a check
/// fails.
/// \par Errors
/// Those of \ref backend::read_bytes and \ref backend::write; `is_binary` ("'{path}' is a binary file and
/// cannot be edited"); `invalid_argument` for invalid UTF-8 ("'{path}' is not valid UTF-8 text and cannot be
/// edited") and for the checks of \ref apply_hashline_edit.
/// \par Cancellation
/// That of the backend's read_bytes and write; a write either happened whole or not at all.
task<hashline_edit_result> hashline_edit(backend& b, std::string_view path, hashline_edit_request req);

}  // namespace agent_backends

#endif
