// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_SHELL_LISTING_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_SHELL_LISTING_HPP

// Listing and searching a container's files with commands every image has (busybox or GNU: find, stat,
// xargs, grep, tr), and reading back what they print.
//
// Names may hold any byte but NUL, newlines included, so the scripts print NUL-separated records: for
// each batch of paths `xargs` hands on, every path NUL-terminated, an empty record, then what the batch's
// `stat` or `grep` printed, then a NUL. The printed lines are matched against the batch's paths in order,
// which tells a name apart from the text after it without guessing.

#include <boost/system/result.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::detail {

/// Exit status of the scripts below when their start path does not exist (or, for a file search, is not
/// a directory).
inline constexpr int missing_path_status = 3;

/// Exit status of \ref grep_script when grep refused the expression; its message is on stderr.
inline constexpr int bad_pattern_status = 2;

/// Which hidden entries (a name starting with `.`) a search below its root leaves out.
struct hidden_filter
{
    bool skip_files{true};
    bool skip_dirs{true};
};

/// The hidden entries a glob search skips: with `ignore_hidden`, all of them except the kind the pattern
/// names itself (`**/.env` names hidden files, `.github/**` hidden directories too), as the local backend's
/// walk decides.
hidden_filter hidden_filter_for_glob(std::string_view pattern, bool ignore_hidden) noexcept;

/// A name `find -name` can test before our own glob matcher sees the path: the pattern's last component,
/// when the pattern has no braces and that component no `**`. A superset filter: the matcher decides.
std::optional<std::string> name_prefilter(std::string_view pattern);

/// The leading directory components of a pattern that hold no wildcard (`src/lib` for `src/lib/**/*.c`),
/// where a search may start instead of the root; empty when there are none or the pattern has braces.
std::string literal_directory_prefix(std::string_view pattern);

/// What a file search lists.
struct file_search
{
    std::string root;  ///< Absolute directory to search below.
    hidden_filter hidden{};
    std::optional<std::string> name_filter{};  ///< `find -name` pattern.
};

/// One path a listing printed and what `stat -L` said about it (the link's target for a link).
struct listed_entry
{
    std::string path;
    std::uint32_t mode{0};  ///< POSIX `st_mode`.
    std::uint64_t size{0};
    std::int64_t mtime{0};  ///< Seconds since the epoch.

    bool is_dir() const noexcept { return (mode & 0170000u) == 0040000u; }
    bool is_regular() const noexcept { return (mode & 0170000u) == 0100000u; }
    bool operator==(const listed_entry&) const = default;
};

/// A script listing the direct children of directory `dir`, or `dir` itself when it is not a directory.
/// Exits \ref missing_path_status when nothing is there. Output: \ref parse_listing.
std::string list_directory_script(std::string_view dir);

/// A script listing the regular files and symbolic links below `search.root` (not the root itself).
/// Exits \ref missing_path_status when the root is not a directory. Output: \ref parse_listing.
std::string find_files_script(const file_search& search);

/// The entries a listing script printed, in its order. Entries `stat` could not follow (a dangling link,
/// a file removed meanwhile) are left out. Fails with `errc::protocol_error` on malformed framing.
boost::system::result<std::vector<listed_entry>> parse_listing(std::string_view output);

/// What a grep script searches.
struct grep_search
{
    file_search files;    ///< Where; a root that is a file is searched itself.
    std::string pattern;  ///< An extended regular expression (`grep -E`).
    bool ignore_case{false};
};

/// A script printing the lines of the files below `search.files.root` that match: `grep -nH -I -E`
/// (binary files skipped where grep can tell them), NUL bytes dropped from matched lines. Exits
/// \ref missing_path_status when the root does not exist and \ref bad_pattern_status, with grep's
/// message on stderr, for an expression grep refuses. Output: \ref parse_grep_output.
std::string grep_script(const grep_search& search);

/// One matching line.
struct grep_line
{
    std::string path;
    std::size_t line_number{0};
    std::string line;  ///< Without its line ending (a CRLF line's `\r` dropped).

    bool operator==(const grep_line&) const = default;
};

/// The lines a grep script printed, in its order. Fails with `errc::protocol_error` on malformed framing.
boost::system::result<std::vector<grep_line>> parse_grep_output(std::string_view output);

}  // namespace agent_backends::detail

#endif
