// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_DETAIL_GLOB_PATTERN_HPP
#define AGENT_BACKENDS_DETAIL_GLOB_PATTERN_HPP

#include <memory>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// A compiled glob over `/`-separated relative paths: `**` (any number of whole components), `*` and `?`
/// (not crossing `/`), `[...]` / `[!...]` classes, `{a,b}` alternatives (nesting allowed).
class glob_pattern
{
public:
    /// Throws `error(invalid_argument)` with a model-readable message for a malformed pattern
    /// (unbalanced braces, empty pattern).
    explicit glob_pattern(std::string_view pattern);
    glob_pattern(const glob_pattern&);
    glob_pattern& operator=(const glob_pattern&);
    glob_pattern(glob_pattern&&) noexcept;
    glob_pattern& operator=(glob_pattern&&) noexcept;
    ~glob_pattern();

    /// Whole-path match of a relative path (`src/a.c`, no leading `/`).
    bool matches(std::string_view relative_path) const noexcept;

    /// False only when no path below the relative directory `dir` can match (used to prune walks).
    bool may_match_below(std::string_view dir) const noexcept;

    /// The pattern as given.
    const std::string& text() const noexcept;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace agent_backends::detail

#endif
