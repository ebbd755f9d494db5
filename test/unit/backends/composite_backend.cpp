// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/composite_backend.hpp>
#include <agent_backends/ensure_async.hpp>
#include <agent_backends/error.hpp>
#include <agent_backends/local_backend.hpp>
#include <agent_backends/state_backend.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "common/temp_dir.hpp"

#include <boost/asio/thread_pool.hpp>
#include <boost/test/unit_test.hpp>

#include <memory>

using namespace agent_backends;
using agent_backends::test::run_task;

using agent_backends::test::error_of;

namespace {

struct mounted
{
    std::shared_ptr<state_backend> fallback = std::make_shared<state_backend>();
    std::shared_ptr<state_backend> memories = std::make_shared<state_backend>();
    std::shared_ptr<state_backend> a = std::make_shared<state_backend>();
    std::shared_ptr<state_backend> ab = std::make_shared<state_backend>();
    composite_backend composite{fallback, {{"/memories/", memories}, {"/a", a}, {"/a/b", ab}}};
};

std::vector<std::string> paths_of(const std::vector<file_info>& entries)
{
    std::vector<std::string> out;
    for (const auto& e : entries)
        out.push_back(e.path);
    return out;
}

std::vector<std::string> paths_of(const std::vector<grep_match>& matches)
{
    std::vector<std::string> out;
    for (const auto& m : matches)
        out.push_back(m.path + ":" + std::to_string(m.line_number));
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(composite_backend_tests)

BOOST_AUTO_TEST_CASE(longest_prefix_wins_and_the_prefix_is_stripped_going_in)
{
    mounted m;
    BOOST_TEST(run_task(m.composite.write("/a/b/x.txt", "ab")).path == "/a/b/x.txt");
    BOOST_TEST(run_task(m.composite.write("/a/y.txt", "a")).path == "/a/y.txt");
    BOOST_TEST(run_task(m.composite.write("/z.txt", "z")).path == "/z.txt");
    BOOST_TEST(m.ab->snapshot().count("/x.txt") == 1);
    BOOST_TEST(m.a->snapshot().count("/y.txt") == 1);
    BOOST_TEST(m.a->snapshot().count("/b/x.txt") == 0);
    BOOST_TEST(m.fallback->snapshot().count("/z.txt") == 1);
}

BOOST_AUTO_TEST_CASE(prefix_with_and_without_trailing_slash_is_the_same_route)
{
    mounted m;
    run_task(m.composite.write("/memories/note.md", "remember"));
    BOOST_TEST(run_task(m.composite.read_bytes("memories/note.md")) == "remember");
    BOOST_TEST(run_task(m.composite.exists("/memories/note.md")));
    BOOST_TEST(m.memories->snapshot().count("/note.md") == 1);
}

BOOST_AUTO_TEST_CASE(a_sibling_name_sharing_the_prefix_text_goes_to_the_fallback)
{
    mounted m;
    run_task(m.composite.write("/memoriesX/n.md", "x"));
    BOOST_TEST(m.fallback->snapshot().count("/memoriesX/n.md") == 1);
    BOOST_TEST(m.memories->snapshot().empty());
}

BOOST_AUTO_TEST_CASE(errors_name_the_path_as_the_caller_gave_it)
{
    mounted m;
    std::string message;
    BOOST_TEST(error_of([&] { run_task(m.composite.read("/memories/missing.md")); }, &message) == errc::not_found);
    BOOST_TEST(message == "File '/memories/missing.md' not found");
    BOOST_TEST(error_of([&] { run_task(m.composite.read("missing.md")); }, &message) == errc::not_found);
    BOOST_TEST(message == "File 'missing.md' not found");
}

BOOST_AUTO_TEST_CASE(a_path_equal_to_a_prefix_is_the_childs_root)
{
    mounted m;
    run_task(m.composite.write("/memories/n.md", "x"));
    auto entries = run_task(m.composite.ls("/memories"));
    BOOST_TEST(paths_of(entries) == std::vector<std::string>{"/memories/n.md"});
    BOOST_TEST(!run_task(m.composite.exists("/memories")));
}

BOOST_AUTO_TEST_CASE(root_listing_shows_routes_beside_the_fallbacks_entries_dirs_first)
{
    mounted m;
    run_task(m.composite.write("/readme.md", "r"));
    run_task(m.composite.write("/src/main.cpp", "int main(){}"));
    auto entries = run_task(m.composite.ls("/"));
    BOOST_TEST(paths_of(entries) == (std::vector<std::string>{"/a", "/memories", "/src", "/readme.md"}));
    for (const auto& e : entries)
        BOOST_TEST(e.is_dir == (e.path != "/readme.md"));
}

BOOST_AUTO_TEST_CASE(nested_route_shows_in_its_parent_routes_listing)
{
    mounted m;
    run_task(m.composite.write("/a/y.txt", "a"));
    run_task(m.composite.write("/a/b/x.txt", "ab"));
    BOOST_TEST(paths_of(run_task(m.composite.ls("/a"))) == (std::vector<std::string>{"/a/b", "/a/y.txt"}));
    BOOST_TEST(paths_of(run_task(m.composite.ls("/a/b/"))) == (std::vector<std::string>{"/a/b/x.txt"}));
}

BOOST_AUTO_TEST_CASE(glob_fans_out_to_every_child_and_merges_sorted_by_path)
{
    mounted m;
    run_task(m.composite.write("/top.md", "t"));
    run_task(m.composite.write("/memories/m.md", "m"));
    run_task(m.composite.write("/a/b/deep/x.md", "x"));
    run_task(m.composite.write("/a/y.txt", "y"));
    BOOST_TEST(paths_of(run_task(m.composite.glob("**/*.md", "/"))) ==
               (std::vector<std::string>{"/a/b/deep/x.md", "/memories/m.md", "/top.md"}));
    BOOST_TEST(paths_of(run_task(m.composite.glob("memories/*.md"))) == std::vector<std::string>{"/memories/m.md"});
    BOOST_TEST(paths_of(run_task(m.composite.glob("b/**/*.md", "/a"))) ==
               std::vector<std::string>{"/a/b/deep/x.md"});
    BOOST_TEST(paths_of(run_task(m.composite.glob("*.md", "/memories"))) == std::vector<std::string>{"/memories/m.md"});
}

BOOST_AUTO_TEST_CASE(files_of_a_parent_under_a_deeper_mount_are_shadowed)
{
    mounted m;
    // The /a child holds its own b/ directory, but /a/b routes elsewhere: its copy is unreachable.
    run_task(m.a->write("/b/hidden-by-mount.txt", "needle"));
    run_task(m.composite.write("/a/b/visible.txt", "needle"));
    BOOST_TEST(paths_of(run_task(m.composite.glob("**/*.txt", "/a"))) == std::vector<std::string>{"/a/b/visible.txt"});
    BOOST_TEST(paths_of(run_task(m.composite.grep({.pattern = "needle", .path = "/a"}))) ==
               std::vector<std::string>{"/a/b/visible.txt:1"});
}

BOOST_AUTO_TEST_CASE(grep_at_the_root_merges_children_by_path_then_line)
{
    mounted m;
    run_task(m.composite.write("/z.txt", "needle\nno\nneedle"));
    run_task(m.composite.write("/memories/m.md", "a needle"));
    run_task(m.composite.write("/a/b/c.txt", "needle"));
    auto hits = run_task(m.composite.grep({.pattern = "needle"}));
    BOOST_TEST(paths_of(hits) == (std::vector<std::string>{"/a/b/c.txt:1", "/memories/m.md:1", "/z.txt:1", "/z.txt:3"}));
    BOOST_TEST(hits[1].line == "a needle");
}

BOOST_AUTO_TEST_CASE(grep_glob_filters_across_mounts)
{
    mounted m;
    run_task(m.composite.write("/memories/m.md", "needle"));
    run_task(m.composite.write("/memories/m.txt", "needle"));
    run_task(m.composite.write("/n.md", "needle"));
    BOOST_TEST(paths_of(run_task(m.composite.grep({.pattern = "needle", .glob = "*.md"}))) ==
               (std::vector<std::string>{"/memories/m.md:1", "/n.md:1"}));
    BOOST_TEST(paths_of(run_task(m.composite.grep({.pattern = "needle", .glob = "memories/*.txt"}))) ==
               std::vector<std::string>{"/memories/m.txt:1"});
}

BOOST_AUTO_TEST_CASE(grep_in_a_directory_holding_only_mounts_is_not_an_error)
{
    auto fallback = std::make_shared<state_backend>();
    auto deep = std::make_shared<state_backend>();
    composite_backend composite(fallback, {{"/x/y", deep}});
    run_task(composite.write("/x/y/f.txt", "needle"));
    BOOST_TEST(paths_of(run_task(composite.grep({.pattern = "needle", .path = "/x"}))) ==
               std::vector<std::string>{"/x/y/f.txt:1"});
    std::string message;
    BOOST_TEST(error_of([&] { run_task(composite.grep({.pattern = "needle", .path = "/nope"})); }, &message) ==
               errc::not_found);
}

BOOST_AUTO_TEST_CASE(edit_goes_through_the_route_and_reports_the_callers_path)
{
    mounted m;
    run_task(m.composite.write("/memories/n.md", "hello world"));
    auto result = run_task(m.composite.edit("/memories/n.md", {.old_string = "world", .new_string = "there"}));
    BOOST_TEST(result.path == "/memories/n.md");
    BOOST_TEST(result.occurrences == 1u);
    BOOST_TEST(m.memories->snapshot().at("/n.md") == "hello there");
}

BOOST_AUTO_TEST_CASE(a_path_climbing_above_the_root_is_refused)
{
    mounted m;
    std::string message;
    BOOST_TEST(error_of([&] { run_task(m.composite.read("/memories/../../etc/passwd")); }, &message) ==
               errc::escapes_root);
    BOOST_TEST(!run_task(m.composite.exists("/../x")));
}

BOOST_AUTO_TEST_CASE(sync_and_async_children_mix)
{
    agent_backends::test::temp_dir dir;
    boost::asio::thread_pool pool(2);
    auto local = ensure_async(std::make_shared<local_directory>(local_backend_options{.root = dir.str()}),
                              pool.get_executor());
    auto memory = std::make_shared<state_backend>();
    composite_backend composite(memory, {{"/workspace", local}});
    run_task(composite.write("/workspace/src/a.py", "print('needle')\n"));
    run_task(composite.write("/notes.md", "needle"));
    BOOST_TEST(dir.read("src/a.py") == "print('needle')\n");
    BOOST_TEST(paths_of(run_task(composite.grep({.pattern = "needle"}))) ==
               (std::vector<std::string>{"/notes.md:1", "/workspace/src/a.py:1"}));
    BOOST_TEST(paths_of(run_task(composite.glob("**/*.py"))) == std::vector<std::string>{"/workspace/src/a.py"});
    BOOST_TEST(run_task(composite.read("/workspace/src/a.py")) == "     1\tprint('needle')");
}

BOOST_AUTO_TEST_SUITE_END()
