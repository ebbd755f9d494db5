// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "text/utf8.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using agent_backends::detail::is_valid_utf8;
using agent_backends::detail::to_valid_utf8;

namespace {

const std::string fffd = "\xEF\xBF\xBD";

std::string times(const std::string& s, int n)
{
    std::string out;
    for (int i = 0; i < n; ++i)
        out += s;
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(utf8_tests)

BOOST_AUTO_TEST_CASE(well_formed_text_is_valid_and_kept)
{
    const std::string text = "ascii \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xEF\xBF\xBD";
    BOOST_TEST(is_valid_utf8(text));
    BOOST_TEST(to_valid_utf8(text) == text);
    BOOST_TEST(is_valid_utf8(""));
}

// Expected values are Python's bytes.decode("utf-8", "replace").
BOOST_AUTO_TEST_CASE(each_maximal_invalid_subsequence_becomes_one_replacement_character)
{
    BOOST_TEST(to_valid_utf8("\xC0\x80") == times(fffd, 2));      // overlong
    BOOST_TEST(to_valid_utf8("\xED\xA0\x80") == times(fffd, 3));  // surrogate
    BOOST_TEST(to_valid_utf8("\xE2\x82"
                             "a") == fffd + "a");                     // cut short
    BOOST_TEST(to_valid_utf8("\xF4\x90\x80\x80") == times(fffd, 4));  // above U+10FFFF
    BOOST_TEST(to_valid_utf8("\xF0\x9F\x98") == fffd);                // truncated at the end
    BOOST_TEST(to_valid_utf8("\xE9t\xE9") == fffd + "t" + fffd);      // Latin-1
}

BOOST_AUTO_TEST_CASE(invalid_sequences_are_not_valid)
{
    BOOST_TEST(!is_valid_utf8("caf\xE9"));
    BOOST_TEST(!is_valid_utf8("\xF0\x9F\x98"));
    BOOST_TEST(!is_valid_utf8("\xED\xA0\x80"));
}

BOOST_AUTO_TEST_SUITE_END()
