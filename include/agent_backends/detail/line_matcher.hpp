// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_DETAIL_LINE_MATCHER_HPP
#define AGENT_BACKENDS_DETAIL_LINE_MATCHER_HPP

#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>

namespace agent_backends::detail {

/// A compiled regular expression (RE2 syntax) that finds the matching lines of a whole buffer.
///
/// A line is the text between two `\n`; a match never spans lines (`\s` and `[^x]` do not match `\n`).
/// The expression runs over the whole buffer and line bounds are found only around hits. When every
/// match must contain a literal (`PM_[A-Z]+_SUSPEND` needs `_SUSPEND`), lines are found with a fast
/// literal search first and the expression runs only on those; a pattern that is a plain literal does not
/// run the expression at all. Matching is by Unicode case folding when `ignore_case` is set.
///
/// \par Thread safety
/// Const member functions may be called from several threads at once.
class line_matcher
{
public:
    /// Throws `error(invalid_argument)`: "Invalid regex pattern: {re2 message} (RE2 syntax: no
    /// backreferences or lookaround)".
    line_matcher(std::string_view pattern, bool ignore_case);
    line_matcher(line_matcher&&) noexcept;
    line_matcher& operator=(line_matcher&&) noexcept;
    ~line_matcher();

    /// Calls `on_line(line_number, line_text)` for every matching line of `text` in order; line numbers
    /// start at `first_line_number` (1 unless `text` continues an earlier part of a file); `line_text`
    /// excludes `\n` and a trailing `\r`. `on_line` returning false stops the scan. Returns the number of
    /// matching lines reported.
    std::size_t for_each_matching_line(
        std::string_view text,
        const std::function<bool(std::size_t line_number, std::string_view line)>& on_line,
        std::size_t first_line_number = 1) const;

    /// True if any line of `text` matches.
    bool matches_any(std::string_view text) const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace agent_backends::detail

#endif
