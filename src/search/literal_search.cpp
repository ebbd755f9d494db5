// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "search/literal_search.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <utility>

#if defined(__x86_64__) && defined(__SSE2__)
#include <immintrin.h>
#define AGENT_BACKENDS_SEARCH_X86 1
#else
#define AGENT_BACKENDS_SEARCH_X86 0
#endif

namespace agent_backends::detail {
namespace {

constexpr auto npos = std::string_view::npos;

constexpr bool is_ascii_letter(unsigned char c) noexcept
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

constexpr unsigned char ascii_lower(unsigned char c) noexcept
{
    return is_ascii_letter(c) ? static_cast<unsigned char>(c | 0x20) : c;
}

/// How common a byte is in source code and prose (higher: more common). Rough, but enough to pick the
/// needle bytes that produce the fewest false candidates.
constexpr std::array<std::uint8_t, 256> byte_commonness = [] {
    std::array<std::uint8_t, 256> r{};
    for (int c = 0; c < 256; ++c)
        r[c] = c >= 0x80 ? 40 : (c < 0x20 ? 10 : 90);  // non-ASCII, control, other punctuation
    const char* by_rank[] = {
        " ",
        "etaoinsr",
        "\n_lcdu(),;.",
        "hpmf=/\t-*\"gb{}",
        "0yw:v>1k<&[]#x'+2",
        "ETASRINOCDL",
        "3456789!|\\%PMUFGBHXVKWYQJZqjz?$@~^`",
    };
    std::uint8_t rank = 255;
    for (const char* group : by_rank)
    {
        for (const char* p = group; *p; ++p)
            r[static_cast<unsigned char>(*p)] = rank;
        rank = static_cast<std::uint8_t>(rank - 25);
    }
    return r;
}();

unsigned commonness(unsigned char c, bool ignore_case) noexcept
{
    if (ignore_case && is_ascii_letter(c))
        return unsigned(byte_commonness[c | 0x20]) + byte_commonness[c & ~0x20u];
    return 2u * byte_commonness[c];
}

#if AGENT_BACKENDS_SEARCH_X86
bool have_avx2() noexcept
{
    static const bool yes = __builtin_cpu_supports("avx2");
    return yes;
}

/// Candidate starts in [p, last] whose bytes at the two offsets equal the two chosen bytes, 32 at a time.
/// Returns where it stopped (fewer than 32 candidates left) or the first verified match via `found`.
template <class Equal>
__attribute__((target("avx2"))) const char* scan_avx2(const char* p, const char* last, std::size_t o1,
                                                      std::size_t o2, unsigned char b1, unsigned char b2,
                                                      bool f1, bool f2, const Equal& equal,
                                                      const char*& found)
{
    const __m256i v1 = _mm256_set1_epi8(static_cast<char>(b1));
    const __m256i v2 = _mm256_set1_epi8(static_cast<char>(b2));
    const __m256i m1 = _mm256_set1_epi8(f1 ? 0x20 : 0);
    const __m256i m2 = _mm256_set1_epi8(f2 ? 0x20 : 0);
    while (p + 31 <= last)
    {
        const __m256i a = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + o1)), m1);
        const __m256i b = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + o2)), m2);
        auto mask = static_cast<std::uint32_t>(
            _mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi8(a, v1), _mm256_cmpeq_epi8(b, v2))));
        while (mask != 0)
        {
            const char* candidate = p + __builtin_ctz(mask);
            if (equal(candidate))
            {
                found = candidate;
                return p;
            }
            mask &= mask - 1;
        }
        p += 32;
    }
    return p;
}

template <class Equal>
const char* scan_sse2(const char* p, const char* last, std::size_t o1, std::size_t o2, unsigned char b1,
                      unsigned char b2, bool f1, bool f2, const Equal& equal, const char*& found)
{
    const __m128i v1 = _mm_set1_epi8(static_cast<char>(b1));
    const __m128i v2 = _mm_set1_epi8(static_cast<char>(b2));
    const __m128i m1 = _mm_set1_epi8(f1 ? 0x20 : 0);
    const __m128i m2 = _mm_set1_epi8(f2 ? 0x20 : 0);
    while (p + 15 <= last)
    {
        const __m128i a = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + o1)), m1);
        const __m128i b = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + o2)), m2);
        auto mask = static_cast<std::uint32_t>(
            _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, v1), _mm_cmpeq_epi8(b, v2))));
        while (mask != 0)
        {
            const char* candidate = p + __builtin_ctz(mask);
            if (equal(candidate))
            {
                found = candidate;
                return p;
            }
            mask &= mask - 1;
        }
        p += 16;
    }
    return p;
}

