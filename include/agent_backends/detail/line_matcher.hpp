// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_DETAIL_LINE_MATCHER_HPP
#define AGENT_BACKENDS_DETAIL_LINE_MATCHER_HPP

#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>

namespace agent_backends::detail {

/// A compiled regular expression (RE2) that finds matching lines in a whole buffer, with a literal
/// prefilter (memchr/memmem) when the pattern allows. Safe to use from several threads at once.
class line_matcher
{
public:
    /// Throws `error(invalid_argument)`: "Invalid regex pattern: {re2 message} (RE2 syntax: no
    /// backreferences or lookaround)".
    line_matcher(std::string_view pattern, bool ignore_case);
    line_matcher(line_matcher&&) noexcept;
    line_matcher& operator=(line_matcher&&) noexcept;
    ~line_matcher();

    /// Calls `on_line(line_number, line_text)` for every matching line of `text` in order; line numbers are
    /// 1-based, `line_text` excludes `\n` and a trailing `\r`. Returns the number of matching lines.
    /// `on_line` returning false stops the scan.
    std::size_t for_each_matching_line(
        std::string_view text,
        const std::function<bool(std::size_t line_number, std::string_view line)>& on_line) const;

    /// True if any line of `text` matches.
    bool matches_any(std::string_view text) const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace agent_backends::detail

#endif
