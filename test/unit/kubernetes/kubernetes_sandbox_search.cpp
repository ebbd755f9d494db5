// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/kubernetes_sandbox.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "kubernetes_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace agent_backends;
namespace utf = boost::unit_test;

namespace {

struct search_tag
{};
using fixture = test::shared_pod<search_tag>;

std::vector<std::string> paths_of(const std::vector<file_info>& entries)
{
    std::vector<std::string> out;
    for (const auto& e : entries)
        out.push_back(e.path);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kubernetes_sandbox_search, *utf::fixture<fixture>())

BOOST_AUTO_TEST_CASE(ls_lists_directories_first_then_files_with_sizes)
{
    auto& f = fixture::get();
    f.dir().write("ls/b.txt", "12345");
    f.dir().write("ls/a.txt", "1");
    f.dir().write("ls/sub/c.txt", "");
    auto entries = f.run(f.box().ls("ls"));
    const auto root = f.dir().str() + "/ls";
    BOOST_REQUIRE_EQUAL(entries.size(), 3u);
    BOOST_TEST(entries[0].path == root + "/sub");
    BOOST_TEST(entries[0].is_dir);
    BOOST_TEST(entries[1].path == root + "/a.txt");
    BOOST_TEST(entries[2].name == "b.txt");
    BOOST_TEST(entries[2].size.value_or(0) == 5u);
    BOOST_TEST(f.run(f.box().ls("no-such-dir")).empty());
}

BOOST_AUTO_TEST_CASE(glob_matches_below_the_path)
{
    auto& f = fixture::get();
    f.dir().write("g/src/a.py", "");
    f.dir().write("g/src/lib/b.py", "");
    f.dir().write("g/src/c.txt", "");
    f.dir().write("g/.hidden/d.py", "");
    const auto root = f.dir().str() + "/g";
    BOOST_TEST(paths_of(f.run(f.box().glob("**/*.py", "g"))) ==
               (std::vector<std::string>{root + "/src/a.py", root + "/src/lib/b.py"}));
    BOOST_TEST(paths_of(f.run(f.box().glob("src/*.txt", root))) ==
               std::vector<std::string>{root + "/src/c.txt"});
}

BOOST_AUTO_TEST_CASE(grep_finds_lines_and_reports_bad_paths)
{
    auto& f = fixture::get();
    f.dir().write("gr/a.txt", "one\nTODO two\nthree\n");
    f.dir().write("gr/sub/b.md", "TODO here\n");
    auto matches = f.run(f.box().grep({.pattern = "TODO", .path = "gr"}));
    const auto root = f.dir().str() + "/gr";
    BOOST_REQUIRE_EQUAL(matches.size(), 2u);
    BOOST_TEST(matches[0] == (grep_match{root + "/a.txt", 2, "TODO two"}));
    BOOST_TEST(matches[1] == (grep_match{root + "/sub/b.md", 1, "TODO here"}));
    auto only_md = f.run(f.box().grep({.pattern = "TODO", .path = "gr", .glob = "*.md"}));
    BOOST_TEST(only_md.size() == 1u);
    BOOST_TEST(test::error_of([&] { f.run(f.box().grep({.pattern = "x", .path = "missing-dir"})); }) ==
               errc::not_found);
    BOOST_TEST(test::error_of([&] { f.run(f.box().grep({.pattern = "(", .path = "gr"})); }) ==
               errc::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
