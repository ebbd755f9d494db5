// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/shell_listing.hpp"

#include "common/printers.hpp"
#include "common/temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <sys/wait.h>

using namespace agent_backends::detail;
using agent_backends::test::temp_dir;
using namespace std::string_literals;
namespace fs = std::filesystem;

namespace agent_backends::detail {

inline std::ostream& operator<<(std::ostream& os, const listed_entry& e)
{
    return os << "{" << e.path << ", mode=" << std::oct << e.mode << std::dec << ", size=" << e.size << "}";
}

inline std::ostream& operator<<(std::ostream& os, const grep_line& l)
{
    return os << l.path << ":" << l.line_number << ":" << l.line;
}

}  // namespace agent_backends::detail

namespace {

struct script_run
{
    int status{-1};
    std::string out;
    std::string err;
};

/// The tools the scripts run on: the machine's own (dash and GNU), or busybox's applets alone.
struct toolset
{
    std::string name;
    std::string path_dir;  ///< Put first on PATH; empty: the machine's PATH.
};

/// A directory of busybox applet links, when busybox is installed here.
std::optional<toolset> busybox_tools(const temp_dir& dir)
{
    auto busybox = std::string();
    for (const char* candidate : {"/bin/busybox", "/usr/bin/busybox"})
        if (fs::exists(candidate))
            busybox = candidate;
    if (busybox.empty())
        return std::nullopt;
    auto bin = dir.path() / "busybox-bin";
    fs::create_directories(bin);
    for (const char* applet : {"sh", "find", "stat", "xargs", "grep", "tr", "printf", "cat"})
        fs::create_symlink(busybox, bin / applet);
    return toolset{"busybox", bin.string()};
}

std::vector<toolset> toolsets(const temp_dir& dir)
{
    std::vector<toolset> out{{"system", ""}};
    if (auto bb = busybox_tools(dir))
        out.push_back(*bb);
    else
        BOOST_TEST_MESSAGE("busybox is not installed here: the scripts run with the system's tools only");
    return out;
}

script_run run(const toolset& tools, const temp_dir& dir, const std::string& script)
{
    dir.write("script.sh", script);
    auto base = dir.path().string();
    std::string command =
        tools.path_dir.empty() ? "sh" : "PATH='" + tools.path_dir + "' " + tools.path_dir + "/sh";
    command += " '" + base + "/script.sh' >'" + base + "/out' 2>'" + base + "/err'";
    int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, dir.read("out"), dir.read("err")};
}

/// A tree with awkward names: spaces, a colon, a newline, hidden entries, links.
void make_tree(const temp_dir& dir)
{
    dir.write("tree/a b.txt", "alpha\n");
    dir.write("tree/c:1:d.txt", "foo one\r\nbar\nFOO two\n");
    dir.write("tree/new\nline.txt", "foo\n");
    dir.write("tree/sub/deep/x.py", "import foo\n");
    dir.write("tree/.hidden/h.txt", "foo hidden\n");
    dir.write("tree/.env", "foo=1\n");
    fs::create_symlink(dir.path() / "tree/a b.txt", dir.path() / "tree/link.txt");
    fs::create_symlink(dir.path() / "nowhere", dir.path() / "tree/dangling");
}

std::set<std::string> paths_of(const std::vector<listed_entry>& entries, const std::string& root)
{
    std::set<std::string> out;
    for (const auto& e : entries)
        out.insert(e.path.substr(root.size()));
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shell_listing_tests)

BOOST_AUTO_TEST_CASE(glob_hidden_filter_skips_hidden_entries_unless_the_pattern_names_them)
{
    auto all = hidden_filter_for_glob("**/*.py", true);
    BOOST_TEST((all.skip_files && all.skip_dirs));
    auto files = hidden_filter_for_glob("**/.env", true);
    BOOST_TEST((!files.skip_files && files.skip_dirs));
    auto dirs = hidden_filter_for_glob(".github/**/*.yml", true);
    BOOST_TEST((!dirs.skip_files && !dirs.skip_dirs));
    auto braces = hidden_filter_for_glob("{.a,b}", true);
    BOOST_TEST(!braces.skip_files);
    auto inner_dot = hidden_filter_for_glob("a.b/c", true);
    BOOST_TEST((inner_dot.skip_files && inner_dot.skip_dirs));
    auto off = hidden_filter_for_glob("*.py", false);
    BOOST_TEST((!off.skip_files && !off.skip_dirs));
}