__attribute__((target("avx2"))) std::size_t count_newlines_avx2(const char* p, const char* end) noexcept
{
    std::size_t total = 0;
    const __m256i nl = _mm256_set1_epi8('\n');
    while (end - p >= 32)
    {
        // Byte counters overflow after 255 blocks: fold them into 64-bit sums before that.
        __m256i counts = _mm256_setzero_si256();
        const char* stop = p + 32 * std::min<std::ptrdiff_t>(255, (end - p) / 32);
        for (; p != stop; p += 32)
            counts = _mm256_sub_epi8(
                counts, _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)), nl));
        const __m256i sums = _mm256_sad_epu8(counts, _mm256_setzero_si256());
        total += static_cast<std::size_t>(_mm256_extract_epi64(sums, 0) + _mm256_extract_epi64(sums, 1) +
                                          _mm256_extract_epi64(sums, 2) + _mm256_extract_epi64(sums, 3));
    }
    for (; p != end; ++p)
        total += *p == '\n';
    return total;
}

__attribute__((target("avx2"))) bool has_fold_avx2(const char* p, const char* end) noexcept
{
    const __m256i c5 = _mm256_set1_epi8(static_cast<char>(0xC5));
    const __m256i e2 = _mm256_set1_epi8(static_cast<char>(0xE2));
    for (; end - p >= 32; p += 32)
    {
        const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
        if (_mm256_movemask_epi8(a) == 0)
            continue;  // all ASCII
        auto mask = static_cast<std::uint32_t>(
            _mm256_movemask_epi8(_mm256_or_si256(_mm256_cmpeq_epi8(a, c5), _mm256_cmpeq_epi8(a, e2))));
        while (mask != 0)
        {
            const char* q = p + __builtin_ctz(mask);
            const std::string_view rest(q, static_cast<std::size_t>(end - q));
            if (rest.starts_with("\xC5\xBF") || rest.starts_with("\xE2\x84\xAA"))
                return true;
            mask &= mask - 1;
        }
    }
    const std::string_view tail(p, static_cast<std::size_t>(end - p));
    return tail.find("\xC5\xBF") != npos || tail.find("\xE2\x84\xAA") != npos;
}
#endif

}  // namespace

literal_finder::literal_finder(std::string_view needle, bool ascii_ignore_case)
    : needle_(needle), ignore_case_(ascii_ignore_case)
{
    if (ignore_case_)
        for (auto& c : needle_)
            c = static_cast<char>(ascii_lower(static_cast<unsigned char>(c)));
    auto byte_at = [&](std::size_t i) { return static_cast<unsigned char>(needle_[i]); };
    for (std::size_t i = 1; i < needle_.size(); ++i)
        if (commonness(byte_at(i), ignore_case_) < commonness(byte_at(offset1_), ignore_case_))
            offset1_ = i;
    // The second byte: the rarest other position, preferring a byte unlike the first (it filters more).
    offset2_ = offset1_;
    auto rank2 = [&](std::size_t i) {
        return std::pair(byte_at(i) == byte_at(offset1_), commonness(byte_at(i), ignore_case_));
    };
    for (std::size_t i = 0; i < needle_.size(); ++i)
        if (i != offset1_ && (offset2_ == offset1_ || rank2(i) < rank2(offset2_)))
            offset2_ = i;
    byte1_ = byte_at(offset1_);
    byte2_ = byte_at(offset2_);
    fold1_ = ignore_case_ && is_ascii_letter(byte1_);
    fold2_ = ignore_case_ && is_ascii_letter(byte2_);
}

bool literal_finder::equal_at(const char* p) const noexcept
{
    if (!ignore_case_)
        return std::memcmp(p, needle_.data(), needle_.size()) == 0;
    for (std::size_t i = 0; i < needle_.size(); ++i)
        if (ascii_lower(static_cast<unsigned char>(p[i])) != static_cast<unsigned char>(needle_[i]))
            return false;
    return true;
}

