// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "search/literal_search.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <random>
#include <string>

using namespace agent_backends::detail;

namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(literal_search_tests)

BOOST_AUTO_TEST_CASE(required_literal_is_the_longest_run_every_match_contains)
{
    struct extraction
    {
        const char* pattern;
        const char* literal;  // "" when none is found
        bool whole;
    };
    const extraction table[] = {
        {"PM_SUSPEND", "PM_SUSPEND", true},
        {"PM_[A-Z]+_SUSPEND", "_SUSPEND", false},
        {"a\\.b\\(c", "a.b(c", true},
        {"colou?r", "colo", false},
        {"abc+def", "abc", false},
        {"x*yzw", "yzw", false},
        {"ab{0}cdef", "cdef", false},
        {"ab{2,}cd", "ab", false},
        {"foo|barbaz", "", false},
        {"(foo|bar)bazqux", "bazqux", false},
        {"(?i)abc", "", false},
        {"(?:ab)cde", "cde", false},
        {"[xyz]abcd[0-9]", "abcd", false},
        {"\\d+_suspend\\(", "_suspend(", false},
        {"\\x41BCD", "", false},
        {"a{b", "a{b", true},
        {"^needle$", "needle", false},
        {"ne.dle", "dle", false},
    };
    for (const auto& e : table)
    {
        BOOST_TEST_CONTEXT("pattern " << e.pattern)
        {
            const auto found = find_required_literal(e.pattern, false);
            BOOST_TEST((found ? found->text : std::string()) == e.literal);
            if (found)
                BOOST_TEST(found->whole_pattern == e.whole);
        }
    }
    // Ignoring case, only ASCII runs count.
    const auto folded = find_required_literal("\xC3\xA9t\xC3\xA9_summer", true);
    BOOST_TEST_REQUIRE(folded.has_value());
    BOOST_TEST(folded->text == "_summer");
    BOOST_TEST(!folded->whole_pattern);
}

BOOST_AUTO_TEST_CASE(finder_agrees_with_a_naive_search_on_random_text)
{
    std::mt19937 rng(20260101);  // fixed: the same cases every run
    const std::string alphabet = "abAB_ \nxyzXYZ";
    for (int round = 0; round < 300; ++round)
    {
        std::string hay(static_cast<std::size_t>(rng() % 300), ' ');
        for (auto& c : hay)
            c = alphabet[rng() % alphabet.size()];
        std::string needle(1 + rng() % 4, ' ');
        for (auto& c : needle)
            c = alphabet[rng() % alphabet.size()];
        const auto from = hay.empty() ? 0 : rng() % (hay.size() + 1);
        const literal_finder exact(needle, false);
        BOOST_TEST(exact.find(hay, from) == std::string_view(hay).find(needle, from),
                   "needle '" << needle << "' from " << from);
        const literal_finder folded(needle, true);
        BOOST_TEST(folded.find(hay, from) == std::string_view(lower(hay)).find(lower(needle), from),
                   "needle '" << needle << "' from " << from << " ignoring case");
    }
}

BOOST_AUTO_TEST_CASE(newline_count_and_fold_detection_cover_every_block_position)
{
    for (std::size_t size = 0; size < 100; ++size)
    {
        std::string text(size, 'a');
        for (std::size_t i = 0; i < size; i += 3)
            text[i] = '\n';
        BOOST_TEST(count_newlines(text) ==
                   static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
        BOOST_TEST(!has_non_ascii_fold_of_ascii(text));
        for (std::size_t at = 0; at + 3 <= size; at += 7)
        {
            auto with_kelvin = text;
            with_kelvin.replace(at, 3, "\xE2\x84\xAA");
            BOOST_TEST(has_non_ascii_fold_of_ascii(with_kelvin), "size " << size << " at " << at);
            auto with_other = text;
            with_other.replace(at, 3, "\xE2\x84\xAB");  // U+212B: not one of the two
            BOOST_TEST(!has_non_ascii_fold_of_ascii(with_other), "size " << size << " at " << at);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
