// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>

#include <agent_backends/detail/line_matcher.hpp>

#include "search/literal_search.hpp"

#include <cstring>
#include <optional>
#include <string>

#include <re2/re2.h>

namespace agent_backends::detail {
namespace {

constexpr auto npos = std::string_view::npos;

/// Below this length a required literal finds too many candidate lines to beat RE2's own scan.
constexpr std::size_t min_prefilter_literal = 3;

re2::StringPiece piece(std::string_view s) noexcept
{
    return {s.data(), s.size()};
}

/// Start of the line holding `pos`, looking back no further than `floor` (itself a line start).
std::size_t line_start(std::string_view text, std::size_t floor, std::size_t pos) noexcept
{
    const void* nl = pos > floor ? ::memrchr(text.data() + floor, '\n', pos - floor) : nullptr;
    return nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) + 1 : floor;
}

/// Index of the `\n` ending the line holding `pos`, or the text's size.
std::size_t line_end(std::string_view text, std::size_t pos) noexcept
{
    const void* nl = pos < text.size() ? std::memchr(text.data() + pos, '\n', text.size() - pos) : nullptr;
    return nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) : text.size();
}

std::string_view line_text(std::string_view text, std::size_t start, std::size_t end) noexcept
{
    auto line = text.substr(start, end - start);
    if (line.ends_with('\r'))
        line.remove_suffix(1);
    return line;
}

/// Line numbers of ascending positions, counting newlines only as far as the last position asked for.
class line_counter
{
public:
    line_counter(std::string_view text, std::size_t first_line) noexcept : text_(text), line_(first_line) {}

    std::size_t line_at(std::size_t pos) noexcept
    {
        line_ += count_newlines(text_.substr(counted_, pos - counted_));
        counted_ = pos;
        return line_;
    }

private:
    std::string_view text_;
    std::size_t line_;
    std::size_t counted_{0};
};

bool holds_ascii_letter_with_non_ascii_fold(std::string_view s) noexcept
{
    return s.find_first_of("kKsS") != npos;
}

}  // namespace

struct line_matcher::impl
{
    enum class mode
    {
        regex,        // RE2 over the whole buffer
        literal,      // the pattern is a literal: no RE2 at all
        prefiltered,  // RE2 on the lines holding a required literal
    };

    std::unique_ptr<re2::RE2> re;
    mode how{mode::regex};
    std::optional<literal_finder> finder;
    bool check_folds{false};  // case-insensitive literal with a letter that non-ASCII characters fold to

    using callback = std::function<bool(std::size_t, std::string_view)>;

    std::size_t scan_regex(std::string_view text, const callback& on_line, std::size_t first_line) const
    {
        const auto whole = piece(text);
        line_counter lines(text, first_line);
        std::size_t count = 0;
        std::size_t pos = 0;
        while (pos < text.size())
        {
            re2::StringPiece m;
            if (!re->Match(whole, pos, text.size(), re2::RE2::UNANCHORED, &m, 1))
                break;
            const auto start = static_cast<std::size_t>(m.data() - text.data());
            if (start == text.size() && text.back() == '\n')
                break;  // an empty match after the last line break is not on a line
            const auto ls = line_start(text, pos, start);
            const auto le = line_end(text, start);
            // never_nl keeps matches inside a line; check anyway rather than trust it blindly.
            const bool hit = start + m.size() <= le || line_matches(text.substr(ls, le - ls));
            if (hit)
            {
                ++count;
                if (!on_line(lines.line_at(ls), line_text(text, ls, le)))
                    break;
            }
            pos = le + 1;
        }
        return count;
    }

    std::size_t scan_literal(std::string_view text, const callback& on_line, std::size_t first_line,
                             bool verify) const
    {
        line_counter lines(text, first_line);
        std::size_t count = 0;
        std::size_t pos = 0;
        while (pos < text.size())
        {
            const auto at = finder->find(text, pos);
            if (at == npos)
                break;
            const auto ls = line_start(text, pos, at);
            const auto le = line_end(text, at);
            if (!verify || line_matches(text.substr(ls, le - ls)))
            {
                ++count;
                if (!on_line(lines.line_at(ls), line_text(text, ls, le)))
                    break;
            }
            pos = le + 1;
        }
        return count;
    }

    bool line_matches(std::string_view line) const
    {
        return re->Match(piece(line), 0, line.size(), re2::RE2::UNANCHORED, nullptr, 0);
    }
};

line_matcher::line_matcher(std::string_view pattern, bool ignore_case) : impl_(std::make_unique<impl>())
{
    re2::RE2::Options options;
    options.set_log_errors(false);
    options.set_never_nl(true);  // a line is the unit: nothing matches `\n`
    options.set_case_sensitive(!ignore_case);
    options.set_max_mem(64 << 20);
    impl_->re = std::make_unique<re2::RE2>("(?m)" + std::string(pattern), options);
    if (!impl_->re->ok())
    {
        // Report the pattern's own error, without the `(?m)` prefix in its quoted text.
        const re2::RE2 plain(piece(pattern), options);
        const auto& why = plain.ok() ? impl_->re->error() : plain.error();
        throw error(errc::invalid_argument,
                    "Invalid regex pattern: " + why + " (RE2 syntax: no backreferences or lookaround)");
    }
    auto literal = find_required_literal(pattern, ignore_case);
    if (!literal || literal->text.empty() || literal->text.find('\n') != std::string::npos)
        return;
    if (literal->whole_pattern)
        impl_->how = impl::mode::literal;
    else if (literal->text.size() >= min_prefilter_literal)
        impl_->how = impl::mode::prefiltered;
    else
        return;
    impl_->finder.emplace(literal->text, ignore_case);
    impl_->check_folds = ignore_case && holds_ascii_letter_with_non_ascii_fold(literal->text);
}

line_matcher::line_matcher(line_matcher&&) noexcept = default;
line_matcher& line_matcher::operator=(line_matcher&&) noexcept = default;
line_matcher::~line_matcher() = default;

std::size_t line_matcher::for_each_matching_line(
    std::string_view text, const std::function<bool(std::size_t, std::string_view)>& on_line,
    std::size_t first_line_number) const
{
    if (text.empty())
        return 0;
    auto how = impl_->how;
    // `s` and `k` also match U+017F and U+212A under Unicode case folding: leave such text to RE2.
    if (impl_->check_folds && has_non_ascii_fold_of_ascii(text))
        how = impl::mode::regex;
    switch (how)
    {
        case impl::mode::literal:
            return impl_->scan_literal(text, on_line, first_line_number, false);
        case impl::mode::prefiltered:
            return impl_->scan_literal(text, on_line, first_line_number, true);
        case impl::mode::regex:
            break;
    }
    return impl_->scan_regex(text, on_line, first_line_number);
}

bool line_matcher::matches_any(std::string_view text) const
{
    return for_each_matching_line(text, [](std::size_t, std::string_view) { return false; }) != 0;
}

}  // namespace agent_backends::detail
