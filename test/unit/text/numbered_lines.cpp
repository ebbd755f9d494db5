// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/detail/numbered_lines.hpp>
#include <agent_backends/error.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <string>
#include <utility>

#include <sys/resource.h>

using namespace agent_backends;
using detail::render_numbered_lines;

using agent_backends::test::failure_of;

namespace {

std::string render(std::string_view content, read_options opts = {})
{
    return render_numbered_lines(content, opts);
}

/// Serves `content` at most `piece` bytes at a time, to cross every chunk boundary.
std::string render_in_pieces(std::string_view content, std::size_t piece, read_options opts = {})
{
    std::size_t pos = 0;
    detail::byte_source source = [&](char* buf, std::size_t capacity) {
        auto n = std::min({piece, capacity, content.size() - pos});
        std::memcpy(buf, content.data() + pos, n);
        pos += n;
        return n;
    };
    return render_numbered_lines(source, opts);
}

/// Code points of valid UTF-8.
std::size_t code_points(std::string_view s)
{
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string repeat(std::string_view s, std::size_t n)
{
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i)
        out += s;
    return out;
}

const std::string truncation_note = "\n\n... (truncated at 200,000 chars \xE2\x80\x94 pass a smaller "
                                    "`limit`/`offset` or use `grep` to read the rest)";

/// A generated source that is never held whole: `total` bytes of a repeated 32-byte line (or of one endless
/// line), counting what it serves.
class generated_source
{
public:
    generated_source(std::uint64_t total, bool one_line) : total_(total), block_(64 * 1024, 'x')
    {
        if (!one_line)
            for (std::size_t i = 31; i < block_.size(); i += 32)
                block_[i] = '\n';
    }

    std::size_t operator()(char* buf, std::size_t capacity)
    {
        ++calls_;
        largest_request_ = std::max(largest_request_, capacity);
        auto n =
            static_cast<std::size_t>(std::min<std::uint64_t>({capacity, block_.size(), total_ - served_}));
        std::memcpy(buf, block_.data(), n);  // block-aligned: every piece starts at a line start
        served_ += n;
        return n;
    }

