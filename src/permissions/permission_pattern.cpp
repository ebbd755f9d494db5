// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/permissions/permission_pattern.hpp>

#include <algorithm>
#include <cstddef>
#include <utility>

namespace agent_backends {
namespace {

using token = permission_pattern::token;
using kind = token::kind;

// Bytes that are not well-formed UTF-8 decode to U+DC80..U+DCFF (as Python's surrogateescape does), so
// they still match themselves and never equal a real character.
char32_t invalid_byte(unsigned char b)
{
    return 0xDC00 + b;
}

std::u32string decode(std::string_view text)
{
    std::u32string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size())
    {
        const auto b0 = static_cast<unsigned char>(text[i]);
        std::size_t len = b0 < 0x80           ? 1
                          : (b0 >> 5) == 0x6  ? 2
                          : (b0 >> 4) == 0xE  ? 3
                          : (b0 >> 3) == 0x1E ? 4
                                              : 0;
        if (len == 1)
        {
            out.push_back(b0);
            ++i;
            continue;
        }
        char32_t cp = len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
        bool ok = len != 0 && i + len <= text.size();
        for (std::size_t k = 1; ok && k < len; ++k)
        {
            const auto b = static_cast<unsigned char>(text[i + k]);
            ok = (b & 0xC0) == 0x80;
            cp = (cp << 6) | (b & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not characters either.
        static constexpr char32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
        ok = ok && cp >= min_for_len[len] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
        if (!ok)
        {
            out.push_back(invalid_byte(b0));
            ++i;
            continue;
        }
        out.push_back(cp);
        i += len;
    }
    return out;
}

bool in_class(const token& t, char32_t c)
{
    const bool member = std::any_of(t.ranges.begin(), t.ranges.end(),
                                    [c](const auto& r) { return r.first <= c && c <= r.second; });
    return member != t.negated;
}

// Parses the class whose text lies strictly between `[` and its closing `]`; false for a reversed range.
bool parse_class(std::u32string_view body, token& out)
{
    out.k = kind::klass;
    if (!body.empty() && (body.front() == U'!' || body.front() == U'^'))
    {
        out.negated = true;
        body.remove_prefix(1);
    }
    for (std::size_t k = 0; k < body.size();)
    {
        if (k + 2 < body.size() && body[k + 1] == U'-')
        {
            if (body[k] > body[k + 2])
                return false;
            out.ranges.emplace_back(body[k], body[k + 2]);
            k += 3;
        }
        else
        {
            out.ranges.emplace_back(body[k], body[k]);
            ++k;
        }
    }
    return true;
}

// Index of the `]` closing the class opened at `open`, or npos when the `[` is a literal.
std::size_t class_end(std::u32string_view p, std::size_t open)
{
    std::size_t j = open + 1;
    if (j < p.size() && (p[j] == U'!' || p[j] == U'^'))
        ++j;
    if (j < p.size() && p[j] == U']')
        ++j;
    while (j < p.size() && p[j] != U']')
        ++j;
    return j < p.size() ? j : std::u32string_view::npos;
}

}  // namespace

permission_pattern::permission_pattern(std::string_view pattern) : text_(pattern)
{
    const std::u32string decoded = decode(pattern);
    const std::u32string_view p = decoded;
    std::size_t i = 0;
    while (i < p.size())
    {
        token t;
        const char32_t c = p[i];
        if (c == U'*')
        {
            if (i + 1 < p.size() && p[i + 1] == U'*')
            {
                const bool dirs = i + 2 < p.size() && p[i + 2] == U'/';
                t.k = dirs ? kind::leading_dirs : kind::any;
                i += dirs ? 3 : 2;
            }
            else
            {
                t.k = kind::star;
                ++i;
            }
        }
        else if (c == U'?')
        {
            t.k = kind::one;
            ++i;
        }
        else if (const std::size_t end = c == U'[' ? class_end(p, i) : std::u32string_view::npos;
                 end != std::u32string_view::npos)
        {
            if (!parse_class(p.substr(i + 1, end - i - 1), t))
            {
                valid_ = false;
                tokens_.clear();
                return;
            }
            i = end + 1;
        }
        else
        {
            t.k = kind::literal;
            t.ch = c;
            ++i;
        }
        tokens_.push_back(std::move(t));
    }
}

// Dynamic programming over (token, position), from the last token backwards: `next[i]` says whether the
// tokens after the current one match the text from position i. Linear in tokens times characters, so a
// hostile pattern or target cannot make matching explode.
bool permission_pattern::matches(std::string_view target) const
{
    if (!valid_)
        return false;
    const std::u32string s = decode(target);
    const std::size_t n = s.size();
    std::vector<char> next(n + 1, 0);
    std::vector<char> cur(n + 1, 0);
    next[n] = 1;
    for (auto t = tokens_.rbegin(); t != tokens_.rend(); ++t)
    {
        switch (t->k)
        {
            case kind::literal:
            case kind::one:
            case kind::klass:
                cur[n] = 0;
                for (std::size_t i = 0; i < n; ++i)
                {
                    const char32_t c = s[i];
                    const bool ok = t->k == kind::literal ? c == t->ch
                                    : t->k == kind::one   ? c != U'/'
                                                          : in_class(*t, c);
                    cur[i] = ok && next[i + 1];
                }
                break;
            case kind::star:
            case kind::any:
                cur[n] = next[n];
                for (std::size_t i = n; i-- > 0;)
                    cur[i] = next[i] || ((t->k == kind::any || s[i] != U'/') && cur[i + 1]);
                break;
            case kind::leading_dirs: {
                bool slash_ahead = false;  // some `/` at or after i is followed by a match of the rest
                cur[n] = next[n];
                for (std::size_t i = n; i-- > 0;)
                {
                    slash_ahead = slash_ahead || (s[i] == U'/' && next[i + 1]);
                    cur[i] = next[i] || slash_ahead;
                }
                break;
            }
        }
        std::swap(cur, next);
    }
    return next[0] != 0;
}

}  // namespace agent_backends
