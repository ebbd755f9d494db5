// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_PERMISSIONS_PERMISSION_PATTERN_HPP
#define AGENT_BACKENDS_PERMISSIONS_PERMISSION_PATTERN_HPP

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agent_backends {

/// \brief A compiled permission glob, matched against a whole target string.
/// \details Syntax:
/// - `**/` matches zero or more leading directories (any text ending in `/`, or nothing);
/// - `**` elsewhere matches any text, `/` included;
/// - `*` matches any text without `/`, `?` one character other than `/`;
/// - `[seq]` one character of a class (`a-z` ranges allowed), `[!seq]` or `[^seq]` one character outside
///   it; a `]` right after `[`, `[!` or `[^` is a member; a `[` without a closing `]` is a literal;
/// - every other character is literal (`\` included, also inside classes).
///
/// Matching is case-sensitive and works on characters (UTF-8 sequences), not bytes; `**` crosses line
/// breaks too. A pattern that is not well formed (a reversed range such as `[z-a]`) is inert: it matches
/// nothing. Examples: `**/.env` matches `/a/b/.env` and `.env`; `git *` matches `git status` but not
/// `git`; `/etc/**` matches `/etc/passwd`; `*.py` does not match `src/a.py`.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: safe (matching is const).
class permission_pattern
{
public:
    /// \brief Compiles `pattern`; never throws for a malformed pattern (it becomes inert).
    explicit permission_pattern(std::string_view pattern);

    /// \brief True when the whole of `target` matches.
    bool matches(std::string_view target) const;

    /// \brief False when the pattern is malformed and therefore matches nothing.
    bool valid() const noexcept { return valid_; }

    /// \brief The pattern as given.
    const std::string& text() const noexcept { return text_; }

    /// One step of the compiled pattern (public only so the matcher in the source file can name it).
    struct token
    {
        enum class kind : std::uint8_t
        {
            literal,       // one given character
            one,           // `?`: one character but `/`
            klass,         // `[...]`
            star,          // `*`: any run without `/`
            any,           // `**`: any run
            leading_dirs,  // `**/`: nothing, or any run ending in `/`
        };
        kind k{kind::literal};
        char32_t ch{};                                      // literal
        bool negated{};                                     // klass
        std::vector<std::pair<char32_t, char32_t>> ranges;  // klass, inclusive
    };

private:
    std::string text_;
    std::vector<token> tokens_;
    bool valid_{true};
};

}  // namespace agent_backends

#endif
