// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// glob and grep on an in-memory backend.
#include "console_fixture.hpp"

#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdio>

using namespace agent_backends;
using agent_backends::test::console_on_memory;

namespace {

// n files /f000.txt ... each holding `line` once.
std::map<std::string, std::string> numbered_files(int n, const std::string& line)
{
    std::map<std::string, std::string> files;
    for (int i = 0; i < n; ++i)
    {
        char name[32];
        std::snprintf(name, sizeof name, "/f%03d.txt", i);
        files[name] = line + "\n";
    }
    return files;
}

const std::map<std::string, std::string> sources{
    {"/a.py", "import os\n# TODO one\n"},
    {"/src/b.py", "# TODO two\nx = 1  # TODO three\n"},
    {"/src/c.ts", "let todo = 1;\n"},
    {"/.hidden/d.py", "# TODO hidden\n"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(console_search_tools)

BOOST_AUTO_TEST_CASE(glob_lists_matching_paths)
{
    console_on_memory c(sources);
    BOOST_TEST(c.text("glob", R"({"pattern": "**/*.py"})") ==
               "Found 2 file(s) matching '**/*.py':\n  /a.py\n  /src/b.py");
    BOOST_TEST(c.text("glob", R"({"pattern": "*.{py,ts}", "path": "src"})") ==
               "Found 2 file(s) matching '*.{py,ts}':\n  /src/b.py\n  /src/c.ts");
}

BOOST_AUTO_TEST_CASE(glob_without_match_names_pattern_and_path)
{
    console_on_memory c(sources);
    BOOST_TEST(c.text("glob", R"({"pattern": "*.rs"})") == "No files matching '*.rs' in .");
}

BOOST_AUTO_TEST_CASE(glob_shows_at_most_100_paths)
{
    console_on_memory c(numbered_files(105, "x"));
    auto text = c.text("glob", R"({"pattern": "*.txt"})");
    BOOST_TEST(text.find("Found 105 file(s) matching '*.txt':\n  /f000.txt\n") == 0u);
    BOOST_TEST(text.find("/f099.txt\n  ... and 5 more") != std::string::npos);
    BOOST_TEST(text.find("/f100.txt") == std::string::npos);
    BOOST_TEST(text.substr(text.size() - 16) == "  ... and 5 more");
}

BOOST_AUTO_TEST_CASE(grep_lists_files_with_matches_by_default)
{
    console_on_memory c(sources);
    BOOST_TEST(c.text("grep", R"({"pattern": "TODO"})") == "Files containing 'TODO':\n  /a.py\n  /src/b.py");
}

BOOST_AUTO_TEST_CASE(grep_content_mode_shows_path_line_and_text)
{
    console_on_memory c(sources);
    BOOST_TEST(c.text("grep", R"({"pattern": "TODO", "output_mode": "content"})") ==
               "Matches for 'TODO':\n  /a.py:2: # TODO one\n  /src/b.py:1: # TODO two\n  /src/b.py:2: x = 1  "
               "# TODO three");
}

BOOST_AUTO_TEST_CASE(grep_count_mode_counts_matching_lines)
{
    console_on_memory c(sources);
    BOOST_TEST(c.text("grep", R"({"pattern": "TODO", "output_mode": "count"})") ==
               "Found 3 match(es) for 'TODO'");
}

BOOST_AUTO_TEST_CASE(grep_without_match_says_so)
{
    console_on_memory c(sources);
    auto r = c.call("grep", R"({"pattern": "zzz"})");
    BOOST_TEST(!r.is_error);
    BOOST_TEST(r.text == "No matches for 'zzz'");
}

BOOST_AUTO_TEST_CASE(grep_narrows_by_path_and_glob_pattern)
{
    console_on_memory c(sources);
    BOOST_TEST(c.text("grep", R"({"pattern": "TODO", "path": "/src"})") ==
               "Files containing 'TODO':\n  /src/b.py");
    BOOST_TEST(c.text("grep", R"({"pattern": "(?i)todo", "glob_pattern": "*.ts"})") ==
               "Files containing '(?i)todo':\n  /src/c.ts");
    BOOST_TEST(c.text("grep", R"({"pattern": "TODO", "path": null, "glob_pattern": null})") ==
               "Files containing 'TODO':\n  /a.py\n  /src/b.py");
}

BOOST_AUTO_TEST_CASE(grep_searches_hidden_files_only_when_asked)
{
    console_on_memory c(sources);
    BOOST_TEST(c.text("grep", R"({"pattern": "hidden", "ignore_hidden": false})") ==
               "Files containing 'hidden':\n  /.hidden/d.py");
    BOOST_TEST(c.text("grep", R"({"pattern": "hidden"})") == "No matches for 'hidden'");
    console_on_memory shows_hidden(sources, {.default_ignore_hidden = false});
    BOOST_TEST(shows_hidden.text("grep", R"({"pattern": "hidden"})") ==
               "Files containing 'hidden':\n  /.hidden/d.py");
}

BOOST_AUTO_TEST_CASE(grep_with_invalid_regex_is_a_tool_error)
{
    console_on_memory c(sources);
    auto text = c.error_text("grep", R"({"pattern": "(unclosed"})");
    BOOST_TEST(text.find("Error: Invalid regex pattern: ") == 0u);
}

BOOST_AUTO_TEST_CASE(grep_on_missing_path_is_a_tool_error)
{
    console_on_memory c(sources);
    BOOST_TEST(c.error_text("grep", R"({"pattern": "x", "path": "/nope"})") ==
               "Error: Path '/nope' not found");
}

BOOST_AUTO_TEST_CASE(grep_lists_at_most_50_files)
{
    console_on_memory c(numbered_files(53, "needle"));
    auto text = c.text("grep", R"({"pattern": "needle"})");
    BOOST_TEST(text.find("Files containing 'needle':\n  /f000.txt\n") == 0u);
    BOOST_TEST(text.find("/f050.txt") == std::string::npos);
    BOOST_TEST(text.substr(text.find("/f049.txt")) == "/f049.txt\n  ... and 3 more files");
}

BOOST_AUTO_TEST_CASE(grep_content_shows_at_most_50_matches)
{
    std::string many;
    for (int i = 0; i < 52; ++i)
        many += "hit\n";
    console_on_memory c({{"/m.txt", many}});
    auto text = c.text("grep", R"({"pattern": "hit", "output_mode": "content"})");
    BOOST_TEST(text.find("  /m.txt:50: hit\n  ... and 2 more matches") != std::string::npos);
    BOOST_TEST(text.find("/m.txt:51:") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(grep_content_cuts_lines_to_100_characters_not_bytes)
{
    std::string line;
    for (int i = 0; i < 120; ++i)
        line += "\xC3\xA9";  // é: two bytes, one character
    console_on_memory c({{"/u.txt", line + "\n"}});
    auto text = c.text("grep", R"({"pattern": "é", "output_mode": "content"})");
    BOOST_TEST(text == "Matches for 'é':\n  /u.txt:1: " + line.substr(0, 200));
}

BOOST_AUTO_TEST_SUITE_END()
