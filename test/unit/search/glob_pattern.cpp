// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>

#include <agent_backends/detail/glob_pattern.hpp>

#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using agent_backends::errc;
using agent_backends::error;
using agent_backends::detail::glob_pattern;

namespace {

struct glob_case
{
    const char* pattern;
    const char* path;
    bool expected;
};

void check_table(const std::vector<glob_case>& table)
{
    for (const auto& c : table)
    {
        BOOST_TEST_CONTEXT("pattern '" << c.pattern << "' path '" << c.path << "'")
        {
            BOOST_TEST(glob_pattern(c.pattern).matches(c.path) == c.expected);
        }
    }
}

errc error_of(const char* pattern, std::string& message)
{
    try
    {
        glob_pattern p(pattern);
    }
    catch (const error& e)
    {
        message = e.what();
        return e.condition();
    }
    BOOST_FAIL("expected an error for " << pattern);
    return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(glob_pattern_tests)

BOOST_AUTO_TEST_CASE(star_and_question_mark_stay_within_one_component)
{
    check_table({
        {"*.py", "a.py", true},
        {"*.py", "src/a.py", false},
        {"*", "a", true},
        {"*", "a/b", false},
        {"a*c", "abbbc", true},
        {"a*c", "ac", true},
        {"a*c", "a/c", false},
        {"a?c", "abc", true},
        {"a?c", "ac", false},
        {"a?c", "a/c", false},
        {"?", "\xC3\xA9", true},  // one character, two bytes
        {"*.tar.gz", "x.tar.gz", true},
        {"*.tar.gz", "x.gz", false},
        {"a*b*c", "aXbYbZc", true},
        {"a*b*c", "aXbYbZ", false},
        {"src/*.c", "src/a.c", true},
        {"src/*.c", "src/x/a.c", false},
        {"Makefile", "Makefile", true},
        {"Makefile", "sub/Makefile", false},
    });
}

BOOST_AUTO_TEST_CASE(double_star_matches_zero_or_more_whole_components)
{
    check_table({
        {"**/*.c", "a.c", true},
        {"**/*.c", "x/y/z/a.c", true},
        {"**/*.c", "x/y/z/a.h", false},
        {"**/*.c", "a.c/b.h", false},
        {"src/**/*.c", "src/a.c", true},
        {"src/**/*.c", "src/x/y/a.c", true},
        {"src/**/*.c", "docs/a.c", false},
        {"src/**", "src/a/b", true},
        {"**", "anything/at/all", true},
        {"**/test/**", "a/test/b/c.py", true},
        {"**/test/**", "a/tests/b.py", false},
        {"a/**/b/**/c", "a/b/c", true},
        {"a/**/b/**/c", "a/x/b/y/z/c", true},
        {"a/**/b/**/c", "a/x/y/c", false},
        {"**/Makefile", "Makefile", true},
        {"**/Makefile", "a/b/Makefile", true},
        {"**/Makefile", "a/bMakefile", false},
        {"a**b", "aXXb", true},  // not a whole component: acts as `*`
        {"a**b", "aX/Xb", false},
    });
}

BOOST_AUTO_TEST_CASE(classes_match_one_character)
{
    check_table({
        {"[abc].txt", "b.txt", true},
        {"[abc].txt", "d.txt", false},
        {"[a-c]x", "bx", true},
        {"[a-c]x", "dx", false},
        {"[!a-c]x", "dx", true},
        {"[!a-c]x", "ax", false},
        {"[^a-c]x", "dx", true},
        {"[]]x", "]x", true},
        {"[!]]x", "]x", false},
        {"x[0-9][0-9]", "x42", true},
        {"x[0-9][0-9]", "x4a", false},
        {"[", "[", true},  // unclosed: a literal
        {"a[b", "a[b", true},
        {"*.[ch]", "dir/x.c", false},
        {"**/*.[ch]", "dir/x.h", true},
    });
}

BOOST_AUTO_TEST_CASE(braces_choose_between_alternatives_and_nest)
{
    check_table({
        {"*.{js,ts}", "a.js", true},
        {"*.{js,ts}", "a.ts", true},
        {"*.{js,ts}", "a.py", false},
        {"**/*.{c,h}", "x/y.h", true},
        {"{src,lib}/**/*.c", "lib/a/b.c", true},
        {"{src,lib}/**/*.c", "doc/a.c", false},
        {"a{b,c{d,e}}f", "acef", true},
        {"a{b,c{d,e}}f", "abf", true},
        {"a{b,c{d,e}}f", "acf", false},
        {"{a/b,c}.txt", "a/b.txt", true},
        {"{a/b,c}.txt", "c.txt", true},
        {"x{,y}", "x", true},
        {"x{,y}", "xy", true},
        {"[{]a", "{a", true},  // a brace inside a class is a member
        {"a}", "a}", true},    // a stray closing brace is a literal
    });
}

BOOST_AUTO_TEST_CASE(escapes_match_special_characters_literally)
{
    check_table({
        {"\\*.txt", "*.txt", true},
        {"\\*.txt", "a.txt", false},
        {"a\\?", "a?", true},
        {"a\\?", "ab", false},
        {"\\[x]", "[x]", true},
        {"\\{a,b}", "{a,b}", true},
        {"*\\*", "ab*", true},
        {"*\\*", "ab", false},
    });
}

BOOST_AUTO_TEST_CASE(leading_slash_dot_and_empty_components_are_ignored)
{
    check_table({
        {"/a.txt", "a.txt", true},
        {"./a.txt", "a.txt", true},
        {"./src//a.txt", "src/a.txt", true},
        {"src/", "src", true},
    });
}

BOOST_AUTO_TEST_CASE(may_match_below_prunes_directories_that_cannot_hold_matches)
{
    const glob_pattern src_c("src/**/*.c");
    BOOST_TEST(src_c.may_match_below(""));
    BOOST_TEST(src_c.may_match_below("src"));
    BOOST_TEST(src_c.may_match_below("src/deep/er"));
    BOOST_TEST(!src_c.may_match_below("docs"));
    BOOST_TEST(!src_c.may_match_below("srcx"));

    const glob_pattern top("*.py");
    BOOST_TEST(top.may_match_below(""));
    BOOST_TEST(!top.may_match_below("sub"));

    const glob_pattern exact("a/b/c.txt");
    BOOST_TEST(exact.may_match_below("a"));
    BOOST_TEST(exact.may_match_below("a/b"));
    BOOST_TEST(!exact.may_match_below("a/b/c.txt"));
    BOOST_TEST(!exact.may_match_below("a/x"));

    const glob_pattern any_depth("**/*.c");
    BOOST_TEST(any_depth.may_match_below("whatever/deep"));

    const glob_pattern braces("{src,lib}/*.c");
    BOOST_TEST(braces.may_match_below("lib"));
    BOOST_TEST(!braces.may_match_below("doc"));
    BOOST_TEST(!braces.may_match_below("lib/sub"));

    const glob_pattern wild("s*/x/*.c");
    BOOST_TEST(wild.may_match_below("src/x"));
    BOOST_TEST(!wild.may_match_below("src/y"));
}

BOOST_AUTO_TEST_CASE(malformed_patterns_are_invalid_arguments)
{
    std::string message;
    BOOST_TEST(error_of("{a,b", message) == errc::invalid_argument);
    BOOST_TEST(message == "Invalid glob pattern '{a,b': unbalanced braces");
    BOOST_TEST(error_of("", message) == errc::invalid_argument);
    BOOST_TEST(message == "Invalid glob pattern: the pattern is empty");
    BOOST_TEST(error_of("{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}", message) ==
               errc::invalid_argument);
    BOOST_TEST(message.find("brace alternatives") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(copies_match_like_the_original)
{
    const glob_pattern original("**/*.{c,h}");
    glob_pattern copy = original;
    glob_pattern moved = std::move(copy);
    BOOST_TEST(moved.matches("x/a.h"));
    BOOST_TEST(moved.text() == "**/*.{c,h}");
    copy = moved;
    BOOST_TEST(copy.matches("a.c"));
}

BOOST_AUTO_TEST_SUITE_END()
