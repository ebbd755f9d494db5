// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// The texts of the console tools, formatted from backend results.
#include "console/tool_output.hpp"

#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

using namespace agent_backends;
using namespace agent_backends::detail;

BOOST_AUTO_TEST_SUITE(console_tool_output)

BOOST_AUTO_TEST_CASE(listing_shows_a_file_without_size_by_name_alone)
{
    std::vector<file_info> entries{{.name = "d", .path = "/d", .is_dir = true},
                                   {.name = "f", .path = "/f", .size = 12},
                                   {.name = "g", .path = "/g"}};
    BOOST_TEST(format_listing("/", entries) == "Contents of /:\n  d/\n  f (12 bytes)\n  g");
}

BOOST_AUTO_TEST_CASE(execute_output_is_returned_as_is_on_success_or_unknown_exit)
{
    BOOST_TEST(format_execute({.output = "ok\n", .exit_code = 0}) == "ok\n");
    BOOST_TEST(format_execute({.output = "", .exit_code = 0}) == "");
    BOOST_TEST(format_execute({.output = "x"}) == "x");
}

BOOST_AUTO_TEST_CASE(failed_and_truncated_execute_output_carries_both_notes)
{
    BOOST_TEST(format_execute({.output = "head", .exit_code = 2, .truncated = true}) ==
               "Command failed (exit code 2):\nhead\n\n... (output truncated)");
}

BOOST_AUTO_TEST_CASE(first_code_points_never_cuts_inside_a_character)
{
    BOOST_TEST(first_code_points("abc", 2) == "ab");
    BOOST_TEST(first_code_points("abc", 5) == "abc");
    BOOST_TEST(first_code_points("\xC3\xA9\xE2\x82\xAC"
                                 "x",
                                 2) == "\xC3\xA9\xE2\x82\xAC");
    BOOST_TEST(first_code_points("\xF0\x9F\x98\x80y", 1) == "\xF0\x9F\x98\x80");
    BOOST_TEST(first_code_points("", 3) == "");
}

BOOST_AUTO_TEST_CASE(grep_files_are_sorted_and_unique)
{
    std::vector<grep_match> matches{{"/b", 1, "x"}, {"/a", 3, "x"}, {"/b", 2, "x"}};
    BOOST_TEST(format_grep("x", matches, grep_output_mode::files_with_matches) ==
               "Files containing 'x':\n  /a\n  /b");
    BOOST_TEST(format_grep("x", matches, grep_output_mode::count) == "Found 3 match(es) for 'x'");
}

BOOST_AUTO_TEST_SUITE_END()
