// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/detail/output_backlog.hpp>

#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using agent_backends::detail::output_backlog;

BOOST_AUTO_TEST_SUITE(output_backlog_tests)

BOOST_AUTO_TEST_CASE(take_returns_what_arrived_since_the_previous_take)
{
    output_backlog b(100);
    b.append("one\n");
    auto first = b.take();
    BOOST_TEST(first.output == "one\n");
    BOOST_TEST(!first.truncated);
    b.append("two\n");
    BOOST_TEST(b.take().output == "two\n");
    BOOST_TEST(b.take().output == "");
}

BOOST_AUTO_TEST_CASE(writing_faster_than_reading_drops_the_oldest_bytes_and_says_so_once)
{
    output_backlog b(10);
    for (char ch = 'a'; ch <= 'z'; ++ch)
        b.append(std::string(1, ch));
    auto t = b.take();
    BOOST_TEST(t.output == "qrstuvwxyz");
    BOOST_TEST(t.truncated);
    b.append("1");
    t = b.take();
    BOOST_TEST(t.output == "1");
    BOOST_TEST(!t.truncated);
}

BOOST_AUTO_TEST_CASE(a_chunk_larger_than_the_budget_keeps_its_end)
{
    output_backlog b(4);
    b.append("ab");
    b.append("0123456789");
    auto t = b.take();
    BOOST_TEST(t.output == "6789");
    BOOST_TEST(t.truncated);
}

BOOST_AUTO_TEST_CASE(dropping_never_leaves_half_a_utf8_character_in_front)
{
    output_backlog b(5);
    b.append("\xE2\x82\xAC\xE2\x82\xAC");  // two 3-byte characters; keeping 5 bytes would start mid-character
    BOOST_TEST(b.take().output == "\xE2\x82\xAC");
}

BOOST_AUTO_TEST_CASE(memory_stays_bounded_over_many_appends)
{
    output_backlog b(1000);
    for (int i = 0; i < 100000; ++i)
        b.append("0123456789");
    BOOST_TEST(b.size() <= 1000u);
    auto t = b.take();
    BOOST_TEST(t.output.size() == 1000u);
    BOOST_TEST(t.truncated);
}

BOOST_AUTO_TEST_CASE(line_start_tracks_the_last_byte_even_after_take)
{
    output_backlog b(100);
    BOOST_TEST(b.at_line_start());
    b.append("x");
    b.take();
    BOOST_TEST(!b.at_line_start());
    b.append("\n");
    BOOST_TEST(b.at_line_start());
}

BOOST_AUTO_TEST_SUITE_END()
