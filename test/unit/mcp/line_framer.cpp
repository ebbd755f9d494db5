// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/line_framer.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace agent_backends::detail;

namespace {

std::vector<std::string> texts(const std::vector<framed_line>& lines)
{
    std::vector<std::string> out;
    for (const auto& l : lines)
        out.push_back(l.too_long ? "<too long>" : l.text);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(line_framer_tests)

BOOST_AUTO_TEST_CASE(lines_split_on_newline_with_crlf_and_blank_lines_dropped)
{
    line_framer f(100);
    auto out = texts(f.feed("a\r\n\n  \r\nb\nc"));
    BOOST_TEST(out == (std::vector<std::string>{"a", "b"}), boost::test_tools::per_element());
    BOOST_TEST(texts(f.feed("d\n")) == (std::vector<std::string>{"cd"}), boost::test_tools::per_element());
    BOOST_TEST(f.finish().empty());
}

BOOST_AUTO_TEST_CASE(a_line_split_over_many_feeds_comes_out_whole)
{
    line_framer f(100);
    for (char c : std::string("hello"))
        BOOST_TEST(f.feed(std::string(1, c)).empty());
    BOOST_TEST(texts(f.feed("\n")) == (std::vector<std::string>{"hello"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_last_line_without_newline_comes_out_at_the_end)
{
    line_framer f(100);
    f.feed("tail");
    BOOST_TEST(texts(f.finish()) == (std::vector<std::string>{"tail"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_overlong_line_is_reported_once_and_skipped_to_its_newline)
{
    line_framer f(4);
    BOOST_TEST(texts(f.feed("abcd\nabc")) == (std::vector<std::string>{"abcd"}),
               boost::test_tools::per_element());
    BOOST_TEST(texts(f.feed("de")) == (std::vector<std::string>{"<too long>"}),
               boost::test_tools::per_element());
    BOOST_TEST(f.feed("fghij").empty());
    BOOST_TEST(texts(f.feed("klm\nok\n")) == (std::vector<std::string>{"ok"}),
               boost::test_tools::per_element());
    BOOST_TEST(texts(f.feed("12345\nx\n")) == (std::vector<std::string>{"<too long>", "x"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_overlong_last_line_without_newline_is_not_handled)
{
    line_framer f(2);
    BOOST_TEST(texts(f.feed("abc")) == (std::vector<std::string>{"<too long>"}),
               boost::test_tools::per_element());
    BOOST_TEST(f.finish().empty());
}

BOOST_AUTO_TEST_SUITE_END()
