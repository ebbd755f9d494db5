// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/permissions/permission_pattern.hpp>

#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using agent_backends::permission_pattern;

namespace {

struct pattern_case
{
    const char* pattern;
    std::string target;
    bool expected;
};

void check_table(const std::vector<pattern_case>& table)
{
    for (const auto& c : table)
    {
        BOOST_TEST_CONTEXT("pattern '" << c.pattern << "' target '" << c.target << "'")
        {
            BOOST_TEST(permission_pattern(c.pattern).matches(c.target) == c.expected);
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(permission_pattern_tests)

BOOST_AUTO_TEST_CASE(spec_examples_match_as_documented)
{
    check_table({
        {"**/.env", "/a/b/.env", true},
        {"**/.env", ".env", true},
        {"**/*.pem", "x.pem", true},
        {"git *", "git status", true},
        {"git *", "git", false},
        {"/etc/**", "/etc/passwd", true},
        {"/etc/**", "/etc/a/b", true},
        {"*.py", "src/a.py", false},
    });
}

BOOST_AUTO_TEST_CASE(double_star_slash_matches_zero_or_more_directories)
{
    check_table({
        {"**/x", "x", true},
        {"**/x", "a/x", true},
        {"**/x", "a/b/c/x", true},
        {"**/x", "/x", true},
        {"**/x", "ax", false},
        {"a/**/b", "a/b", true},
        {"a/**/b", "a/x/y/b", true},
        {"a/**/b", "ab", false},
        {"**/.aws/**", "/home/u/.aws/credentials", true},
        {"**/.aws/**", "/home/u/.aws", false},
    });
}

BOOST_AUTO_TEST_CASE(bare_double_star_crosses_slashes_and_star_does_not)
{
    check_table({
        {"/etc/**", "/etc/", true},
        {"/etc/**", "/etc", false},
        {"/etc/**", "/etcx/a", false},
        {"a**", "a/b/c", true},
        {"**", "", true},
        {"*", "", true},
        {"*", "a/b", false},
        {"*.py", "a.py", true},
        {"rm -rf /*", "rm -rf /", true},
        {"rm -rf /*", "rm -rf /home", true},
        {"rm -rf /*", "rm -rf /home/u", false},
        {"dd if=*of=/dev/*", "dd if=/dev/zero of=/dev/sda", false},
        {"dd if=*of=/dev/*", "dd if=x of=/dev/sda", true},
        {"mkfs*", "mkfs.ext4 /dev/sdb1", false},
        {"mkfs*", "mkfs.ext4", true},
    });
}

BOOST_AUTO_TEST_CASE(question_mark_matches_one_character_but_not_slash)
{
    check_table({
        {"a?c", "abc", true},
        {"a?c", "ac", false},
        {"a?c", "abbc", false},
        {"a?c", "a/c", false},
        {"a?c",
         "a\xC3\xA9"
         "c",
         true},  // one character, two bytes
    });
}

BOOST_AUTO_TEST_CASE(character_classes_negation_ranges_and_literal_bracket)
{
    check_table({
        {"[abc].txt", "b.txt", true},
        {"[abc].txt", "d.txt", false},
        {"[a-c]x", "bx", true},
        {"[a-c]x", "dx", false},
        {"[!a]x", "bx", true},
        {"[!a]x", "ax", false},
        {"[^a]x", "bx", true},
        {"[^a]x", "ax", false},
        {"[]]", "]", true},
        {"[]a]", "a", true},
        {"[!]]", "]", false},
        {"[!]]", "x", true},
        {"[a-]", "-", true},
        {"[\\]", "\\", true},
    });
}

BOOST_AUTO_TEST_CASE(unterminated_bracket_is_literal)
{
    check_table({
        {"a[b", "a[b", true},
        {"a[b", "ab", false},
        {"[", "[", true},
        {"[!", "[!", true},
        {"[]", "[]", true},
    });
}

BOOST_AUTO_TEST_CASE(other_characters_are_literal)
{
    check_table({
        {":(){:|:&};:", ":(){:|:&};:", true},
        {"a.b", "axb", false},
        {"a+b", "a+b", true},
        {"a+b", "aab", false},
        {"(x|y)", "x", false},
        {"$HOME^", "$HOME^", true},
        {"a\\*", "a\\*", true},
        {"a\\*", "a*", false},
        {"> /dev/sda", "> /dev/sda", true},
    });
}

BOOST_AUTO_TEST_CASE(matching_is_case_sensitive_and_whole_string)
{
    check_table({
        {"**/.env", "/a/.ENV", false},
        {"**/.env", "/a/.env.bak", false},
        {"**/.env", "x/.envy", false},
        {"git *", "sudo git status", false},
        {"abc", "abcd", false},
        {"abc", "xabc", false},
    });
}

BOOST_AUTO_TEST_CASE(malformed_pattern_matches_nothing)
{
    const permission_pattern reversed("[z-a]*");
    BOOST_TEST(!reversed.valid());
    BOOST_TEST(!reversed.matches("a"));
    BOOST_TEST(!reversed.matches("z"));
    BOOST_TEST(!reversed.matches(""));
    BOOST_TEST(!reversed.matches("[z-a]*"));
    BOOST_TEST(permission_pattern("[a-z]*").valid());
    BOOST_TEST(reversed.text() == "[z-a]*");
}

BOOST_AUTO_TEST_CASE(star_heavy_pattern_on_long_target_finishes)
{
    const permission_pattern p("*a*a*a*a*a*a*a*a*a*a*b");
    const std::string target(20'000, 'a');
    BOOST_TEST(!p.matches(target));
    BOOST_TEST(permission_pattern("**a**a**a**a**b").matches(target + "b"));
}

BOOST_AUTO_TEST_CASE(invalid_utf8_bytes_match_only_themselves)
{
    check_table({
        {"a\xFF", "a\xFF", true},
        {"a?", "a\xFF", true},
        {"a\xFF", "a\xFE", false},
    });
}

BOOST_AUTO_TEST_SUITE_END()
