// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/detail/output_capture.hpp>

#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using agent_backends::detail::output_capture;

BOOST_AUTO_TEST_SUITE(output_capture_tests)

BOOST_AUTO_TEST_CASE(output_within_the_budget_is_kept_whole)
{
    output_capture c(10);
    c.append("abc");
    c.append("defghij");
    BOOST_TEST(!c.truncated());
    BOOST_TEST(c.take() == "abcdefghij");
}

BOOST_AUTO_TEST_CASE(output_past_the_budget_keeps_head_and_tail_around_an_omission_line)
{
    output_capture c(10);
    for (char ch = 'a'; ch <= 'z'; ++ch)
        c.append(std::string(1, ch));
    BOOST_TEST(c.truncated());
    BOOST_TEST(c.total_bytes() == 26u);
    BOOST_TEST(c.take() == "abcde\n... [16 bytes omitted] ...\nvwxyz");
}

BOOST_AUTO_TEST_CASE(omission_line_follows_a_head_that_ends_a_line_directly)
{
    output_capture c(4);
    c.append("a\nbbbbbbbbbbcd");
    BOOST_TEST(c.take() == "a\n... [10 bytes omitted] ...\ncd");
}

BOOST_AUTO_TEST_CASE(one_chunk_larger_than_the_budget_keeps_its_own_head_and_tail)
{
    output_capture c(6);
    c.append(std::string(1000, 'x') + "END");
    BOOST_TEST(c.take() == "xxx\n... [997 bytes omitted] ...\nEND");
}

BOOST_AUTO_TEST_CASE(many_chunks_keep_the_last_bytes_as_tail)
{
    output_capture c(100);
    std::string all;
    for (int i = 0; i < 5000; ++i)
    {
        auto piece = std::to_string(i) + ",";
        all += piece;
        c.append(piece);
    }
    auto out = c.take();
    BOOST_TEST(out.substr(0, 50) == all.substr(0, 50));
    BOOST_TEST(out.substr(out.size() - 50) == all.substr(all.size() - 50));
    BOOST_TEST(out.find("... [" + std::to_string(all.size() - 100) + " bytes omitted] ...") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(cuts_never_split_a_utf8_character)
{
    output_capture c(6);
    // "ééé" head side (2-byte chars) and "€€" tail side (3-byte chars) around filler.
    c.append("\xC3\xA9\xC3\xA9\xC3\xA9" + std::string(20, '-') + "\xE2\x82\xAC\xE2\x82\xAC");
    // head keeps 3 bytes -> one whole é (the half é is omitted); tail keeps 3 bytes -> one whole €.
    BOOST_TEST(c.take() == "\xC3\xA9\n... [27 bytes omitted] ...\n\xE2\x82\xAC");
}

BOOST_AUTO_TEST_CASE(zero_budget_keeps_only_the_omission_line)
{
    output_capture c(0);
    c.append("abc");
    BOOST_TEST(c.truncated());
    BOOST_TEST(c.take() == "... [3 bytes omitted] ...\n");
}

BOOST_AUTO_TEST_CASE(an_unlimited_budget_keeps_everything)
{
    output_capture c(static_cast<std::size_t>(-1));
    std::string all;
    for (int i = 0; i < 1000; ++i)
    {
        all += std::to_string(i);
        c.append(std::to_string(i));
    }
    BOOST_TEST(!c.truncated());
    BOOST_TEST(c.take() == all);
}

BOOST_AUTO_TEST_SUITE_END()
