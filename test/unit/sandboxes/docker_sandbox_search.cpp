// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/docker_sandbox.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "docker_sandbox_fixture.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <vector>

using namespace agent_backends;
namespace utf = boost::unit_test;

namespace {

/// A tree under /workspace/s with awkward names, made once for the suite.
class search_fixture : public test::shared_sandbox<search_fixture>
{
public:
    search_fixture()
    {
        if (!get())
            return;
        auto& b = box();
        run(b.write("s/a.txt", "hello world\nsecond line\n"));
        run(b.write("s/b c.md", "Hello again\n"));
        run(b.write("s/x:1:y.txt", "colon hello\n"));
        run(b.write("s/crlf.txt", "hello crlf\r\nother\r\n"));
        run(b.write("s/src/main.py", "print('hello')\n"));
        run(b.write("s/src/lib/util.py", "def hello():\n    pass\n"));
        run(b.write("s/.hidden/secret.txt", "hello hidden\n"));
        run(b.write("s/.env", "HELLO=1\n"));
        run(b.execute("mkdir -p s/empty"));
    }
};

std::vector<std::string> paths(const std::vector<file_info>& entries)
{
    std::vector<std::string> out;
    for (const auto& e : entries)
        out.push_back(e.path);
    return out;
}

std::vector<std::string> where(const std::vector<grep_match>& matches)
{
    std::vector<std::string> out;
    for (const auto& m : matches)
        out.push_back(m.path + ":" + std::to_string(m.line_number));
    return out;
}

using strings = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(docker_sandbox_search, *utf::fixture<search_fixture>())

BOOST_AUTO_TEST_CASE(ls_lists_directories_first_then_files_by_name)
{
    auto* f = search_fixture::get();
    if (!f)
        return;
    auto entries = f->run(f->box().ls("s"));
    BOOST_TEST(paths(entries) == (strings{"/workspace/s/.hidden", "/workspace/s/empty", "/workspace/s/src",
                                          "/workspace/s/.env", "/workspace/s/a.txt", "/workspace/s/b c.md",
                                          "/workspace/s/crlf.txt", "/workspace/s/x:1:y.txt"}),
               boost::test_tools::per_element());
    BOOST_REQUIRE_EQUAL(entries.size(), 8u);
    BOOST_TEST(entries[0].is_dir);
    BOOST_TEST(!entries[0].size.has_value());
    BOOST_TEST(entries[4].name == "a.txt");
    BOOST_TEST(!entries[4].is_dir);
    BOOST_TEST(entries[4].size.value_or(0) == 24u);
    BOOST_TEST(entries[4].modified_at.has_value());
}

BOOST_AUTO_TEST_CASE(ls_of_a_file_is_the_file_and_of_a_missing_path_empty)
{
    auto* f = search_fixture::get();
    if (!f)
        return;
    auto file = f->run(f->box().ls("/workspace/s/a.txt"));
    BOOST_REQUIRE_EQUAL(file.size(), 1u);
    BOOST_TEST(file[0].path == "/workspace/s/a.txt");
    BOOST_TEST(f->run(f->box().ls("s/none")).empty());
    BOOST_TEST(f->run(f->box().ls("s/empty")).empty());
}

BOOST_AUTO_TEST_CASE(glob_matches_below_the_path_with_double_star)
{
    auto* f = search_fixture::get();
    if (!f)
        return;
    auto py = f->run(f->box().glob("**/*.py", "s"));
    BOOST_TEST(paths(py) == (strings{"/workspace/s/src/lib/util.py", "/workspace/s/src/main.py"}),
               boost::test_tools::per_element());
    BOOST_REQUIRE(!py.empty());
    BOOST_TEST(py[0].name == "util.py");
    BOOST_TEST(py[0].size.value_or(0) == 22u);
    auto top = f->run(f->box().glob("*.txt", "/workspace/s"));
    BOOST_TEST(
        paths(top) == (strings{"/workspace/s/a.txt", "/workspace/s/crlf.txt", "/workspace/s/x:1:y.txt"}),
        boost::test_tools::per_element());
    auto literal = f->run(f->box().glob("src/lib/*.py", "s"));
    BOOST_TEST(paths(literal) == (strings{"/workspace/s/src/lib/util.py"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(glob_at_the_root_searches_the_work_dir)
{
    auto* f = search_fixture::get();
    if (!f)
        return;
    auto found = f->run(f->box().glob("s/*.md"));
    BOOST_TEST(paths(found) == (strings{"/workspace/s/b c.md"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(glob_skips_hidden_entries_unless_the_pattern_names_them)
{
    auto* f = search_fixture::get();
    if (!f)
        return;
    auto all = f->run(f->box().glob("**/*", "s"));
    for (const auto& e : all)
        BOOST_TEST(e.path.find("/.") == std::string::npos);
    BOOST_TEST(all.size() == 6u);
    BOOST_TEST(paths(f->run(f->box().glob("**/.env", "s"))) == (strings{"/workspace/s/.env"}),
               boost::test_tools::per_element());
    BOOST_TEST(paths(f->run(f->box().glob(".hidden/*", "s"))) == (strings{"/workspace/s/.hidden/secret.txt"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(glob_without_matches_or_directory_is_empty_and_a_bad_pattern_fails)
{
    auto* f = search_fixture::get();
    if (!f)
        return;
    BOOST_TEST(f->run(f->box().glob("**/*.rs", "s")).empty());
    BOOST_TEST(f->run(f->box().glob("*", "s/none")).empty());
    BOOST_TEST(test::error_of([&] { f->run(f->box().glob("{a,b", "s")); }) == errc::invalid_argument);
}

BOOST_AUTO_TEST_CASE(grep_finds_matching_lines_sorted_by_path_and_line)
{
    auto* f = search_fixture::get();
    if (!f)
        return;
    auto hits = f->run(f->box().grep({.pattern = "hel+o", .path = "s"}));
    BOOST_TEST(where(hits) == (strings{"/workspace/s/a.txt:1", "/workspace/s/crlf.txt:1",
                                       "/workspace/s/src/lib/util.py:1", "/workspace/s/src/main.py:1",
                                       "/workspace/s/x:1:y.txt:1"}),
               boost::test_tools::per_element());
    BOOST_REQUIRE_EQUAL(hits.size(), 5u);
    BOOST_TEST(hits[0].line == "hello world");
    BOOST_TEST(hits[1].line == "hello crlf");
    BOOST_TEST(hits[4].line == "colon hello");
}

BOOST_AUTO_TEST_CASE(grep_honours_case_glob_and_hidden_options)
{
    auto* f = search_fixture::get();
    if (!f)
        return;
    auto nocase =
        f->run(f->box().grep({.pattern = "hello", .path = "s", .glob = "*.md", .ignore_case = true}));
    BOOST_TEST(where(nocase) == (strings{"/workspace/s/b c.md:1"}), boost::test_tools::per_element());
    auto nested = f->run(f->box().grep({.pattern = "hello", .path = "s", .glob = "src/*.py"}));
    BOOST_TEST(where(nested) == (strings{"/workspace/s/src/main.py:1"}), boost::test_tools::per_element());
    auto hidden = f->run(f->box().grep({.pattern = "hello", .path = "s", .ignore_hidden = false}));
    BOOST_TEST(hidden.size() == 6u);
    auto file = f->run(f->box().grep({.pattern = "HELLO", .path = "s/.env"}));
    BOOST_TEST(where(file) == (strings{"/workspace/s/.env:1"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(grep_without_matches_is_empty)
{
    auto* f = search_fixture::get();
    if (!f)
        return;
    BOOST_TEST(f->run(f->box().grep({.pattern = "no such text", .path = "s"})).empty());
}

BOOST_AUTO_TEST_CASE(grep_refuses_a_bad_pattern_and_a_missing_path)
{
    auto* f = search_fixture::get();
    if (!f)
        return;
    auto bad = test::failure_of([&] { f->run(f->box().grep({.pattern = "a(", .path = "s"})); });
    BOOST_TEST(bad.code == errc::invalid_argument);
    BOOST_TEST(bad.message.starts_with("Invalid regex pattern: "));
    auto missing = test::failure_of([&] { f->run(f->box().grep({.pattern = "a", .path = "s/none"})); });
    BOOST_TEST(missing.code == errc::not_found);
    BOOST_TEST(missing.message == "Path 's/none' not found");
}

BOOST_AUTO_TEST_CASE(cancelling_a_search_ends_its_command_in_the_container)
{
    auto* f = search_fixture::get();
    if (!f)
        return;
    auto& box = f->box();
    f->run(box.execute("mkfifo /workspace/never-written"));  // grep reading it waits for ever
    auto race = [&]() -> task<std::size_t> {
        using namespace boost::asio::experimental::awaitable_operators;
        boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, std::chrono::seconds(2));
        auto winner = co_await (box.grep({.pattern = "x", .path = "/workspace/never-written"}) ||
                                timer.async_wait(boost::asio::use_awaitable));
        co_return winner.index();
    };
    BOOST_TEST(f->run(race()) == 1u);
    auto left = f->run(box.execute("ps -o args")).output;
    BOOST_TEST(left.find("never-written") == std::string::npos);
    f->run(box.execute("rm /workspace/never-written"));
}

BOOST_AUTO_TEST_SUITE_END()