BOOST_AUTO_TEST_CASE(name_prefilter_is_the_last_component_when_it_stands_alone)
{
    BOOST_TEST(name_prefilter("**/*.py").value_or("none") == "*.py");
    BOOST_TEST(name_prefilter("src/a.txt").value_or("none") == "a.txt");
    BOOST_TEST(name_prefilter("*.{js,ts}").value_or("none") == "none");
    BOOST_TEST(name_prefilter("{a,b/c}").value_or("none") == "none");
    BOOST_TEST(name_prefilter("src/**").value_or("none") == "none");
    BOOST_TEST(name_prefilter("a**b").value_or("none") == "none");
}

BOOST_AUTO_TEST_CASE(literal_prefix_stops_at_the_first_wildcard)
{
    BOOST_TEST(literal_directory_prefix("src/lib/**/*.c") == "src/lib");
    BOOST_TEST(literal_directory_prefix("src/a.txt") == "src");
    BOOST_TEST(literal_directory_prefix("**/x") == "");
    BOOST_TEST(literal_directory_prefix("a.txt") == "");
    BOOST_TEST(literal_directory_prefix("s*c/x") == "");
    BOOST_TEST(literal_directory_prefix("{src,lib}/x") == "");
    BOOST_TEST(literal_directory_prefix("../x/y") == "");
    BOOST_TEST(literal_directory_prefix("a/../b/c") == "a");
}

BOOST_AUTO_TEST_CASE(listing_parser_reads_names_with_spaces_colons_and_newlines)
{
    auto out = "/w/a b\0/w/c:d\0/w/n\nl\0\0"s +
               "41ed 4096 100 /w/a b\n81a4 3 200 /w/c:d\n81a4 7 -5 /w/n\nl\n" + "\0"s;
    auto entries = parse_listing(out);
    BOOST_REQUIRE(entries.has_value());
    BOOST_REQUIRE_EQUAL(entries->size(), 3u);
    BOOST_TEST((*entries)[0] == (listed_entry{"/w/a b", 040755, 4096, 100}));
    BOOST_TEST((*entries)[0].is_dir());
    BOOST_TEST((*entries)[1] == (listed_entry{"/w/c:d", 0100644, 3, 200}));
    BOOST_TEST((*entries)[1].is_regular());
    BOOST_TEST((*entries)[2] == (listed_entry{"/w/n\nl", 0100644, 7, -5}));
}

BOOST_AUTO_TEST_CASE(listing_parser_leaves_out_paths_stat_could_not_follow)
{
    auto out = "/w/dangling\0/w/b\0\0"s + "81a4 1 0 /w/b\n" + "\0"s;
    auto entries = parse_listing(out);
    BOOST_REQUIRE(entries.has_value());
    BOOST_REQUIRE_EQUAL(entries->size(), 1u);
    BOOST_TEST((*entries)[0].path == "/w/b");
}

BOOST_AUTO_TEST_CASE(listing_parser_reads_several_batches)
{
    auto out = "/a\0\0"s + "81a4 1 0 /a\n" + "\0"s + "/b\0\0"s + "81a4 2 0 /b\n" + "\0"s;
    auto entries = parse_listing(out);
    BOOST_REQUIRE(entries.has_value());
    BOOST_REQUIRE_EQUAL(entries->size(), 2u);
    BOOST_TEST((*entries)[1].size == 2u);
}

BOOST_AUTO_TEST_CASE(listing_parser_of_empty_output_is_empty)
{
    auto entries = parse_listing("");
    BOOST_REQUIRE(entries.has_value());
    BOOST_TEST(entries->empty());
}

BOOST_AUTO_TEST_CASE(listing_parser_refuses_a_batch_cut_short)
{
    BOOST_TEST(!parse_listing("/a\0\0"s + "81a4 1 0 /a\n").has_value());
    BOOST_TEST(!parse_listing("/a\0"s).has_value());
}

BOOST_AUTO_TEST_CASE(grep_parser_tells_names_holding_colons_from_line_numbers)
{
    auto out = "/w/a:1:b\0/w/c\0\0"s + "/w/a:1:b:7:x:y\n/w/c:2:z\n" + "\0"s;
    auto lines = parse_grep_output(out);
    BOOST_REQUIRE(lines.has_value());
    BOOST_REQUIRE_EQUAL(lines->size(), 2u);
    BOOST_TEST((*lines)[0] == (grep_line{"/w/a:1:b", 7, "x:y"}));
    BOOST_TEST((*lines)[1] == (grep_line{"/w/c", 2, "z"}));
}

