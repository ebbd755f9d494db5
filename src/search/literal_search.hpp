// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SEARCH_LITERAL_SEARCH_HPP
#define AGENT_BACKENDS_SRC_SEARCH_LITERAL_SEARCH_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// Finds a fixed byte string, exactly or ignoring ASCII case. It looks for two of the needle's rarest
/// bytes at their offsets, 16 or 32 positions at a time, and compares the whole needle only there.
class literal_finder
{
public:
    /// `needle` must not be empty.
    literal_finder(std::string_view needle, bool ascii_ignore_case);

    /// Offset of the first occurrence in `hay` at or after `from`, or npos.
    std::size_t find(std::string_view hay, std::size_t from = 0) const noexcept;

    const std::string& needle() const noexcept { return needle_; }

private:
    bool equal_at(const char* p) const noexcept;

    std::string needle_;  // lower-cased when ignoring case
    bool ignore_case_;
    std::size_t offset1_{0};
    std::size_t offset2_{0};
    unsigned char byte1_{0};  // lower-cased when ignoring case and a letter
    unsigned char byte2_{0};
    bool fold1_{false};  // compare byte1_ with the hay byte | 0x20
    bool fold2_{false};
};

/// A literal every match of a regular expression contains.
struct required_literal
{
    std::string text;
    /// The pattern is this literal and nothing else: a line matches exactly when it contains it.
    bool whole_pattern{false};
};

/// The longest run of literal characters every match of the RE2 `pattern` must contain, if one is found
/// by a conservative reading of the pattern (top-level concatenation only; alternation, flags, escapes it
/// does not know give up). With `ignore_case`, only ASCII runs count, compared ignoring ASCII case.
std::optional<required_literal> find_required_literal(std::string_view pattern, bool ignore_case);

/// Whether `text` holds a character that Unicode case folding equates with an ASCII letter although it
/// is not ASCII: U+017F (long s, folds with `s`) or U+212A (Kelvin sign, folds with `k`).
bool has_non_ascii_fold_of_ascii(std::string_view text) noexcept;

/// Number of `\n` in `text`.
std::size_t count_newlines(std::string_view text) noexcept;

}  // namespace agent_backends::detail

#endif
