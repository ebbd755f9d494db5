// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/detail/ignore_rules.hpp>

#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

#include <ostream>

using agent_backends::detail::ignore_file;
using agent_backends::detail::ignore_verdict;

namespace agent_backends::detail {
inline std::ostream& operator<<(std::ostream& os, ignore_verdict v)
{
    return os << (v == ignore_verdict::none ? "none" : v == ignore_verdict::ignore ? "ignore" : "whitelist");
}
}  // namespace agent_backends::detail

namespace {

constexpr auto none = ignore_verdict::none;
constexpr auto ignored = ignore_verdict::ignore;
constexpr auto whitelisted = ignore_verdict::whitelist;

}  // namespace

BOOST_AUTO_TEST_SUITE(ignore_rules_tests)

BOOST_AUTO_TEST_CASE(pattern_without_slash_matches_names_at_any_depth)
{
    const ignore_file f("*.o\nbuild\n");
    BOOST_TEST(f.match("a.o", false) == ignored);
    BOOST_TEST(f.match("x/y/a.o", false) == ignored);
    BOOST_TEST(f.match("a.c", false) == none);
    BOOST_TEST(f.match("build", true) == ignored);
    BOOST_TEST(f.match("src/build", true) == ignored);
    BOOST_TEST(f.match("src/build", false) == ignored);
    BOOST_TEST(f.match("src/builder", true) == none);
}

BOOST_AUTO_TEST_CASE(leading_or_inner_slash_anchors_to_the_file_directory)
{
    const ignore_file f("/top.txt\ndoc/gen\n");
    BOOST_TEST(f.match("top.txt", false) == ignored);
    BOOST_TEST(f.match("sub/top.txt", false) == none);
    BOOST_TEST(f.match("doc/gen", true) == ignored);
    BOOST_TEST(f.match("x/doc/gen", true) == none);
}

BOOST_AUTO_TEST_CASE(trailing_slash_matches_directories_only)
{
    const ignore_file f("out/\n");
    BOOST_TEST(f.match("out", true) == ignored);
    BOOST_TEST(f.match("a/out", true) == ignored);
    BOOST_TEST(f.match("out", false) == none);
}

BOOST_AUTO_TEST_CASE(negation_whitelists_and_the_last_matching_rule_wins)
{
    const ignore_file f("*.log\n!keep.log\n");
    BOOST_TEST(f.match("a.log", false) == ignored);
    BOOST_TEST(f.match("keep.log", false) == whitelisted);
    BOOST_TEST(f.match("sub/keep.log", false) == whitelisted);
    const ignore_file reversed("!keep.log\n*.log\n");
    BOOST_TEST(reversed.match("keep.log", false) == ignored);
}

BOOST_AUTO_TEST_CASE(directory_only_rules_are_skipped_for_files_when_finding_the_last_match)
{
    const ignore_file f("x\n!x/\n");
    BOOST_TEST(f.match("x", true) == whitelisted);
    BOOST_TEST(f.match("x", false) == ignored);
}

BOOST_AUTO_TEST_CASE(double_star_forms)
{
    const ignore_file f("**/logs\nfoo/**\na/**/b\n");
    BOOST_TEST(f.match("logs", true) == ignored);
    BOOST_TEST(f.match("x/logs", true) == ignored);
    BOOST_TEST(f.match("foo/x", false) == ignored);
    BOOST_TEST(f.match("foo/x/y", false) == ignored);
    BOOST_TEST(f.match("foo", true) == none);  // `foo/**` is what is inside foo
    BOOST_TEST(f.match("a/b", false) == ignored);
    BOOST_TEST(f.match("a/x/y/b", false) == ignored);
}

BOOST_AUTO_TEST_CASE(comments_blank_lines_escapes_and_trailing_spaces)
{
    const ignore_file f("# comment\n\n\\#hash\n\\!bang\ntrail   \nkeep\\ \nwin\r\n");
    BOOST_TEST(f.match("# comment", false) == none);
    BOOST_TEST(f.match("#hash", false) == ignored);
    BOOST_TEST(f.match("!bang", false) == ignored);
    BOOST_TEST(f.match("trail", false) == ignored);
    BOOST_TEST(f.match("trail   ", false) == none);
    BOOST_TEST(f.match("keep ", false) == ignored);
    BOOST_TEST(f.match("win", false) == ignored);
}

BOOST_AUTO_TEST_CASE(invalid_lines_are_skipped_and_the_rest_still_apply)
{
    const ignore_file f("{unbalanced\n*.tmp\n");
    BOOST_TEST(f.match("a.tmp", false) == ignored);
    BOOST_TEST(f.match("{unbalanced", false) == none);
    BOOST_TEST(ignore_file("").empty());
    BOOST_TEST(ignore_file("# only a comment\n").empty());
}

BOOST_AUTO_TEST_SUITE_END()
