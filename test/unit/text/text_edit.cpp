// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/detail/text_edit.hpp>
#include <agent_backends/error.hpp>

#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace agent_backends;
using detail::apply_edit;

namespace {

struct failure
{
    errc code{};
    std::string message;
};

failure edit_failure(std::string_view content, const edit_request& req, std::string_view path = "/f.txt")
{
    try
    {
        apply_edit(content, req, path);
    }
    catch (const error& e)
    {
        return {e.condition(), e.what()};
    }
    BOOST_FAIL("expected an error");
    return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(text_edit_tests)

BOOST_AUTO_TEST_CASE(a_unique_occurrence_is_replaced)
{
    auto r = apply_edit("hello world", {.old_string = "world", .new_string = "there"}, "/f.txt");
    BOOST_TEST(r.content == "hello there");
    BOOST_TEST(r.occurrences == 1u);
}

BOOST_AUTO_TEST_CASE(edit_fails_invalid_argument_when_old_string_is_empty)
{
    auto f = edit_failure("abc", {.old_string = "", .new_string = "x"});
    BOOST_TEST(f.code == errc::invalid_argument);
    BOOST_TEST(f.message == "old_string must not be empty");
}

BOOST_AUTO_TEST_CASE(edit_fails_no_match_when_old_string_is_absent)
{
    auto f = edit_failure("abc", {.old_string = "zz\nyy", .new_string = "x"});
    BOOST_TEST(f.code == errc::no_match);
    BOOST_TEST(f.message == "String 'zz\nyy' not found in file");
}

BOOST_AUTO_TEST_CASE(edit_fails_not_unique_when_old_string_repeats)
{
    auto f = edit_failure("x = 1\nx = 2\nx = 3\n", {.old_string = "x =", .new_string = "y ="});
    BOOST_TEST(f.code == errc::not_unique);
    BOOST_TEST(f.message ==
               "String 'x =' found 3 times. Use replace_all=True to replace all, or provide more context.");
}

BOOST_AUTO_TEST_CASE(occurrences_are_counted_without_overlap)
{
    auto f = edit_failure("aaaa", {.old_string = "aa", .new_string = "b"});
    BOOST_TEST(f.message.starts_with("String 'aa' found 2 times."));
    auto r = apply_edit("aaaaa", {.old_string = "aa", .new_string = "b", .replace_all = true}, "/f");
    BOOST_TEST(r.content == "bba");
    BOOST_TEST(r.occurrences == 2u);
}

BOOST_AUTO_TEST_CASE(replace_all_replaces_every_occurrence_and_counts_them)
{
    auto r = apply_edit("x = 1\nx = 2\nx = 3\n",
                        {.old_string = "x", .new_string = "value", .replace_all = true}, "/f.txt");
    BOOST_TEST(r.content == "value = 1\nvalue = 2\nvalue = 3\n");
    BOOST_TEST(r.occurrences == 3u);
}

BOOST_AUTO_TEST_CASE(replace_all_with_a_unique_occurrence_counts_one)
{
    auto r = apply_edit("abc", {.old_string = "b", .new_string = "", .replace_all = true}, "/f.txt");
    BOOST_TEST(r.content == "ac");
    BOOST_TEST(r.occurrences == 1u);
}

BOOST_AUTO_TEST_CASE(a_crlf_file_stays_crlf_when_old_and_new_use_lf)
{
    auto r = apply_edit("one\r\ntwo\r\nthree\r\n", {.old_string = "one\ntwo\n", .new_string = "1\n2\n2.5\n"},
                        "/f");
    BOOST_TEST(r.content == "1\r\n2\r\n2.5\r\nthree\r\n");
}

BOOST_AUTO_TEST_CASE(crlf_already_in_old_or_new_string_is_not_doubled)
{
    auto r = apply_edit("one\r\ntwo\r\n", {.old_string = "one\r\ntwo", .new_string = "uno\r\ndos\nx"}, "/f");
    BOOST_TEST(r.content == "uno\r\ndos\r\nx\r\n");
}

BOOST_AUTO_TEST_CASE(an_lf_file_is_edited_literally)
{
    auto r = apply_edit("one\ntwo\n", {.old_string = "one\n", .new_string = "1\r\n"}, "/f");
    BOOST_TEST(r.content == "1\r\ntwo\n");
    auto f = edit_failure("one\ntwo\n", {.old_string = "one\r\ntwo", .new_string = "x"});
    BOOST_TEST(f.code == errc::no_match);
}

BOOST_AUTO_TEST_CASE(messages_show_old_string_as_given_in_a_crlf_file)
{
    auto f = edit_failure("a\r\nb\r\na\r\nb\r\n", {.old_string = "a\nb", .new_string = "c"});
    BOOST_TEST(f.code == errc::not_unique);
    BOOST_TEST(f.message.starts_with("String 'a\nb' found 2 times."));
}

BOOST_AUTO_TEST_CASE(binary_content_is_refused)
{
    auto f =
        edit_failure(std::string("PK\0\x03 data", 9), {.old_string = "data", .new_string = "x"}, "img/a.bin");
    BOOST_TEST(f.code == errc::is_binary);
    BOOST_TEST(f.message == "'img/a.bin' is a binary file and cannot be edited");
}

BOOST_AUTO_TEST_CASE(a_nul_after_the_first_8_kb_is_not_binary)
{
    auto content = std::string(8192, 'a') + std::string("\0needle", 7);
    auto r = apply_edit(content, {.old_string = "needle", .new_string = "pin"}, "/f");
    BOOST_TEST(r.content.ends_with(std::string("\0pin", 4)));
}

BOOST_AUTO_TEST_SUITE_END()
