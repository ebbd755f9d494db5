// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_DETAIL_TREE_SEARCH_HPP
#define AGENT_BACKENDS_DETAIL_TREE_SEARCH_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::detail {

/// Where a search starts: a directory opened by the caller (kept open for the whole search; never
/// closed by it) and its host path, used only to find `.gitignore` files and `.git` in ancestors.
/// The walk never leaves `dir_fd`: it opens entries with `openat(O_NOFOLLOW)` and does not follow
/// symbolic links to directories.
struct search_root
{
    int dir_fd{-1};
    std::string host_path;  ///< Absolute host path of dir_fd.
    std::string stop_at;    ///< Host path of the workspace root: ancestors above it are not searched for
                            ///< ignore files unless inside the same git work tree (then up to its root).
                            ///< Empty: every ancestor, as ripgrep and fd do.
};

struct found_file
{
    std::string path;  ///< Relative to the search root, `/`-separated, no leading `/`.
    std::uint64_t size{0};
    std::int64_t mtime_ns{0};  ///< Only filled (with size) when `want_stat` is set.
};

struct glob_query
{
    std::string pattern;       ///< Matched against the path relative to the search root.
    bool ignore_hidden{true};  ///< Skip hidden entries and honour ignore files (see \ref glob_files).
    bool want_stat{true};      ///< Fill size and mtime.
    unsigned threads{0};       ///< 0: all cores.
};

/// Regular files under the root matching the pattern, sorted by path, plus symbolic links whose target
/// is a regular file inside the workspace (`stop_at`, else the search root), as fd lists them; a link's
/// size and mtime are its target's. Directories below which the pattern cannot match are not entered.
///
/// With `ignore_hidden`, hidden entries (a name starting with `.`) are skipped unless the pattern itself
/// names one (`.github/**`, `**/.env`), and `.ignore` files (anywhere) and `.gitignore` /
/// `.git/info/exclude` (inside a git work tree) are honoured as ripgrep and fd honour them; without it,
/// everything is listed.
///
/// Polls `cancellation_requested()` and throws `system_error(operation_aborted)` once it is set.
/// Throws `error(invalid_argument)` for a bad pattern.
std::vector<found_file> glob_files(const search_root& root, const glob_query& q);

struct grep_query
{
    std::string pattern;  ///< RE2 syntax.
    bool ignore_case{false};
    std::string glob;          ///< Optional; without `/` it matches file names at any depth, with `/` the
                               ///< path relative to the search root.
    bool ignore_hidden{true};  ///< Skip hidden entries and honour ignore files, as in \ref glob_files.
    unsigned threads{0};       ///< 0: all cores.
};

struct grep_hit
{
    std::string path;  ///< Relative to the search root ("" when the root is the file itself).
    std::size_t line_number{0};
    std::string line;  ///< Without its line ending.
};

/// Matching lines of the text files under the root, sorted by path then line. Binary files (a NUL in
/// the first 8 KB) and symbolic links are skipped, as ripgrep skips them. Files are read in bounded
/// chunks, so a file larger than memory is searched with bounded memory.
/// Polls `cancellation_requested()`. Throws `error(invalid_argument)` for a bad regex or glob.
std::vector<grep_hit> grep_files(const search_root& root, const grep_query& q);

/// Matching lines of one open regular file (binary: none); `q.glob` and `q.ignore_hidden` do not apply.
/// Does not close `file_fd`. Polls `cancellation_requested()` between chunks.
std::vector<grep_hit> grep_file(int file_fd, const grep_query& q);

}  // namespace agent_backends::detail

#endif
