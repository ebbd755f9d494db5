// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>

#include <agent_backends/detail/glob_pattern.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace agent_backends::detail {
namespace {

constexpr auto npos = std::string_view::npos;

/// Brace expansion stops here: `{a,b}{c,d}...` grows exponentially.
constexpr std::size_t max_alternatives = 1024;

[[noreturn]] void throw_invalid(std::string_view pattern, std::string_view why)
{
    throw error(errc::invalid_argument,
                "Invalid glob pattern '" + std::string(pattern) + "': " + std::string(why));
}

/// One character of `s` at `i` (a whole UTF-8 sequence; a stray or invalid byte stands for itself).
char32_t decode_char(std::string_view s, std::size_t i, std::size_t& length) noexcept
{
    const auto lead = static_cast<unsigned char>(s[i]);
    std::size_t n = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (n == 1 || i + n > s.size())
    {
        length = 1;
        return lead;
    }
    char32_t cp = lead & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k)
    {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80)
        {
            length = 1;
            return lead;
        }
        cp = (cp << 6) | (c & 0x3F);
    }
    length = n;
    return cp;
}

/// Index just past the `]` closing the class that opens at `p[i]`, or npos when it is never closed.
std::size_t class_end(std::string_view p, std::size_t i) noexcept
{
    std::size_t j = i + 1;
    if (j < p.size() && (p[j] == '!' || p[j] == '^'))
        ++j;
    if (j < p.size() && p[j] == ']')
        ++j;  // a leading `]` is a member
    while (j < p.size() && p[j] != ']')
        j += (p[j] == '\\' && j + 1 < p.size()) ? 2 : 1;
    return j < p.size() ? j + 1 : npos;
}

/// Whether the character of `s` at `si` belongs to the class `p[open, close)` (brackets included);
/// `length` receives the bytes it spans.
bool class_matches(std::string_view p, std::size_t open, std::size_t close, std::string_view s,
                   std::size_t si, std::size_t& length) noexcept
{
    const char32_t c = decode_char(s, si, length);
    std::size_t j = open + 1;
    const std::size_t end = close - 1;
    bool negate = false;
    if (p[j] == '!' || p[j] == '^')
    {
        negate = true;
        ++j;
    }
    bool member = false;
    while (j < end)  // a leading `]` is a member like any other: class_end skipped over it
    {
        std::size_t n = 0;
        if (p[j] == '\\' && j + 1 < end)
            ++j;
        const char32_t lo = decode_char(p, j, n);
        j += n;
        char32_t hi = lo;
        if (j + 1 < end && p[j] == '-')
        {
            std::size_t k = j + 1;
            if (p[k] == '\\' && k + 1 < end)
                ++k;
            hi = decode_char(p, k, n);
            j = k + n;
        }
        if (lo <= c && c <= hi)
            member = true;
    }
    return member != negate;
}

/// Matches the single-character token at `p[pi]` (`?`, a class, an escape or a literal) against `s[si]`;
/// on success advances both indices.
bool step(std::string_view p, std::size_t& pi, std::string_view s, std::size_t& si) noexcept
{
    const char c = p[pi];
    std::size_t n = 0;
    if (c == '?')
    {
        decode_char(s, si, n);
        si += n;
        ++pi;
        return true;
    }
    if (c == '[')
    {
        if (const auto close = class_end(p, pi); close != npos)
        {
            if (!class_matches(p, pi, close, s, si, n))
                return false;
            pi = close;
            si += n;
            return true;
        }
    }
    const bool escaped = c == '\\' && pi + 1 < p.size();
    if ((escaped ? p[pi + 1] : c) != s[si])
        return false;
    pi += escaped ? 2 : 1;
    ++si;
    return true;
}