BOOST_AUTO_TEST_CASE(grep_parser_reads_names_with_newlines_and_drops_carriage_returns)
{
    auto out = "/w/n\nl\0\0"s + "/w/n\nl:3:crlf line\r\n/w/n\nl:4:\n" + "\0"s;
    auto lines = parse_grep_output(out);
    BOOST_REQUIRE(lines.has_value());
    BOOST_REQUIRE_EQUAL(lines->size(), 2u);
    BOOST_TEST((*lines)[0] == (grep_line{"/w/n\nl", 3, "crlf line"}));
    BOOST_TEST((*lines)[1] == (grep_line{"/w/n\nl", 4, ""}));
}

BOOST_AUTO_TEST_CASE(grep_parser_skips_lines_that_name_no_file)
{
    auto out = "/w/a\0/w/b\0\0"s + "Binary file /w/a matches\n/w/b:1:hit\n" + "\0"s;
    auto lines = parse_grep_output(out);
    BOOST_REQUIRE(lines.has_value());
    BOOST_REQUIRE_EQUAL(lines->size(), 1u);
    BOOST_TEST((*lines)[0] == (grep_line{"/w/b", 1, "hit"}));
}

BOOST_AUTO_TEST_CASE(grep_parser_of_batches_without_hits_is_empty)
{
    auto lines = parse_grep_output("/w/a\0\0\0"s);
    BOOST_REQUIRE(lines.has_value());
    BOOST_TEST(lines->empty());
    BOOST_TEST(!parse_grep_output("/w/a\0\0/w/a:1:x\n"s).has_value());
}

