// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>

#include <agent_backends/detail/line_matcher.hpp>

#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>
#include <vector>

using agent_backends::errc;
using agent_backends::error;
using agent_backends::detail::line_matcher;

namespace {

using hits = std::vector<std::pair<std::size_t, std::string>>;

hits matching(std::string_view pattern, std::string_view text, bool ignore_case = false,
              std::size_t first = 1)
{
    hits out;
    line_matcher m(pattern, ignore_case);
    m.for_each_matching_line(
        text,
        [&](std::size_t n, std::string_view line) {
            out.emplace_back(n, std::string(line));
            return true;
        },
        first);
    return out;
}

std::vector<std::size_t> numbers(const hits& h)
{
    std::vector<std::size_t> out;
    for (const auto& [n, line] : h)
        out.push_back(n);
    return out;
}

}  // namespace

BOOST_TEST_DONT_PRINT_LOG_VALUE(hits)

BOOST_AUTO_TEST_SUITE(line_matcher_tests)

BOOST_AUTO_TEST_CASE(literal_pattern_reports_each_matching_line_once_with_its_number)
{
    const auto h = matching("foo", "foo foo\nbar\nxfoo\n\nfoo");
    BOOST_TEST(h == (hits{{1, "foo foo"}, {3, "xfoo"}, {5, "foo"}}));
}

BOOST_AUTO_TEST_CASE(regex_with_required_literal_checks_each_candidate_line)
{
    const std::string text = "PM_SUSPEND\nPM_X_SUSPEND\n_SUSPEND\nPM_AB_SUSPEND x\npm_q_suspend\n";
    BOOST_TEST(numbers(matching("PM_[A-Z]+_SUSPEND", text)) == (std::vector<std::size_t>{2, 4}));
    BOOST_TEST(numbers(matching("PM_[A-Z]+_SUSPEND", text, true)) == (std::vector<std::size_t>{2, 4, 5}));
}

BOOST_AUTO_TEST_CASE(regex_without_literal_runs_over_the_whole_buffer)
{
    const std::string text = "abc 123\nno digits\n4\n  \nx9y\n";
    BOOST_TEST(numbers(matching("[0-9]+", text)) == (std::vector<std::size_t>{1, 3, 5}));
    BOOST_TEST(numbers(matching("^\\s*$", text)) == (std::vector<std::size_t>{4}));
    BOOST_TEST(numbers(matching("^x", text)) == (std::vector<std::size_t>{5}));
    BOOST_TEST(numbers(matching("s$", text)) == (std::vector<std::size_t>{2}));
}

BOOST_AUTO_TEST_CASE(matches_never_span_a_line_break)
{
    // `\s` and negated classes would match `\n` over a whole buffer; a line is the unit.
    BOOST_TEST(matching("a\\s+b", "a\nb\na b\n") == (hits{{3, "a b"}}));
    BOOST_TEST(matching("a[^x]*b", "a\nb\n") == hits{});
    BOOST_TEST(matching("a\\nb", "a\nb\n") == hits{});
}

BOOST_AUTO_TEST_CASE(crlf_lines_are_counted_once_and_shown_without_the_carriage_return)
{
    const auto h = matching("two|four", "one\r\ntwo\r\nthree\r\nfour");
    BOOST_TEST(h == (hits{{2, "two"}, {4, "four"}}));
    BOOST_TEST(matching("x", "a\r\n\r\nx\r\n") == (hits{{3, "x"}}));
    BOOST_TEST(matching("x", "a\r\n\r\nx\r\n", true) == (hits{{3, "x"}}));
}

BOOST_AUTO_TEST_CASE(empty_matches_report_every_line_but_not_one_past_the_last_break)
{
    BOOST_TEST(numbers(matching("", "a\nb\n")) == (std::vector<std::size_t>{1, 2}));
    BOOST_TEST(numbers(matching("^", "a\n\nb")) == (std::vector<std::size_t>{1, 2, 3}));
    BOOST_TEST(numbers(matching("^$", "a\n")) == std::vector<std::size_t>{});
    BOOST_TEST(matching("x", "").empty());
}

