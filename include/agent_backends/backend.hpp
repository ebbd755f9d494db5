// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_BACKEND_HPP
#define AGENT_BACKENDS_BACKEND_HPP

#include <agent_backends/task.hpp>
#include <agent_backends/types.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace agent_backends {

/// \brief Storage an agent can see: files to read, search and edit.
///
/// \details Paths are virtual and `/`-rooted: `a.txt`, `/a.txt` and `./a.txt` name the same file, and
/// `""`, `"."` and `"/"` the root. Results carry normalised virtual paths; error messages name the path as
/// the caller gave it.
///
/// \par Errors
/// Every operation throws \ref error with an \ref errc and a message written for a model to read.
/// A grep with no hits and a listing of a missing directory are not errors (empty vectors).
///
/// \par Cancellation
/// Every operation honours terminal cancellation; it then throws `asio::error::operation_aborted` and
/// leaves no work running behind it. A write that is cancelled either happened whole or not at all.
///
/// \par Object lifetimes
/// Arguments are copied into the operation before its first suspension: string views may refer to
/// temporaries even when the returned task is stored or spawned.
///
/// \par Thread safety
/// Implementations in this library are safe to share between coroutines on several threads.
class backend
{
public:
    virtual ~backend() = default;

    /// \brief True only for an existing regular file; false for directories, missing or unsafe paths.
    virtual task<bool> exists(std::string_view path) = 0;

    /// \brief Direct children of a directory, directories first, then by name.
    /// \details A missing directory gives an empty vector; a file gives one entry for itself.
    virtual task<std::vector<file_info>> ls(std::string_view path) = 0;

    /// \brief Lines of a text file, numbered: `"%6d\t%s"`, joined by `\n`.
    /// \details When lines remain after the slice, `"\n\n... (N more lines)"` follows. An empty file reads
    /// as `"(empty file)"`.
    /// \par Errors
    /// `not_found`, `is_directory`, `is_binary`, `invalid_argument` (offset past the end), `too_large`
    /// (an explicit range over 200,000 characters), `escapes_root`.
    virtual task<std::string> read(std::string_view path, read_options opts = {}) = 0;

    /// \brief The whole file, byte for byte.
    /// \par Errors
    /// `not_found`, `is_directory`, `escapes_root`, `too_large`.
    virtual task<std::string> read_bytes(std::string_view path) = 0;

    /// \brief Creates or replaces a file, creating parent directories; atomic where the backend allows.
    virtual task<write_result> write(std::string_view path, std::string_view content) = 0;

    /// \brief Replaces `old_string` by `new_string`; keeps the file's line endings.
    /// \par Errors
    /// `not_found`, `no_match`, `not_unique`, `is_binary`, `invalid_argument` (empty `old_string`).
    virtual task<edit_result> edit(std::string_view path, edit_request req) = 0;

    /// \brief Files (not directories) under `path` whose path relative to it matches `pattern`.
    /// \details Supports `**`, `*`, `?`, `[...]` and `{a,b}`; results sorted by path.
    virtual task<std::vector<file_info>> glob(std::string_view pattern, std::string_view path = "/") = 0;

    /// \brief Lines matching a regular expression, sorted by path then line number.
    /// \par Errors
    /// `invalid_argument` (bad regex or glob), `not_found` (the path does not exist), `escapes_root`.
    virtual task<std::vector<grep_match>> grep(grep_request req) = 0;
};

}  // namespace agent_backends

#endif