    std::uint64_t served() const noexcept { return served_; }
    std::size_t calls() const noexcept { return calls_; }
    std::size_t largest_request() const noexcept { return largest_request_; }

private:
    std::uint64_t total_;
    std::uint64_t served_{0};
    std::size_t calls_{0};
    std::size_t largest_request_{0};
    std::string block_;
};

long peak_rss_kib()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(numbered_lines_tests)

BOOST_AUTO_TEST_CASE(numbers_are_right_aligned_in_six_columns_then_a_tab)
{
    BOOST_TEST(render("hello\nworld") == "     1\thello\n     2\tworld");
}

BOOST_AUTO_TEST_CASE(numbers_wider_than_six_digits_push_the_tab_right)
{
    auto content = repeat("x\n", 1'000'001);
    BOOST_TEST(render(content, {.offset = 999'998, .limit = 3}) == "999999\tx\n1000000\tx\n1000001\tx");
}

BOOST_AUTO_TEST_CASE(a_final_newline_does_not_start_a_new_line)
{
    BOOST_TEST(render("a\nb\n") == "     1\ta\n     2\tb");
    BOOST_TEST(render("a\nb\n\n") == "     1\ta\n     2\tb\n     3\t");
    BOOST_TEST(render("\n") == "     1\t");
}

BOOST_AUTO_TEST_CASE(content_without_a_final_newline_keeps_its_last_line)
{
    BOOST_TEST(render("only") == "     1\tonly");
}

BOOST_AUTO_TEST_CASE(crlf_is_one_line_ending_and_its_cr_is_not_shown)
{
    BOOST_TEST(render("a\r\nb\r\n") == "     1\ta\n     2\tb");
    BOOST_TEST(render("a\r\nb\r") == "     1\ta\n     2\tb");
}

BOOST_AUTO_TEST_CASE(a_cr_inside_a_line_is_text)
{
    BOOST_TEST(render("a\rb\r\r\n") == "     1\ta\rb\r");
}

BOOST_AUTO_TEST_CASE(empty_content_reads_as_empty_file)
{
    BOOST_TEST(render("") == "(empty file)");
    BOOST_TEST(render_in_pieces("", 1) == "(empty file)");
}

BOOST_AUTO_TEST_CASE(remaining_lines_are_counted_in_a_footer)
{
    const std::string five = "1\n2\n3\n4\n5\n";
    BOOST_TEST(render(five, {.limit = 2}) == "     1\t1\n     2\t2\n\n... (3 more lines)");
    BOOST_TEST(render(five, {.offset = 2, .limit = 2}) == "     3\t3\n     4\t4\n\n... (1 more lines)");
    BOOST_TEST(render(five, {.offset = 3, .limit = 2}) == "     4\t4\n     5\t5");
    BOOST_TEST(render("1\n2\n3", {.limit = 2}) == "     1\t1\n     2\t2\n\n... (1 more lines)");
}

BOOST_AUTO_TEST_CASE(a_zero_limit_shows_only_the_footer)
{
    BOOST_TEST(render("a\nb", {.limit = 0}) == "\n\n... (2 more lines)");
}

BOOST_AUTO_TEST_CASE(an_offset_at_or_past_the_end_is_invalid_argument)
{
    auto at_end = failure_of([] { render("a\nb\n", {.offset = 2}); });
    BOOST_TEST(at_end.code == errc::invalid_argument);
    BOOST_TEST(at_end.message == "Offset 2 exceeds file length (2 lines)");
    auto past = failure_of([] { render("a\nb", {.offset = 7}); });
    BOOST_TEST(past.message == "Offset 7 exceeds file length (2 lines)");
    auto zero_limit = failure_of([] { render_in_pieces("a\nb\n", 1, {.offset = 2, .limit = 0}); });
    BOOST_TEST(zero_limit.message == "Offset 2 exceeds file length (2 lines)");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_shown_with_replacement_characters)
{
    BOOST_TEST(render("a\xFF"
                      "b\n\xE2\x82") == "     1\ta\xEF\xBF\xBD"
                                        "b\n     2\t\xEF\xBF\xBD");
    BOOST_TEST(render("\xE2\x82\xAC ok") == "     1\t\xE2\x82\xAC ok");
}

BOOST_AUTO_TEST_CASE(pieces_of_any_size_render_like_the_whole)
{
    const std::string content =
        "first\r\nsecond \xE2\x82\xAC\xF0\x9F\x98\x80\r\n\xC3(bad)\rmid\n\nlast\r\n\xE2\x82\xAC";
    for (read_options opts :
         {read_options{}, read_options{.offset = 1, .limit = 2}, read_options{.offset = 5}})
    {
        const auto whole = render(content, opts);
        for (std::size_t piece : {1, 2, 3, 5, 7, 64})
            BOOST_TEST(render_in_pieces(content, piece, opts) == whole, "piece " << piece);
    }
}

BOOST_AUTO_TEST_CASE(a_read_of_exactly_the_ceiling_is_returned_whole)
{
    auto content = std::string(200'000 - 7, 'a');  // "     1\t" is 7 characters
    auto out = render(content);
    BOOST_TEST(out.size() == 200'000u);
    BOOST_TEST(out == "     1\t" + content);
    BOOST_TEST(render(content, {.limit = 5}) == out);
}

BOOST_AUTO_TEST_CASE(a_default_read_over_the_ceiling_is_truncated_on_a_code_point_boundary)
{
    auto content = repeat("\xC3\xA9", 250'000);  // 250,000 two-byte code points on one line
    auto out = render(content);
    BOOST_REQUIRE(out.ends_with(truncation_note));
    auto kept = std::string_view(out).substr(0, out.size() - truncation_note.size());
    BOOST_TEST(code_points(kept) == 200'000u);
    BOOST_TEST(kept == "     1\t" + repeat("\xC3\xA9", 200'000 - 7));
}

BOOST_AUTO_TEST_CASE(the_footer_counts_toward_the_ceiling)
{
    // 2000 rendered lines of 99 characters + separators stay under the ceiling; the footer tips it over.
    auto line = std::string(92, 'z') + "\n";  // 7 + 92 = 99 characters rendered
    auto content = repeat(line, 2021);
    auto body = 2000u * 99u + 1999u;  // 199,999
    BOOST_REQUIRE(body < 200'000u);
    auto out = render(content);
    BOOST_TEST(out.ends_with(truncation_note));
    BOOST_TEST(out.size() == 200'000u + truncation_note.size());
}

BOOST_AUTO_TEST_CASE(an_explicit_range_over_the_ceiling_is_too_large)
{
    auto content = repeat("\xC3\xA9", 250'000);
    auto f = failure_of([&] { render(content, {.offset = 0, .limit = 10}); });
    BOOST_TEST(f.code == errc::too_large);
    BOOST_TEST(f.message ==
               "The requested range is too large to return (250,007 chars, limit 200,000). Read a "
               "smaller slice with a lower `limit`, or use `grep` to locate the part you need.");
    auto lines = repeat(std::string(1000, 'q') + "\n", 1000);
    auto by_offset = failure_of([&] { render(lines, {.offset = 1}); });
    BOOST_TEST(by_offset.code == errc::too_large);
    BOOST_TEST(by_offset.message.starts_with("The requested range is too large to return (1,006,991 chars,"));
}

BOOST_AUTO_TEST_CASE(a_late_slice_of_a_300_mb_source_is_read_without_holding_it)
{
    constexpr std::uint64_t total_bytes = 300ull << 20;  // 9,830,400 lines of 32 bytes
    constexpr std::uint64_t total_lines = total_bytes / 32;
    generated_source gen(total_bytes, false);
    const long rss_before = peak_rss_kib();
    auto started = std::chrono::steady_clock::now();
    auto out = render_numbered_lines(std::ref(gen), {.offset = 9'000'000, .limit = 2});
    auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const long rss_growth_kib = peak_rss_kib() - rss_before;

    const auto line = std::string(31, 'x');
    BOOST_TEST(out == "9000001\t" + line + "\n9000002\t" + line + "\n\n... (" +
                          std::to_string(total_lines - 9'000'002) + " more lines)");
    BOOST_TEST(gen.served() == total_bytes);
    BOOST_TEST(gen.largest_request() <= 64u * 1024u);
    BOOST_TEST(rss_growth_kib < 16 * 1024);  // far below the 300 MB that holding the source would take
    BOOST_TEST_MESSAGE("300 MB source, offset 9,000,000: "
                       << gen.calls() << " reads of <= " << gen.largest_request()
                       << " bytes, peak RSS growth " << rss_growth_kib << " KiB, " << elapsed << " s");
}

BOOST_AUTO_TEST_CASE(a_huge_single_line_is_cut_at_the_ceiling_without_being_held)
{
    constexpr std::uint64_t total_bytes = 100ull << 20;
    generated_source gen(total_bytes, true);
    const long rss_before = peak_rss_kib();
    auto out = render_numbered_lines(std::ref(gen), {});
    const long rss_growth_kib = peak_rss_kib() - rss_before;
    BOOST_TEST(out.size() == 200'000u + truncation_note.size());
    BOOST_TEST(out.starts_with("     1\txxx"));
    BOOST_TEST(gen.served() == total_bytes);
    BOOST_TEST(rss_growth_kib < 16 * 1024);
    auto f = failure_of([] {
        generated_source again(total_bytes, true);
        render_numbered_lines(std::ref(again), {.limit = 1});
    });
    BOOST_TEST(f.message.starts_with("The requested range is too large to return (104,857,607 chars,"));
    BOOST_TEST_MESSAGE("100 MB single line: peak RSS growth " << rss_growth_kib << " KiB");
}

BOOST_AUTO_TEST_SUITE_END()