/// `*`, `?`, classes and escapes over one component (no `/` on either side).
bool wildcard_matches(std::string_view p, std::string_view s) noexcept
{
    std::size_t pi = 0;
    std::size_t si = 0;
    std::size_t star_p = npos;  // pattern index just after the last `*` seen
    std::size_t star_s = 0;     // subject index that `*` is currently extended to
    while (si < s.size())
    {
        if (pi < p.size() && p[pi] == '*')
        {
            star_p = ++pi;
            star_s = si;
            continue;
        }
        if (pi < p.size() && step(p, pi, s, si))
            continue;
        // Mismatch: let the last `*` take one more byte, or fail when there is none.
        if (star_p == npos)
            return false;
        pi = star_p;
        si = ++star_s;
    }
    while (pi < p.size() && p[pi] == '*')
        ++pi;
    return pi == p.size();
}

struct segment
{
    enum class kind : std::uint8_t
    {
        globstar,  // `**`: any number of whole components
        literal,   // text == component
        any,       // `*`
        suffix,    // `*text`
        prefix,    // `text*`
        wildcard,  // anything else: text is the raw pattern
    };
    kind k{kind::literal};
    std::string text;

    bool matches(std::string_view component) const noexcept
    {
        switch (k)
        {
            case kind::globstar:
            case kind::any:
                return true;
            case kind::literal:
                return component == text;
            case kind::suffix:
                return component.ends_with(text);
            case kind::prefix:
                return component.starts_with(text);
            case kind::wildcard:
                return wildcard_matches(text, component);
        }
        return false;
    }
};

/// Removes escapes from a component known to hold no wildcard.
std::string unescape(std::string_view raw)
{
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i)
    {
        if (raw[i] == '\\' && i + 1 < raw.size())
            ++i;
        out += raw[i];
    }
    return out;
}

/// Whether `raw` holds an unescaped `*`, `?` or a closed class.
bool has_wildcard(std::string_view raw) noexcept
{
    for (std::size_t i = 0; i < raw.size(); ++i)
    {
        const char c = raw[i];
        if (c == '\\')
            ++i;
        else if (c == '*' || c == '?' || (c == '[' && class_end(raw, i) != npos))
            return true;
    }
    return false;
}

segment classify(std::string_view raw)
{
    using kind = segment::kind;
    if (raw == "**")
        return {kind::globstar, {}};
    if (!has_wildcard(raw))
        return {kind::literal, unescape(raw)};
    if (raw.find_first_not_of('*') == npos)
        return {kind::any, {}};
    // `*text` / `text*` where text holds no wildcard. A trailing `\*` is an escaped star, not a wildcard.
    if (raw.front() == '*')
    {
        auto rest = raw.substr(raw.find_first_not_of('*'));
        if (!has_wildcard(rest))
            return {kind::suffix, unescape(rest)};
    }
    if (raw.back() == '*' && (raw.size() < 2 || raw[raw.size() - 2] != '\\'))
    {
        auto rest = raw.substr(0, raw.find_last_not_of('*') + 1);
        if (!has_wildcard(rest) && !rest.ends_with('\\'))
            return {kind::prefix, unescape(rest)};
    }
    return {kind::wildcard, std::string(raw)};
}

/// One brace-free alternative of the pattern, with a shortcut for common shapes.
struct alternative
{
    enum class shape : std::uint8_t
    {
        general,           // component-wise matching
        everything,        // `**`
        basename_literal,  // `**/name`
        path_suffix,       // `**/*.c`: the path ends with `literal`
        top_suffix,        // `*.c`: one component ending with `literal`
        exact,             // a literal path
    };
    std::vector<segment> segments;
    shape form{shape::general};
    std::string literal;

    bool matches(std::string_view path) const noexcept
    {
        switch (form)
        {
            case shape::everything:
                return true;
            case shape::basename_literal:
                return path.ends_with(literal) &&
                       (path.size() == literal.size() || path[path.size() - literal.size() - 1] == '/');
            case shape::path_suffix:
                return path.ends_with(literal);
            case shape::top_suffix:
                return path.ends_with(literal) && path.find('/') == npos;
            case shape::exact:
                return path == literal;
            case shape::general:
                break;
        }
        return match_from(0, path);
    }