BOOST_AUTO_TEST_CASE(ignore_case_folds_ascii_and_unicode)
{
    BOOST_TEST(numbers(matching("pm_suspend", "PM_SUSPEND\nPm_Suspend\npm-suspend\n", true)) ==
               (std::vector<std::size_t>{1, 2}));
    BOOST_TEST(numbers(matching("pm_suspend", "PM_SUSPEND\n", false)) == std::vector<std::size_t>{});
    BOOST_TEST(numbers(matching("\xC3\xA9t\xC3\xA9", "\xC3\x89T\xC3\x89\n", true)) ==
               (std::vector<std::size_t>{1}));
    // U+017F (long s) folds with `s`, U+212A (Kelvin sign) with `k`: the literal search must not miss them.
    BOOST_TEST(numbers(matching("suspend", "x\n\xC5\xBFuspend\n", true)) == (std::vector<std::size_t>{2}));
    BOOST_TEST(numbers(matching("kelvin",
                                "\xE2\x84\xAA"
                                "elvin\n",
                                true)) == (std::vector<std::size_t>{1}));
}

BOOST_AUTO_TEST_CASE(escaped_punctuation_and_quantified_literals_are_searched_correctly)
{
    BOOST_TEST(numbers(matching("a\\.b", "a.b\naxb\n")) == (std::vector<std::size_t>{1}));
    BOOST_TEST(numbers(matching("colou?r", "color\ncolour\ncolr\n")) == (std::vector<std::size_t>{1, 2}));
    BOOST_TEST(numbers(matching("ab{0}cde", "acde\nabcde\n")) == (std::vector<std::size_t>{1}));
    BOOST_TEST(numbers(matching("x{2}yz", "xxyz\nxyz\n")) == (std::vector<std::size_t>{1}));
    BOOST_TEST(numbers(matching("foo|bar", "foo\nbar\nbaz\n")) == (std::vector<std::size_t>{1, 2}));
    BOOST_TEST(numbers(matching("(?i)abc", "ABC\n")) == (std::vector<std::size_t>{1}));
    BOOST_TEST(numbers(matching("a{b", "a{b\n")) == (std::vector<std::size_t>{1}));
}

BOOST_AUTO_TEST_CASE(line_numbers_continue_from_the_first_line_number)
{
    BOOST_TEST(numbers(matching("x", "a\nx\n", false, 41)) == (std::vector<std::size_t>{42}));
}

BOOST_AUTO_TEST_CASE(returning_false_stops_the_scan)
{
    line_matcher m("a", false);
    std::size_t calls = 0;
    const auto n =
        m.for_each_matching_line("a\na\na\n", [&](std::size_t, std::string_view) { return ++calls < 2; });
    BOOST_TEST(calls == 2u);
    BOOST_TEST(n == 2u);
    BOOST_TEST(m.matches_any("b\na\n"));
    BOOST_TEST(!m.matches_any("b\nc\n"));
}

BOOST_AUTO_TEST_CASE(long_buffers_find_hits_near_vector_block_edges)
{
    // Hits at every offset around 16- and 32-byte block boundaries, and at the very end.
    for (std::size_t pad = 0; pad < 70; ++pad)
    {
        std::string text(pad, 'x');
        text += "NEEDLE";
        BOOST_TEST(matching("NEEDLE", text).size() == 1u, "pad " << pad);
        BOOST_TEST(matching("needle", text, true).size() == 1u, "pad " << pad);
        BOOST_TEST(matching("NEEDLF", text).empty(), "pad " << pad);
    }
}

BOOST_AUTO_TEST_CASE(invalid_pattern_names_re2_syntax)
{
    for (const char* bad : {"(abc", "a(?=b)", "(a)\\1"})
    {
        try
        {
            line_matcher m(bad, false);
            BOOST_FAIL("expected an error for " << bad);
        }
        catch (const error& e)
        {
            BOOST_TEST(e.condition() == errc::invalid_argument);
            const std::string what = e.what();
            BOOST_TEST(what.starts_with("Invalid regex pattern: "), what);
            BOOST_TEST(what.ends_with(" (RE2 syntax: no backreferences or lookaround)"), what);
            BOOST_TEST(what.find("(?m)") == std::string::npos, what);
        }
    }
    try
    {
        line_matcher m("(abc", false);
    }
    catch (const error& e)
    {
        BOOST_TEST(std::string(e.what()) ==
                   "Invalid regex pattern: missing ): (abc (RE2 syntax: no backreferences or lookaround)");
    }
}

BOOST_AUTO_TEST_SUITE_END()