std::size_t literal_finder::find(std::string_view hay, std::size_t from) const noexcept
{
    const std::size_t n = needle_.size();
    if (from > hay.size() || hay.size() - from < n)
        return npos;
    const char* const base = hay.data();
    const char* p = base + from;
    const char* const last = base + (hay.size() - n);  // the last possible start
    auto equal = [this](const char* q) { return equal_at(q); };
#if AGENT_BACKENDS_SEARCH_X86
    const char* found = nullptr;
    if (have_avx2())
        p = scan_avx2(p, last, offset1_, offset2_, byte1_, byte2_, fold1_, fold2_, equal, found);
    if (!found)
        p = scan_sse2(p, last, offset1_, offset2_, byte1_, byte2_, fold1_, fold2_, equal, found);
    if (found)
        return static_cast<std::size_t>(found - base);
#endif
    for (; p <= last; ++p)
    {
        const auto c1 = static_cast<unsigned char>(p[offset1_]) | (fold1_ ? 0x20 : 0);
        const auto c2 = static_cast<unsigned char>(p[offset2_]) | (fold2_ ? 0x20 : 0);
        if (c1 == byte1_ && c2 == byte2_ && equal_at(p))
            return static_cast<std::size_t>(p - base);
    }
    return npos;
}

namespace {

/// Reads a regular expression just far enough to list literal runs that every match contains.
class literal_reader
{
public:
    literal_reader(std::string_view p, bool ignore_case) : p_(p), ignore_case_(ignore_case) {}

    std::optional<required_literal> run()
    {
        while (i_ < p_.size())
        {
            if (!step())
                return std::nullopt;
        }
        end_run();
        if (best_.empty())
            return std::nullopt;
        return required_literal{best_, !other_};
    }

private:
    /// Handles one atom and its quantifier; false gives up.
    bool step()
    {
        const char c = p_[i_];
        switch (c)
        {
            case '|':
            case ')':
                return false;  // alternation: no single literal is required
            case '(': {
                if (p_.substr(i_).starts_with("(?") && !p_.substr(i_).starts_with("(?:") &&
                    !p_.substr(i_).starts_with("(?P<") && !p_.substr(i_).starts_with("(?<"))
                    return false;  // flags such as (?i) change what the following literals mean
                const auto close = group_end(i_);
                if (close == npos)
                    return false;
                i_ = close;
                not_literal();
                skip_quantifier();
                return true;
            }
            case '[': {
                const auto close = class_end(i_);
                if (close == npos)
                    return false;
                i_ = close;
                not_literal();
                skip_quantifier();
                return true;
            }
            case '.':
            case '^':
            case '$':
                ++i_;
                not_literal();
                skip_quantifier();
                return true;
            case '\\':
                return escape();
            case '*':
            case '+':
            case '?':
            case '{':
                if (c != '{' || repetition_end(i_) != npos)
                    return false;  // a quantifier without an atom: not a pattern we understand
                break;
            default:
                break;
        }
        // A literal character: a whole UTF-8 sequence.
        const auto lead = static_cast<unsigned char>(c);
        std::size_t n = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        n = std::min(n, p_.size() - i_);
        literal(p_.substr(i_, n));
        return true;
    }

    bool escape()
    {
        if (i_ + 1 >= p_.size())
            return false;
        const char d = p_[i_ + 1];
        switch (d)
        {
            case 'd':
            case 'D':
            case 'w':
            case 'W':
            case 's':
            case 'S':
            case 'b':
            case 'B':
            case 'A':
            case 'z':
                i_ += 2;
                not_literal();
                skip_quantifier();
                return true;
            case 't':
                literal_escape("\t");
                return true;
            case 'r':
                literal_escape("\r");
                return true;
            case 'f':
                literal_escape("\f");
                return true;
            case 'v':
                literal_escape("\v");
                return true;
            case 'a':
                literal_escape("\a");
                return true;
            default:
                break;
        }
        const auto u = static_cast<unsigned char>(d);
        if (u >= 0x80 || (d >= '0' && d <= '9') || ((d | 0x20) >= 'a' && (d | 0x20) <= 'z'))
            return false;  // \x41, \pL, \Q...\E, \1, \n and the like
        literal_escape(p_.substr(i_ + 1, 1));
        return true;
    }

    /// An escape standing for one literal byte: it spans two pattern characters.
    void literal_escape(std::string_view bytes)
    {
        ++i_;
        literal(bytes, 1);
    }

    /// The atom `bytes` occupies `width` pattern characters from i_ (defaults to its own size).
    void literal(std::string_view bytes, std::size_t width = 0)
    {
        i_ += width ? width : bytes.size();
        const bool usable = !ignore_case_ || static_cast<unsigned char>(bytes[0]) < 0x80;
        const auto q = quantifier();
        if (q == quantifier_kind::none)
        {
            if (usable)
                run_ += bytes;
            else
                not_literal();
            return;
        }
        other_ = true;
        if (q == quantifier_kind::at_least_one && usable)
            run_ += bytes;
        end_run();
    }