    bool may_match_below(std::string_view dir) const noexcept
    {
        std::size_t k = 0;
        for (;;)
        {
            if (dir.empty())
                return k < segments.size();
            if (k == segments.size())
                return false;
            if (segments[k].k == segment::kind::globstar)
                return true;
            const auto slash = dir.find('/');
            if (!segments[k].matches(dir.substr(0, slash)))
                return false;
            dir = slash == npos ? std::string_view{} : dir.substr(slash + 1);
            ++k;
        }
    }

    /// `path` starts at a component boundary.
    bool match_from(std::size_t k, std::string_view path) const noexcept
    {
        for (;;)
        {
            if (k == segments.size())
                return path.empty();
            if (segments[k].k == segment::kind::globstar)
            {
                if (k + 1 == segments.size())
                    return true;
                for (;;)
                {
                    if (match_from(k + 1, path))
                        return true;
                    const auto slash = path.find('/');
                    if (slash == npos)
                        return false;
                    path.remove_prefix(slash + 1);
                }
            }
            if (path.empty())
                return false;
            const auto slash = path.find('/');
            if (!segments[k].matches(path.substr(0, slash)))
                return false;
            ++k;
            if (slash == npos)
            {
                while (k < segments.size() && segments[k].k == segment::kind::globstar)
                    ++k;
                return k == segments.size();
            }
            path.remove_prefix(slash + 1);
        }
    }

    void find_shape()
    {
        using kind = segment::kind;
        const auto n = segments.size();
        if (n == 1 && segments[0].k == kind::globstar)
            form = shape::everything;
        else if (n == 2 && segments[0].k == kind::globstar && segments[1].k == kind::literal)
        {
            form = shape::basename_literal;
            literal = segments[1].text;
        }
        else if (n == 2 && segments[0].k == kind::globstar &&
                 (segments[1].k == kind::suffix || segments[1].k == kind::any))
        {
            form = shape::path_suffix;
            literal = segments[1].text;
        }
        else if (n == 1 && segments[0].k == kind::suffix)
        {
            form = shape::top_suffix;
            literal = segments[0].text;
        }
        else if (n > 0 && std::all_of(segments.begin(), segments.end(),
                                      [](const segment& s) { return s.k == kind::literal; }))
        {
            form = shape::exact;
            for (const auto& s : segments)
                literal += (literal.empty() ? "" : "/") + s.text;
        }
    }
};

/// Index of the next unescaped `c` at brace depth 0 outside classes, from `i`; npos if none.
std::size_t find_top_level(std::string_view p, std::size_t i, char c) noexcept
{
    int depth = 0;
    while (i < p.size())
    {
        const char ch = p[i];
        if (ch == '\\')
        {
            i += 2;
            continue;
        }
        if (ch == '[')
        {
            if (auto close = class_end(p, i); close != npos)
            {
                i = close;
                continue;
            }
        }
        if (depth == 0 && ch == c)
            return i;
        if (ch == '{')
            ++depth;
        else if (ch == '}' && depth > 0)
            --depth;
        ++i;
    }
    return npos;
}

/// Index of the `}` closing the `{` at `open`, or npos.
std::size_t matching_brace(std::string_view p, std::size_t open) noexcept
{
    int depth = 0;
    for (std::size_t i = open; i < p.size(); ++i)
    {
        const char ch = p[i];
        if (ch == '\\')
        {
            ++i;
            continue;
        }
        if (ch == '[')
        {
            if (auto close = class_end(p, i); close != npos)
            {
                i = close - 1;
                continue;
            }
        }
        if (ch == '{')
            ++depth;
        else if (ch == '}' && --depth == 0)
            return i;
    }
    return npos;
}

