// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TYPES_HPP
#define AGENT_BACKENDS_TYPES_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace agent_backends {

/// \brief One entry of a listing or a glob.
struct file_info
{
    std::string name;                         ///< Last path component.
    std::string path;                         ///< Normalised virtual path, `/`-rooted.
    bool is_dir{false};                       ///< True for directories.
    std::optional<std::uint64_t> size{};      ///< Bytes, for files; empty for directories.
    std::optional<std::string> modified_at{}; ///< ISO-8601 UTC, when the backend knows it.

    bool operator==(const file_info&) const = default;
};

/// \brief One matching line of a grep.
struct grep_match
{
    std::string path;             ///< Normalised virtual path of the file.
    std::size_t line_number{0};   ///< 1-based; a CRLF line counts once.
    std::string line;             ///< The line's text, without its line ending.

    bool operator==(const grep_match&) const = default;
};

/// \brief The result of a successful write.
struct write_result
{
    std::string path;  ///< Normalised virtual path written.

    bool operator==(const write_result&) const = default;
};

/// \brief The result of a successful edit.
struct edit_result
{
    std::string path;             ///< Normalised virtual path edited.
    std::size_t occurrences{0};   ///< How many occurrences were replaced (1 unless `replace_all`).

    bool operator==(const edit_result&) const = default;
};

/// \brief Which lines `read` renders.
struct read_options
{
    std::size_t offset{0};     ///< 0-based index of the first line shown.
    std::size_t limit{2000};   ///< How many lines at most.
};

/// \brief An exact string replacement.
struct edit_request
{
    std::string old_string;    ///< Must occur exactly once unless `replace_all`; never empty.
    std::string new_string;    ///< Replacement text.
    bool replace_all{false};   ///< Replace every occurrence instead of requiring a unique one.
};

/// \brief A regular-expression search over files.
struct grep_request
{
    std::string pattern;          ///< RE2 syntax (no backreferences or lookaround).
    std::string path{"/"};        ///< File or directory to search.
    std::string glob{};           ///< Only files matching this glob; without `/` it matches names at any depth.
    bool ignore_hidden{true};     ///< Skip hidden entries and honour `.gitignore` inside a git work tree.
    bool ignore_case{false};      ///< Case-insensitive matching.
};

/// \brief How `execute` runs a command.
struct execute_options
{
    std::chrono::milliseconds timeout{120'000};             ///< Kill the process group after this long; 0 = none.
    std::size_t max_output_bytes{100'000};                  ///< Keep head and tail beyond this; set `truncated`.
    std::string working_dir{};                              ///< Empty: the sandbox's work dir.
    std::vector<std::pair<std::string, std::string>> env{}; ///< Added to the environment.
    std::string stdin_text{};                               ///< Written to the command's standard input.
    std::chrono::milliseconds kill_grace{2'000};            ///< Between SIGTERM and SIGKILL.
};

/// \brief What a command produced. A non-zero exit code is not an error.
struct execute_response
{
    std::string output;                 ///< stdout and stderr interleaved in arrival order.
    std::optional<int> exit_code{};     ///< 124 on timeout, 128+N when killed by signal N.
    bool truncated{false};              ///< The output exceeded the cap; head and tail were kept.

    bool operator==(const execute_response&) const = default;
};

}  // namespace agent_backends

#endif
