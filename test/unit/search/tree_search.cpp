// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sync_backend.hpp>

#include <agent_backends/detail/run_blocking.hpp>
#include <agent_backends/detail/tree_search.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "unit/search/search_tree.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace asio = boost::asio;
using namespace agent_backends;
using agent_backends::test::search_tree;
using strings = std::vector<std::string>;

using agent_backends::test::error_of;

namespace {

/// Runs `search` on a pool thread once its call has been cancelled; returns the error it threw.
boost::system::error_code code_when_cancelled(const std::function<void()>& search)
{
    asio::io_context io;
    asio::thread_pool pool(1);
    boost::system::error_code seen;
    asio::cancellation_signal cancel;
    asio::co_spawn(io,
                   detail::run_blocking(pool.get_executor(),
                                        [&] {
                                            // Waits for the cancellation itself, not for time to pass.
                                            while (!cancellation_requested())
                                                std::this_thread::yield();
                                            try
                                            {
                                                search();
                                            }
                                            catch (const boost::system::system_error& e)
                                            {
                                                seen = e.code();
                                                throw;
                                            }
                                        }),
                   asio::bind_cancellation_slot(cancel.slot(), [](std::exception_ptr) {}));
    // Queued behind the coroutine's start, so its cancellation handler is installed by then.
    asio::post(io, [&] { cancel.emit(asio::cancellation_type::terminal); });
    io.run();
    pool.join();
    return seen;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tree_search_tests)

BOOST_AUTO_TEST_CASE(grep_results_are_sorted_by_path_then_line_whatever_the_thread_count)
{
    search_tree t;
    for (int d = 0; d < 12; ++d)
        for (int f = 0; f < 6; ++f)
            t.write("d" + std::to_string(d) + "/sub/f" + std::to_string(f) + ".txt",
                    "x\nhit\ny\nhit again\n");
    t.write("a.txt", "hit\n");
    const auto one = t.grep({.pattern = "hit", .threads = 1});
    BOOST_TEST(one.size() == 12u * 6u * 2u + 1u);
    BOOST_TEST(std::is_sorted(one.begin(), one.end(), [](const std::string& a, const std::string& b) {
        auto pa = a.substr(0, a.rfind(':'));
        auto pb = b.substr(0, b.rfind(':'));
        return pa != pb ? pa < pb
                        : std::stoul(a.substr(a.rfind(':') + 1)) < std::stoul(b.substr(b.rfind(':') + 1));
    }));
    BOOST_TEST(one.front() == "a.txt:1");
    BOOST_TEST(one[1] == "d0/sub/f0.txt:2");
    BOOST_TEST(one[2] == "d0/sub/f0.txt:4");
    for (unsigned threads : {2u, 4u, 8u})
        BOOST_TEST(t.grep({.pattern = "hit", .threads = threads}) == one);
}

BOOST_AUTO_TEST_CASE(grep_reports_line_text_without_line_endings)
{
    search_tree t;
    t.write("crlf.txt", "one\r\ntwo match\r\nthree\r\nmatch four\r\n");
    auto root = t.root();
    const auto hits = detail::grep_files(root, {.pattern = "match"});
    BOOST_TEST_REQUIRE(hits.size() == 2u);
    BOOST_TEST(hits[0].path == "crlf.txt");
    BOOST_TEST(hits[0].line_number == 2u);
    BOOST_TEST(hits[0].line == "two match");
    BOOST_TEST(hits[1].line_number == 4u);
    BOOST_TEST(hits[1].line == "match four");
}

BOOST_AUTO_TEST_CASE(hidden_entries_are_skipped_unless_ignore_hidden_is_off)
{
    search_tree t;
    t.write("visible.txt", "needle\n");
    t.write(".hidden.txt", "needle\n");
    t.write(".config/inside.txt", "needle\n");
    t.write("sub/.dot/deep.txt", "needle\n");
    BOOST_TEST(t.grep({.pattern = "needle"}) == strings{"visible.txt:1"});
    BOOST_TEST(t.grep({.pattern = "needle", .ignore_hidden = false}) ==
               (strings{".config/inside.txt:1", ".hidden.txt:1", "sub/.dot/deep.txt:1", "visible.txt:1"}));
    BOOST_TEST(t.glob({.pattern = "**/*.txt"}) == strings{"visible.txt"});
    BOOST_TEST(t.glob({.pattern = "**/*.txt", .ignore_hidden = false}).size() == 4u);
}

BOOST_AUTO_TEST_CASE(glob_finds_hidden_entries_its_pattern_names)
{
    search_tree t;
    t.write(".github/workflows/ci.yml", "x");
    t.write(".env", "x");
    t.write("sub/.env", "x");
    t.write(".cache/.env", "x");
    t.write("a.yml", "x");
    BOOST_TEST(t.glob({.pattern = ".github/**/*.yml"}) == strings{".github/workflows/ci.yml"});
    BOOST_TEST(t.glob({.pattern = "**/.env"}) == (strings{".env", "sub/.env"}));
    BOOST_TEST(t.glob({.pattern = "**/*.yml"}) == strings{"a.yml"});
}

BOOST_AUTO_TEST_CASE(gitignore_applies_only_inside_a_git_work_tree)
{
    search_tree t;
    t.write(".gitignore", "*.log\n");
    t.write("app.log", "needle\n");
    t.write("app.txt", "needle\n");
    BOOST_TEST(t.grep({.pattern = "needle"}) == (strings{"app.log:1", "app.txt:1"}));
    t.mkdir(".git");
    BOOST_TEST(t.grep({.pattern = "needle"}) == strings{"app.txt:1"});
    BOOST_TEST(t.glob({.pattern = "*"}) == strings{"app.txt"});
    BOOST_TEST(t.grep({.pattern = "needle", .ignore_hidden = false}).size() == 2u);
}

BOOST_AUTO_TEST_CASE(git_file_marks_a_work_tree_too)
{
    search_tree t;
    t.write(".git", "gitdir: ../elsewhere\n");
    t.write(".gitignore", "*.log\n");
    t.write("a.log", "needle\n");
    t.write("a.txt", "needle\n");
    BOOST_TEST(t.grep({.pattern = "needle"}) == strings{"a.txt:1"});
}

BOOST_AUTO_TEST_CASE(nested_gitignore_files_deeper_wins_and_negation_reincludes)
{
    search_tree t;
    t.mkdir(".git");
    t.write(".gitignore", "*.gen\n!keep.gen\n");
    t.write("a.gen", "needle\n");
    t.write("keep.gen", "needle\n");
    t.write("sub/.gitignore", "!b.gen\nkeep.gen\n");
    t.write("sub/b.gen", "needle\n");
    t.write("sub/c.gen", "needle\n");
    t.write("sub/keep.gen", "needle\n");
    t.write("sub/deeper/d.gen", "needle\n");
    BOOST_TEST(t.grep({.pattern = "needle"}) == (strings{"keep.gen:1", "sub/b.gen:1"}));
}

BOOST_AUTO_TEST_CASE(directory_only_and_anchored_rules)
{
    search_tree t;
    t.mkdir(".git");
    t.write(".gitignore", "out/\n/top.txt\ndocs/gen\n");
    t.write("out/a.txt", "needle\n");
    t.write("src/out/b.txt", "needle\n");
    t.write("src/out.txt", "needle\n");
    t.write("notdir/out", "needle\n");  // a file named out: `out/` is for directories
    t.write("top.txt", "needle\n");
    t.write("src/top.txt", "needle\n");
    t.write("docs/gen/c.txt", "needle\n");
    t.write("src/docs/gen/d.txt", "needle\n");
    BOOST_TEST(t.grep({.pattern = "needle"}) ==
               (strings{"notdir/out:1", "src/docs/gen/d.txt:1", "src/out.txt:1", "src/top.txt:1"}));
}

BOOST_AUTO_TEST_CASE(dot_ignore_applies_even_outside_git)
{
    search_tree t;
    t.write(".ignore", "secret*\n");
    t.write("sub/.ignore", "!secret-ok.txt\n");
    t.write("secret.txt", "needle\n");
    t.write("sub/secret.txt", "needle\n");
    t.write("sub/secret-ok.txt", "needle\n");
    t.write("plain.txt", "needle\n");
    BOOST_TEST(t.grep({.pattern = "needle"}) == (strings{"plain.txt:1", "sub/secret-ok.txt:1"}));
}

BOOST_AUTO_TEST_CASE(dot_ignore_takes_precedence_over_gitignore)
{
    search_tree t;
    t.mkdir(".git");
    t.write(".gitignore", "*.txt\n");
    t.write("sub/.ignore", "!wanted.txt\n");
    t.write("sub/.gitignore", "!other.txt\n");
    t.write("sub/wanted.txt", "needle\n");
    t.write("sub/other.txt", "needle\n");
    t.write("sub/dropped.txt", "needle\n");
    BOOST_TEST(t.grep({.pattern = "needle"}) == (strings{"sub/other.txt:1", "sub/wanted.txt:1"}));
}

BOOST_AUTO_TEST_CASE(git_info_exclude_is_honoured)
{
    search_tree t;
    t.write(".git/info/exclude", "# local\n*.bak\n");
    t.write("a.bak", "needle\n");
    t.write("a.txt", "needle\n");
    BOOST_TEST(t.grep({.pattern = "needle"}) == strings{"a.txt:1"});
}

BOOST_AUTO_TEST_CASE(ignore_files_of_parent_directories_apply_below_them)
{
    search_tree t;
    t.mkdir("repo/.git");
    t.write("repo/.gitignore", "*.gen\nsub/skip/\n");
    t.write("repo/sub/a.gen", "needle\n");
    t.write("repo/sub/a.txt", "needle\n");
    t.write("repo/sub/skip/b.txt", "needle\n");
    BOOST_TEST(t.grep({.pattern = "needle"}, "repo/sub") == strings{"a.txt:1"});
    // Without the repository, the same .gitignore is not a git ignore file.
    std::filesystem::remove(t.dir().path() / "repo/.git");
    BOOST_TEST(t.grep({.pattern = "needle"}, "repo/sub").size() == 3u);
}

BOOST_AUTO_TEST_CASE(ancestors_above_the_workspace_apply_only_within_the_same_git_tree)
{
    search_tree t;
    // ws/ is the workspace; the directory above it holds a .ignore that must not apply...
    t.write(".ignore", "*.txt\n");
    t.write("ws/a.txt", "needle\n");
    auto root = t.root("ws", (t.dir().path() / "ws").string());
    BOOST_TEST(detail::grep_files(root, {.pattern = "needle"}).size() == 1u);
    // ...unless the workspace lies inside a git work tree rooted above it.
    t.mkdir(".git");
    t.write(".gitignore", "*.txt\n");
    root = t.root("ws", (t.dir().path() / "ws").string());
    BOOST_TEST(detail::grep_files(root, {.pattern = "needle"}).empty());
}

BOOST_AUTO_TEST_CASE(nested_repository_does_not_see_the_outer_gitignore)
{
    search_tree t;
    t.mkdir(".git");
    t.write(".gitignore", "*.gen\n");
    t.write("outer.gen", "needle\n");
    t.mkdir("inner/.git");
    t.write("inner/inner.gen", "needle\n");
    BOOST_TEST(t.grep({.pattern = "needle"}) == strings{"inner/inner.gen:1"});
}

BOOST_AUTO_TEST_CASE(hidden_file_whitelisted_by_a_negation_is_searched)
{
    search_tree t;
    t.mkdir(".git");
    t.write(".gitignore", "!.env\n");
    t.write(".env", "needle\n");
    t.write(".other", "needle\n");
    BOOST_TEST(t.grep({.pattern = "needle"}) == strings{".env:1"});
}

BOOST_AUTO_TEST_CASE(binary_files_are_skipped_by_a_nul_in_the_first_8_kb)
{
    search_tree t;
    t.write("bin.dat", std::string("needle\n\0\x01\x02", 10));
    std::string late(9000, 'x');
    late += "\nneedle\n";
    late += '\0';
    t.write("late-nul.txt", late);
    t.write("text.txt", "needle\n");
    BOOST_TEST(t.grep({.pattern = "needle"}) == (strings{"late-nul.txt:2", "text.txt:1"}));
}

BOOST_AUTO_TEST_CASE(large_files_are_searched_in_chunks_with_exact_line_numbers)
{
    search_tree t;
    // About 3 MiB of 100-byte lines, hits placed around the 1 MiB chunk edges and on the last line,
    // which has no line break.
    const std::string filler(99, 'f');
    std::string big;
    std::vector<std::size_t> expected;
    const std::size_t lines = 32000;
    for (std::size_t n = 1; n <= lines; ++n)
    {
        const bool hit =
            n == 1 || n == 10485 || n == 10486 || n == 10487 || n == 20971 || n == 20972 || n == lines;
        std::string line = hit ? "NEEDLE" + filler.substr(6) : filler;
        if (hit)
            expected.push_back(n);
        big += line;
        if (n != lines)
            big += n % 2 ? "\r\n" : "\n";
    }
    t.write("big.txt", big);
    auto root = t.root();
    const auto hits = detail::grep_files(root, {.pattern = "NEEDLE"});
    std::vector<std::size_t> got;
    for (const auto& h : hits)
    {
        got.push_back(h.line_number);
        BOOST_TEST(h.line == "NEEDLE" + filler.substr(6));
    }
    BOOST_TEST(got == expected);
}

BOOST_AUTO_TEST_CASE(a_line_longer_than_a_chunk_is_found_whole)
{
    search_tree t;
    std::string text = "first\n";
    text += std::string(3 * 1024 * 1024, 'a');
    text += "TAIL\nlast TAIL\n";
    t.write("long.txt", text);
    const auto hits = t.grep({.pattern = "TAIL"});
    BOOST_TEST(hits == (strings{"long.txt:2", "long.txt:3"}));
}

BOOST_AUTO_TEST_CASE(grep_glob_without_slash_matches_names_at_any_depth)
{
    search_tree t;
    t.write("a.py", "needle\n");
    t.write("src/b.py", "needle\n");
    t.write("src/deep/c.py", "needle\n");
    t.write("src/d.txt", "needle\n");
    BOOST_TEST(t.grep({.pattern = "needle", .glob = "*.py"}) ==
               (strings{"a.py:1", "src/b.py:1", "src/deep/c.py:1"}));
    BOOST_TEST(t.grep({.pattern = "needle", .glob = "src/*.py"}) == strings{"src/b.py:1"});
    BOOST_TEST(t.grep({.pattern = "needle", .glob = "src/**/*.{py,txt}"}) ==
               (strings{"src/b.py:1", "src/d.txt:1", "src/deep/c.py:1"}));
}

BOOST_AUTO_TEST_CASE(glob_prunes_without_changing_results)
{
    search_tree t;
    t.write("src/a.c", "");
    t.write("src/x/b.c", "");
    t.write("src/x/b.h", "");
    t.write("docs/c.c", "");
    t.write("top.c", "");
    BOOST_TEST(t.glob({.pattern = "src/**/*.c"}) == (strings{"src/a.c", "src/x/b.c"}));
    BOOST_TEST(t.glob({.pattern = "*.c"}) == strings{"top.c"});
    BOOST_TEST(t.glob({.pattern = "**/*.c"}) == (strings{"docs/c.c", "src/a.c", "src/x/b.c", "top.c"}));
    BOOST_TEST(t.glob({.pattern = "{docs,src/x}/*"}) == (strings{"docs/c.c", "src/x/b.c", "src/x/b.h"}));
}

BOOST_AUTO_TEST_CASE(glob_reports_size_and_mtime_when_asked)
{
    search_tree t;
    t.write("five.txt", "12345");
    auto root = t.root();
    const auto with = detail::glob_files(root, {.pattern = "*.txt"});
    BOOST_TEST_REQUIRE(with.size() == 1u);
    BOOST_TEST(with[0].size == 5u);
    BOOST_TEST(with[0].mtime_ns > 0);
    const auto without = detail::glob_files(root, {.pattern = "*.txt", .want_stat = false});
    BOOST_TEST_REQUIRE(without.size() == 1u);
    BOOST_TEST(without[0].size == 0u);
}

BOOST_AUTO_TEST_CASE(symbolic_links_are_never_followed_into_directories)
{
    search_tree t;
    t.write("real/a.txt", "needle\n");
    t.write("outside/secret.txt", "needle\n");
    t.mkdir("ws");
    std::filesystem::create_directory_symlink(t.dir().path() / "real", t.dir().path() / "ws/dir-link");
    std::filesystem::create_symlink(t.dir().path() / "real/a.txt", t.dir().path() / "ws/file-link.txt");
    std::filesystem::create_symlink(t.dir().path() / "outside/secret.txt",
                                    t.dir().path() / "ws/out-link.txt");
    std::filesystem::create_symlink(t.dir().path() / "missing", t.dir().path() / "ws/dangling.txt");
    t.write("ws/own.txt", "needle\n");
    std::filesystem::create_symlink("own.txt", t.dir().path() / "ws/own-link.txt");
    const auto ws = (t.dir().path() / "ws").string();
    // grep skips every link, as ripgrep does.
    BOOST_TEST(t.grep({.pattern = "needle"}, "ws") == strings{"own.txt:1"});
    // glob lists links to regular files that stay inside the workspace, as fd lists links.
    auto root = t.root("ws", ws);
    std::vector<std::string> listed;
    for (const auto& f : detail::glob_files(root, {.pattern = "**/*.txt"}))
        listed.push_back(f.path);
    BOOST_TEST(listed == (strings{"own-link.txt", "own.txt"}));
    // With the whole temporary directory as the workspace, the link into real/ stays inside it.
    root = t.root("ws", t.dir().str());
    listed.clear();
    for (const auto& f : detail::glob_files(root, {.pattern = "**/*.txt"}))
        listed.push_back(f.path);
    BOOST_TEST(listed == (strings{"file-link.txt", "out-link.txt", "own-link.txt", "own.txt"}));
}

BOOST_AUTO_TEST_CASE(repeated_searches_on_one_root_descriptor_see_the_same_tree)
{
    search_tree t;
    t.write("a.txt", "needle\n");
    auto root = t.root();
    BOOST_TEST(detail::glob_files(root, {.pattern = "*.txt"}).size() == 1u);
    BOOST_TEST(detail::glob_files(root, {.pattern = "*.txt"}).size() == 1u);
    BOOST_TEST(detail::grep_files(root, {.pattern = "needle"}).size() == 1u);
}

BOOST_AUTO_TEST_CASE(grep_file_searches_one_open_file)
{
    search_tree t;
    t.write("one.txt", "a\nneedle\nb\nneedle\n");
    t.write("bin", std::string("needle\0", 7));
    const int fd = ::open((t.dir().path() / "one.txt").c_str(), O_RDONLY | O_CLOEXEC);
    BOOST_TEST_REQUIRE(fd >= 0);
    const auto hits = detail::grep_file(fd, {.pattern = "needle"});
    ::close(fd);
    BOOST_TEST_REQUIRE(hits.size() == 2u);
    BOOST_TEST(hits[0].path == "");
    BOOST_TEST(hits[0].line_number == 2u);
    BOOST_TEST(hits[1].line_number == 4u);
    const int bin = ::open((t.dir().path() / "bin").c_str(), O_RDONLY | O_CLOEXEC);
    BOOST_TEST(detail::grep_file(bin, {.pattern = "needle"}).empty());
    ::close(bin);
}

BOOST_AUTO_TEST_CASE(bad_regex_and_bad_glob_are_invalid_arguments)
{
    search_tree t;
    auto root = t.root();
    std::string message;
    BOOST_TEST(error_of([&] { detail::grep_files(root, {.pattern = "(x"}); }, message) ==
               errc::invalid_argument);
    BOOST_TEST(message.starts_with("Invalid regex pattern: "));
    BOOST_TEST(error_of([&] { detail::grep_files(root, {.pattern = "x", .glob = "{a"}); }, message) ==
               errc::invalid_argument);
    BOOST_TEST(message == "Invalid glob pattern '{a': unbalanced braces");
    BOOST_TEST(error_of([&] { detail::glob_files(root, {.pattern = "{a"}); }, message) ==
               errc::invalid_argument);
}

BOOST_AUTO_TEST_CASE(cancelled_searches_throw_operation_aborted)
{
    search_tree t;
    for (int i = 0; i < 20; ++i)
        t.write("d" + std::to_string(i) + "/f.txt", "needle\n");
    auto root = t.root();
    BOOST_TEST(code_when_cancelled([&] { detail::grep_files(root, {.pattern = "needle", .threads = 4}); }) ==
               asio::error::operation_aborted);
    BOOST_TEST(code_when_cancelled([&] {
                   detail::glob_files(root, {.pattern = "**/*.txt", .threads = 1});
               }) == asio::error::operation_aborted);
    const int fd = ::open((t.dir().path() / "d0/f.txt").c_str(), O_RDONLY | O_CLOEXEC);
    BOOST_TEST(code_when_cancelled([&] { detail::grep_file(fd, {.pattern = "needle"}); }) ==
               asio::error::operation_aborted);
    ::close(fd);
    // Not cancelled: the same calls succeed.
    BOOST_TEST(detail::grep_files(root, {.pattern = "needle"}).size() == 20u);
}

BOOST_AUTO_TEST_SUITE_END()
