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

/// \brief Renders content as `"{n}:{hash}|{text}"` lines (n unpadded, 1-based), joined by `\n`, followed by
/// `"\n\n... (N more lines)"` when lines remain. Line endings (`\r\n` included) are not part of a line.
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

/// \brief Applies a hashline edit to text, keeping its line endings (new lines in a CRLF text get `\r\n`).
/// \par Errors
/// `invalid_argument` with the texts of spec/hashline.md (line out of range, hash mismatch, bad range).
hashline_edit_outcome apply_hashline_edit(std::string_view content, const hashline_edit_request& req);

/// \brief Reads a file of any backend in the hashline view.
/// \par Errors
/// Those of \ref backend::read_bytes, `is_binary`, and those of \ref format_hashline.
task<std::string> read_hashline(backend& b, std::string_view path, read_options opts = {});

/// \brief The path written and the summary of a \ref hashline_edit.
struct hashline_edit_result
{
    std::string path;
    std::string summary;

    bool operator==(const hashline_edit_result&) const = default;
};

/// \brief Reads, edits and writes back a file of any backend.
/// \par Errors
/// Those of \ref backend::read_bytes and \ref backend::write; `is_binary` ("'{path}' is a binary file and
/// cannot be edited"); `invalid_argument` for invalid UTF-8 and for the checks of \ref apply_hashline_edit.
task<hashline_edit_result> hashline_edit(backend& b, std::string_view path, hashline_edit_request req);

}  // namespace agent_backends

#endif
