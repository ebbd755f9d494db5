// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/shell_quote.hpp"

#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <string>

using agent_backends::detail::shell_quote;
using agent_backends::detail::shell_word;

namespace {

/// What `sh -c "printf %s WORD"` prints: the word as the shell understood it.
std::string echoed_by_shell(const std::string& word)
{
    std::string command = "printf %s " + word;
    FILE* pipe = ::popen(("sh -c " + shell_quote(command)).c_str(), "r");
    BOOST_REQUIRE(pipe != nullptr);
    std::string out;
    char buf[256];
    while (auto n = std::fread(buf, 1, sizeof buf, pipe))
        out.append(buf, n);
    ::pclose(pipe);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shell_quote_tests)

BOOST_AUTO_TEST_CASE(quote_wraps_text_in_single_quotes)
{
    BOOST_TEST(shell_quote("abc") == "'abc'");
    BOOST_TEST(shell_quote("") == "''");
    BOOST_TEST(shell_quote("a b") == "'a b'");
}

BOOST_AUTO_TEST_CASE(quote_closes_and_escapes_a_single_quote)
{
    BOOST_TEST(shell_quote("it's") == "'it'\\''s'");
    BOOST_TEST(shell_quote("'") == "''\\'''");
}

BOOST_AUTO_TEST_CASE(shell_reads_quoted_text_back_unchanged)
{
    for (std::string text : {"plain", "a b", "it's", "$HOME `id` $(id)", "back\\slash", "*?[a]", "new\nline",
                             "tab\there", "'\"'\"", "-n", "", "ünïcødé ✓", "semi;colon&amp|pipe>redir<"})
        BOOST_TEST(echoed_by_shell(shell_quote(text)) == text);
}

BOOST_AUTO_TEST_CASE(word_leaves_plain_paths_unquoted)
{
    BOOST_TEST(shell_word("/workspace/src/a_b-c.1.txt") == "/workspace/src/a_b-c.1.txt");
    BOOST_TEST(shell_word("a b") == "'a b'");
    BOOST_TEST(shell_word("") == "''");
    BOOST_TEST(shell_word("-rf") == "'-rf'");
    BOOST_TEST(shell_word("$x") == "'$x'");
    BOOST_TEST(shell_word("~") == "'~'");
}

BOOST_AUTO_TEST_CASE(shell_reads_words_back_unchanged)
{
    for (std::string text : {"/w/a.txt", "a b", "it's", "x=1", "a*b", "#hash"})
        BOOST_TEST(echoed_by_shell(shell_word(text)) == text);
}

BOOST_AUTO_TEST_SUITE_END()