    enum class quantifier_kind
    {
        none,
        optional,      // `*`, `?`, `{0,...}`
        at_least_one,  // `+`, `{n,...}` with n >= 1
    };

    /// Consumes the quantifier at i_, if any.
    quantifier_kind quantifier()
    {
        if (i_ >= p_.size())
            return quantifier_kind::none;
        quantifier_kind q = quantifier_kind::none;
        const char c = p_[i_];
        if (c == '*' || c == '?')
        {
            q = quantifier_kind::optional;
            ++i_;
        }
        else if (c == '+')
        {
            q = quantifier_kind::at_least_one;
            ++i_;
        }
        else if (c == '{')
        {
            const auto close = repetition_end(i_);
            if (close == npos)
                return quantifier_kind::none;  // `{` not followed by a repetition is a literal
            // The minimum count decides: `{0}` / `{0,n}` make the atom optional.
            const auto digits = p_.substr(i_ + 1, close - i_ - 2);
            const bool minimum_is_zero = digits.substr(0, digits.find(',')).find_first_not_of('0') == npos;
            q = minimum_is_zero ? quantifier_kind::optional : quantifier_kind::at_least_one;
            i_ = close;
        }
        if (q != quantifier_kind::none && i_ < p_.size() && p_[i_] == '?')
            ++i_;  // non-greedy
        return q;
    }

    void skip_quantifier() { quantifier(); }

    /// Index just past `}` of a `{n}`, `{n,}` or `{n,m}` repetition at `open`, or npos.
    std::size_t repetition_end(std::size_t open) const noexcept
    {
        std::size_t j = open + 1;
        const auto digits_from = j;
        while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9')
            ++j;
        if (j == digits_from)
            return npos;
        if (j < p_.size() && p_[j] == ',')
        {
            ++j;
            while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9')
                ++j;
        }
        return j < p_.size() && p_[j] == '}' ? j + 1 : npos;
    }

    std::size_t class_end(std::size_t open) const noexcept
    {
        std::size_t j = open + 1;
        if (j < p_.size() && p_[j] == '^')
            ++j;
        if (j < p_.size() && p_[j] == ']')
            ++j;
        while (j < p_.size() && p_[j] != ']')
        {
            if (p_[j] == '\\')
                ++j;
            else if (p_.substr(j).starts_with("[:"))
            {
                const auto close = p_.find(":]", j + 2);
                if (close != npos)
                    j = close + 1;
            }
            ++j;
        }
        return j < p_.size() ? j + 1 : npos;
    }

    std::size_t group_end(std::size_t open) const noexcept
    {
        int depth = 0;
        for (std::size_t j = open; j < p_.size(); ++j)
        {
            const char c = p_[j];
            if (c == '\\')
                ++j;
            else if (c == '[')
            {
                const auto close = class_end(j);
                if (close == npos)
                    return npos;
                j = close - 1;
            }
            else if (c == '(')
                ++depth;
            else if (c == ')' && --depth == 0)
                return j + 1;
        }
        return npos;
    }

    void not_literal()
    {
        other_ = true;
        end_run();
    }

    void end_run()
    {
        if (run_.size() > best_.size())
            best_ = run_;
        run_.clear();
    }

    std::string_view p_;
    bool ignore_case_;
    std::size_t i_{0};
    std::string run_;
    std::string best_;
    bool other_{false};
};

}  // namespace

std::optional<required_literal> find_required_literal(std::string_view pattern, bool ignore_case)
{
    return literal_reader(pattern, ignore_case).run();
}

bool has_non_ascii_fold_of_ascii(std::string_view text) noexcept
{
#if AGENT_BACKENDS_SEARCH_X86
    if (have_avx2())
        return has_fold_avx2(text.data(), text.data() + text.size());
#endif
    return text.find("\xC5\xBF") != npos || text.find("\xE2\x84\xAA") != npos;
}

std::size_t count_newlines(std::string_view text) noexcept
{
#if AGENT_BACKENDS_SEARCH_X86
    if (have_avx2())
        return count_newlines_avx2(text.data(), text.data() + text.size());
#endif
    std::size_t total = 0;
    for (char c : text)
        total += c == '\n';
    return total;
}

}  // namespace agent_backends::detail