void expand_braces(std::string_view whole, std::string_view p, std::vector<std::string>& out)
{
    const auto open = find_top_level(p, 0, '{');
    if (open == npos)
    {
        if (out.size() == max_alternatives)
            throw_invalid(whole, "more than " + std::to_string(max_alternatives) + " brace alternatives");
        out.emplace_back(p);
        return;
    }
    const auto close = matching_brace(p, open);
    if (close == npos)
        throw_invalid(whole, "unbalanced braces");
    const auto head = p.substr(0, open);
    const auto body = p.substr(open + 1, close - open - 1);
    const auto tail = p.substr(close + 1);
    std::size_t start = 0;
    for (;;)
    {
        const auto comma = find_top_level(body, start, ',');
        const auto option = body.substr(start, comma == npos ? npos : comma - start);
        std::string joined;
        joined.reserve(head.size() + option.size() + tail.size());
        joined.append(head).append(option).append(tail);
        expand_braces(whole, joined, out);
        if (comma == npos)
            break;
        start = comma + 1;
    }
}

alternative compile_alternative(std::string_view text)
{
    alternative alt;
    std::size_t pos = 0;
    bool leading = true;
    while (pos <= text.size())
    {
        auto slash = text.find('/', pos);
        if (slash == npos)
            slash = text.size();
        const auto raw = text.substr(pos, slash - pos);
        pos = slash + 1;
        if (raw.empty() || (leading && raw == "."))
            continue;
        leading = false;
        auto seg = classify(raw);
        if (seg.k == segment::kind::globstar && !alt.segments.empty() &&
            alt.segments.back().k == segment::kind::globstar)
            continue;  // `**/**` is `**`
        alt.segments.push_back(std::move(seg));
    }
    alt.find_shape();
    return alt;
}

}  // namespace

struct glob_pattern::impl
{
    std::string text;
    std::vector<alternative> alternatives;
};

glob_pattern::glob_pattern(std::string_view pattern) : impl_(std::make_unique<impl>())
{
    impl_->text = std::string(pattern);
    if (pattern.empty())
        throw error(errc::invalid_argument, "Invalid glob pattern: the pattern is empty");
    std::vector<std::string> texts;
    expand_braces(pattern, pattern, texts);
    std::sort(texts.begin(), texts.end());
    texts.erase(std::unique(texts.begin(), texts.end()), texts.end());
    bool any_component = false;
    for (const auto& t : texts)
    {
        auto alt = compile_alternative(t);
        any_component = any_component || !alt.segments.empty();
        if (alt.form == alternative::shape::everything)
        {
            impl_->alternatives.clear();
            impl_->alternatives.push_back(std::move(alt));
            break;
        }
        impl_->alternatives.push_back(std::move(alt));
    }
    if (!any_component)
        throw error(errc::invalid_argument,
                    "Invalid glob pattern '" + impl_->text + "': the pattern is empty");
}

glob_pattern::glob_pattern(const glob_pattern& other) : impl_(std::make_unique<impl>(*other.impl_)) {}

glob_pattern& glob_pattern::operator=(const glob_pattern& other)
{
    if (this != &other)
        impl_ = std::make_unique<impl>(*other.impl_);
    return *this;
}

glob_pattern::glob_pattern(glob_pattern&&) noexcept = default;
glob_pattern& glob_pattern::operator=(glob_pattern&&) noexcept = default;
glob_pattern::~glob_pattern() = default;

bool glob_pattern::matches(std::string_view relative_path) const noexcept
{
    for (const auto& alt : impl_->alternatives)
        if (alt.matches(relative_path))
            return true;
    return false;
}

bool glob_pattern::may_match_below(std::string_view dir) const noexcept
{
    for (const auto& alt : impl_->alternatives)
        if (alt.may_match_below(dir))
            return true;
    return false;
}

const std::string& glob_pattern::text() const noexcept
{
    return impl_->text;
}

hidden_names names_hidden_entries(std::string_view pattern) noexcept
{
    hidden_names named;
    for (std::size_t i = 0; i < pattern.size(); ++i)
    {
        if (pattern[i] != '.' ||
            (i != 0 && pattern[i - 1] != '/' && pattern[i - 1] != '{' && pattern[i - 1] != ','))
            continue;
        named.files = true;
        if (pattern.find('/', i) != std::string_view::npos)
            named.dirs = true;
    }
    return named;
}

}  // namespace agent_backends::detail
