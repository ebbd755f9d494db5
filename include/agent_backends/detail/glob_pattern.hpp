// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_DETAIL_GLOB_PATTERN_HPP
#define AGENT_BACKENDS_DETAIL_GLOB_PATTERN_HPP

#include <memory>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// A compiled glob over `/`-separated relative paths.
///
/// Syntax: `**` as a whole component matches any number of whole components (none included); `*` matches
/// any run of characters and `?` one character, neither crossing `/` (a `**` inside a component, as in
/// `a**b`, acts as `*`); `[abc]`, `[a-z]`, `[!a]` and `[^a]` match one character of a class (an unclosed
/// `[` is a literal); `{a,b}` matches either alternative, alternatives may nest and may hold `/`; `\x`
/// matches `x` literally. Empty components, a leading `/` and leading `./` are ignored. Matching is
/// case-sensitive and byte-wise (`?` takes a whole UTF-8 sequence).
///
/// Common shapes (`**/*.c`, `*.py`, `**/Makefile`, a literal path) are matched by a suffix or string
/// compare; nothing allocates while matching. Distinct and shared objects may be used from several
/// threads at once (matching is const).
class glob_pattern
{
public:
    /// Throws `error(invalid_argument)` with a model-readable message for a malformed pattern
    /// (unbalanced braces, too many brace alternatives, empty pattern).
    explicit glob_pattern(std::string_view pattern);
    glob_pattern(const glob_pattern&);
    glob_pattern& operator=(const glob_pattern&);
    glob_pattern(glob_pattern&&) noexcept;
    glob_pattern& operator=(glob_pattern&&) noexcept;
    ~glob_pattern();

    /// Whole-path match of a relative path (`src/a.c`, no leading `/`).
    bool matches(std::string_view relative_path) const noexcept;

    /// False only when no path below the relative directory `dir` can match (used to prune walks);
    /// `dir` is empty for the directory the paths are relative to.
    bool may_match_below(std::string_view dir) const noexcept;

    /// The pattern as given.
    const std::string& text() const noexcept;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// Whether a glob names a hidden entry (a component starting with `.`: `**/.env`, `{.a,b}`), and whether
/// such a component is a directory (`.github/**`): searches then do not skip hidden entries of that kind.
struct hidden_names
{
    bool files{false};
    bool dirs{false};
};

hidden_names names_hidden_entries(std::string_view pattern) noexcept;

}  // namespace agent_backends::detail

#endif