BOOST_AUTO_TEST_CASE(list_script_lists_children_following_links_and_leaving_out_dangling_ones)
{
    temp_dir dir;
    make_tree(dir);
    const auto root = dir.str() + "/tree";
    for (const auto& tools : toolsets(dir))
    {
        BOOST_TEST_CONTEXT(tools.name)
        {
            auto r = run(tools, dir, list_directory_script(root));
            BOOST_TEST(r.status == 0);
            auto entries = parse_listing(r.out);
            BOOST_REQUIRE(entries.has_value());
            BOOST_TEST(paths_of(*entries, root) ==
                       (std::set<std::string>{"/a b.txt", "/c:1:d.txt", "/new\nline.txt", "/sub", "/.hidden",
                                              "/.env", "/link.txt"}));
            for (const auto& e : *entries)
            {
                if (e.path == root + "/link.txt")
                    BOOST_TEST((e.is_regular() && e.size == 6u));
                if (e.path == root + "/sub")
                    BOOST_TEST(e.is_dir());
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(list_script_shows_a_file_as_itself_and_reports_a_missing_path)
{
    temp_dir dir;
    make_tree(dir);
    for (const auto& tools : toolsets(dir))
    {
        BOOST_TEST_CONTEXT(tools.name)
        {
            auto file = run(tools, dir, list_directory_script(dir.str() + "/tree/a b.txt"));
            auto entries = parse_listing(file.out);
            BOOST_REQUIRE(entries.has_value());
            BOOST_REQUIRE_EQUAL(entries->size(), 1u);
            BOOST_TEST((*entries)[0].path == dir.str() + "/tree/a b.txt");
            auto missing = run(tools, dir, list_directory_script(dir.str() + "/tree/none"));
            BOOST_TEST(missing.status == missing_path_status);
            BOOST_TEST(missing.out.empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(find_script_skips_hidden_entries_as_told_and_applies_the_name_filter)
{
    temp_dir dir;
    make_tree(dir);
    const auto root = dir.str() + "/tree";
    for (const auto& tools : toolsets(dir))
    {
        BOOST_TEST_CONTEXT(tools.name)
        {
            auto visible = run(tools, dir, find_files_script({root, {true, true}, std::nullopt}));
            auto entries = parse_listing(visible.out);
            BOOST_REQUIRE(entries.has_value());
            BOOST_TEST(paths_of(*entries, root) ==
                       (std::set<std::string>{"/a b.txt", "/c:1:d.txt", "/new\nline.txt", "/sub/deep/x.py",
                                              "/link.txt"}));

            auto hidden_files = run(tools, dir, find_files_script({root, {false, true}, std::nullopt}));
            entries = parse_listing(hidden_files.out);
            BOOST_REQUIRE(entries.has_value());
            BOOST_TEST(paths_of(*entries, root).count("/.env") == 1u);
            BOOST_TEST(paths_of(*entries, root).count("/.hidden/h.txt") == 0u);

            auto everything = run(tools, dir, find_files_script({root, {false, false}, "*.txt"}));
            entries = parse_listing(everything.out);
            BOOST_REQUIRE(entries.has_value());
            BOOST_TEST(paths_of(*entries, root) ==
                       (std::set<std::string>{"/a b.txt", "/c:1:d.txt", "/new\nline.txt", "/.hidden/h.txt",
                                              "/link.txt"}));

            auto missing = run(tools, dir, find_files_script({root + "/a b.txt", {}, std::nullopt}));
            BOOST_TEST(missing.status == missing_path_status);
        }
    }
}

BOOST_AUTO_TEST_CASE(grep_script_finds_lines_in_awkwardly_named_files)
{
    temp_dir dir;
    make_tree(dir);
    const auto root = dir.str() + "/tree";
    for (const auto& tools : toolsets(dir))
    {
        BOOST_TEST_CONTEXT(tools.name)
        {
            auto r = run(tools, dir, grep_script({{root, {true, true}, std::nullopt}, "fo+", false}));
            BOOST_TEST(r.status == 0);
            auto lines = parse_grep_output(r.out);
            BOOST_REQUIRE(lines.has_value());
            std::sort(lines->begin(), lines->end(),
                      [](const auto& a, const auto& b) { return a.path < b.path; });
            BOOST_TEST(*lines == (std::vector<grep_line>{{root + "/c:1:d.txt", 1, "foo one"},
                                                         {root + "/new\nline.txt", 1, "foo"},
                                                         {root + "/sub/deep/x.py", 1, "import foo"}}));

            auto nocase = run(tools, dir, grep_script({{root, {true, true}, "*.txt"}, "FOO", true}));
            lines = parse_grep_output(nocase.out);
            BOOST_REQUIRE(lines.has_value());
            BOOST_TEST(lines->size() == 3u);  // two lines of c:1:d.txt, one of new\nline.txt

            auto hidden =
                run(tools, dir, grep_script({{root, {false, false}, std::nullopt}, "hidden", false}));
            lines = parse_grep_output(hidden.out);
            BOOST_REQUIRE(lines.has_value());
            BOOST_TEST(lines->size() == 1u);
        }
    }
}

BOOST_AUTO_TEST_CASE(grep_script_searches_a_file_root_itself)
{
    temp_dir dir;
    make_tree(dir);
    for (const auto& tools : toolsets(dir))
    {
        BOOST_TEST_CONTEXT(tools.name)
        {
            const auto file = dir.str() + "/tree/.env";
            auto r = run(tools, dir, grep_script({{file, {true, true}, std::nullopt}, "foo", false}));
            auto lines = parse_grep_output(r.out);
            BOOST_REQUIRE(lines.has_value());
            BOOST_TEST(*lines == (std::vector<grep_line>{{file, 1, "foo=1"}}));
        }
    }
}

BOOST_AUTO_TEST_CASE(grep_script_reports_a_bad_pattern_before_a_missing_path)
{
    temp_dir dir;
    for (const auto& tools : toolsets(dir))
    {
        BOOST_TEST_CONTEXT(tools.name)
        {
            auto bad = run(tools, dir, grep_script({{dir.str() + "/none", {}, std::nullopt}, "a(", false}));
            BOOST_TEST(bad.status == bad_pattern_status);
            BOOST_TEST(bad.err.find("grep") != std::string::npos);
            auto missing =
                run(tools, dir, grep_script({{dir.str() + "/none", {}, std::nullopt}, "a", false}));
            BOOST_TEST(missing.status == missing_path_status);
        }
    }
}

BOOST_AUTO_TEST_CASE(grep_script_without_matches_prints_batches_only)
{
    temp_dir dir;
    make_tree(dir);
    for (const auto& tools : toolsets(dir))
    {
        BOOST_TEST_CONTEXT(tools.name)
        {
            auto r = run(tools, dir, grep_script({{dir.str() + "/tree", {}, std::nullopt}, "zzz", false}));
            BOOST_TEST(r.status == 0);
            auto lines = parse_grep_output(r.out);
            BOOST_REQUIRE(lines.has_value());
            BOOST_TEST(lines->empty());
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
