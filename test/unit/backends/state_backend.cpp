// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/hashline.hpp>
#include <agent_backends/state_backend.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "common/run_task.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
using namespace agent_backends;
using agent_backends::test::run_task;

using agent_backends::test::failure_of;

namespace {

std::vector<std::string> paths_of(const std::vector<file_info>& entries)
{
    std::vector<std::string> out;
    for (const auto& e : entries)
        out.push_back(e.path);
    return out;
}

std::vector<std::string> hits_of(const std::vector<grep_match>& matches)
{
    std::vector<std::string> out;
    for (const auto& m : matches)
        out.push_back(m.path + ":" + std::to_string(m.line_number) + ":" + m.line);
    return out;
}

using strings = std::vector<std::string>;

/// A small tree: top-level files, nested directories, hidden entries, a binary file.
state_backend sample()
{
    return state_backend({
        {"/README.md", "# needle\n"},
        {"/src/main.py", "import os\nneedle = 1\n"},
        {"/src/util/helpers.py", "def needle():\r\n    return 2\r\n"},
        {"/src/util/notes.txt", "Needle in caps\n"},
        {"/.env", "SECRET=needle\n"},
        {"/.github/ci.yml", "run: needle\n"},
        {"/src/.cache/x.py", "needle\n"},
        {"/img/logo.png", std::string("\x89PNG\0needle", 11)},
    });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(state_backend_tests)

BOOST_AUTO_TEST_CASE(content_round_trips_byte_exact)
{
    state_backend b;
    const std::string bytes("a\r\nb\0c\xFF\n", 8);
    BOOST_TEST(run_task(b.write("/f.bin", bytes)).path == "/f.bin");
    BOOST_TEST(run_task(b.read_bytes("/f.bin")) == bytes);
    BOOST_TEST(b.snapshot().at("/f.bin") == bytes);
}

BOOST_AUTO_TEST_CASE(paths_in_any_spelling_name_one_normalised_file)
{
    state_backend b;
    BOOST_TEST(run_task(b.write("notes/a.txt", "x")).path == "/notes/a.txt");
    BOOST_TEST(run_task(b.read_bytes("/notes/a.txt")) == "x");
    BOOST_TEST(run_task(b.read_bytes("./notes//a.txt")) == "x");
    BOOST_TEST(run_task(b.read_bytes("/other/../notes/a.txt/")) == "x");
    BOOST_TEST(b.snapshot() == (std::map<std::string, std::string>{{"/notes/a.txt", "x"}}));
}

BOOST_AUTO_TEST_CASE(initial_files_are_stored_under_normalised_paths)
{
    state_backend b({{"a.txt", "1"}, {"./d/b.txt", "2"}});
    BOOST_TEST(b.snapshot() == (std::map<std::string, std::string>{{"/a.txt", "1"}, {"/d/b.txt", "2"}}));
}

BOOST_AUTO_TEST_CASE(exists_only_for_stored_files)
{
    auto b = sample();
    BOOST_TEST(run_task(b.exists("/src/main.py")));
    BOOST_TEST(run_task(b.exists("src/main.py")));
    BOOST_TEST(!run_task(b.exists("/src")));
    BOOST_TEST(!run_task(b.exists("/")));
    BOOST_TEST(!run_task(b.exists("/missing.txt")));
    BOOST_TEST(!run_task(b.exists("/../src/main.py")));
    BOOST_TEST(!run_task(b.exists(std::string_view("/a\0b", 4))));
}

BOOST_AUTO_TEST_CASE(ls_lists_direct_children_directories_first_then_by_name)
{
    auto b = sample();
    auto root = run_task(b.ls("/"));
    BOOST_TEST(paths_of(root) == (strings{"/.github", "/img", "/src", "/.env", "/README.md"}));
    BOOST_TEST(root[2].is_dir);
    BOOST_TEST(!root[2].size.has_value());
    BOOST_TEST(!root[2].modified_at.has_value());
    BOOST_TEST(root[4].name == "README.md");
    BOOST_TEST(!root[4].is_dir);
    BOOST_TEST(root[4].size.value_or(0) == 9u);
    BOOST_TEST(paths_of(run_task(b.ls("/src"))) == (strings{"/src/.cache", "/src/util", "/src/main.py"}));
    BOOST_TEST(paths_of(run_task(b.ls("src/util/"))) ==
               (strings{"/src/util/helpers.py", "/src/util/notes.txt"}));
}

BOOST_AUTO_TEST_CASE(ls_of_the_root_in_every_spelling_is_the_same)
{
    auto b = sample();
    auto root = paths_of(run_task(b.ls("/")));
    BOOST_TEST(paths_of(run_task(b.ls(""))) == root);
    BOOST_TEST(paths_of(run_task(b.ls("."))) == root);
}

BOOST_AUTO_TEST_CASE(ls_of_a_file_gives_its_own_entry_and_a_missing_path_nothing)
{
    auto b = sample();
    auto self = run_task(b.ls("/src/main.py"));
    BOOST_REQUIRE(self.size() == 1u);
    BOOST_TEST(self[0].path == "/src/main.py");
    BOOST_TEST(self[0].name == "main.py");
    BOOST_TEST(run_task(b.ls("/nope")).empty());
    BOOST_TEST(run_task(b.ls("/sr")).empty());  // a name prefix is not a directory
}

BOOST_AUTO_TEST_CASE(ls_above_the_root_is_access_denied)
{
    auto b = sample();
    auto f = failure_of([&] { run_task(b.ls("/src/../..")); });
    BOOST_TEST(f.code == errc::escapes_root);
    BOOST_TEST(f.message == "Access denied: '/src/../..' is outside the workspace root");
}

BOOST_AUTO_TEST_CASE(modified_at_is_iso8601_utc_and_moves_forward_on_rewrite)
{
    state_backend b;
    run_task(b.write("/f.txt", "1"));
    auto first = run_task(b.ls("/f.txt")).at(0).modified_at.value();
    BOOST_TEST(std::regex_match(first, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00)")), first);
    run_task(b.write("/f.txt", "22"));
    auto second = run_task(b.ls("/f.txt")).at(0);
    BOOST_TEST(second.modified_at.value() >= first);
    BOOST_TEST(second.size.value_or(0) == 2u);
}

BOOST_AUTO_TEST_CASE(read_numbers_lines_and_keeps_crlf_out_of_them)
{
    auto b = sample();
    BOOST_TEST(run_task(b.read("/src/util/helpers.py")) == "     1\tdef needle():\n     2\t    return 2");
    BOOST_TEST(run_task(b.read("src/main.py", {.offset = 1})) == "     2\tneedle = 1");
    BOOST_TEST(run_task(b.read("/src/main.py", {.limit = 1})) == "     1\timport os\n\n... (1 more lines)");
}

BOOST_AUTO_TEST_CASE(an_existing_empty_file_reads_as_empty_file)
{
    state_backend b;
    run_task(b.write("/empty.txt", ""));
    BOOST_TEST(run_task(b.read("/empty.txt")) == "(empty file)");
    BOOST_TEST(run_task(b.exists("/empty.txt")));
}

BOOST_AUTO_TEST_CASE(read_errors_name_the_path_as_given)
{
    auto b = sample();
    auto missing = failure_of([&] { run_task(b.read("src/../nope.txt")); });
    BOOST_TEST(missing.code == errc::not_found);
    BOOST_TEST(missing.message == "File 'src/../nope.txt' not found");
    auto binary = failure_of([&] { run_task(b.read("img/logo.png")); });
    BOOST_TEST(binary.code == errc::is_binary);
    BOOST_TEST(binary.message == "'img/logo.png' is a binary file (11 bytes)");
    auto dir = failure_of([&] { run_task(b.read("/src/")); });
    BOOST_TEST(dir.code == errc::is_directory);
    BOOST_TEST(dir.message == "'/src/' is a directory");
    auto offset = failure_of([&] { run_task(b.read("/README.md", {.offset = 1})); });
    BOOST_TEST(offset.code == errc::invalid_argument);
    BOOST_TEST(offset.message == "Offset 1 exceeds file length (1 lines)");
    auto escape = failure_of([&] { run_task(b.read("/../etc/passwd")); });
    BOOST_TEST(escape.code == errc::escapes_root);
    BOOST_TEST(escape.message == "Access denied: '/../etc/passwd' is outside the workspace root");
    auto nul = failure_of([&] { run_task(b.read(std::string_view("/a\0b", 4))); });
    BOOST_TEST(nul.code == errc::invalid_argument);
    BOOST_TEST(nul.message == "Invalid path: contains a NUL byte");
}

BOOST_AUTO_TEST_CASE(read_bytes_of_a_missing_file_is_not_found)
{
    state_backend b;
    auto f = failure_of([&] { run_task(b.read_bytes("gone.txt")); });
    BOOST_TEST(f.code == errc::not_found);
    BOOST_TEST(f.message == "File 'gone.txt' not found");
}

BOOST_AUTO_TEST_CASE(a_read_over_the_ceiling_follows_the_ceiling_rules)
{
    state_backend b;
    run_task(b.write("/big.txt", std::string(300'000, 'a')));
    auto out = run_task(b.read("/big.txt"));
    BOOST_TEST(out.starts_with("     1\taaa"));
    BOOST_TEST(out.find("(truncated at 200,000 chars") != std::string::npos);
    auto f = failure_of([&] { run_task(b.read("/big.txt", {.limit = 1})); });
    BOOST_TEST(f.code == errc::too_large);
}

BOOST_AUTO_TEST_CASE(write_refuses_a_directory_and_a_path_below_a_file)
{
    auto b = sample();
    auto dir = failure_of([&] { run_task(b.write("/src", "x")); });
    BOOST_TEST(dir.code == errc::is_directory);
    BOOST_TEST(dir.message == "'/src' is a directory");
    auto root = failure_of([&] { run_task(b.write("/", "x")); });
    BOOST_TEST(root.code == errc::is_directory);
    auto below = failure_of([&] { run_task(b.write("src/main.py/inner.txt", "x")); });
    BOOST_TEST(below.code == errc::invalid_argument);
    BOOST_TEST(below.message ==
               "Cannot write 'src/main.py/inner.txt': '/src/main.py' is a file, not a directory");
    auto escape = failure_of([&] { run_task(b.write("../x", "x")); });
    BOOST_TEST(escape.code == errc::escapes_root);
    BOOST_TEST(b.snapshot() == sample().snapshot());
}

BOOST_AUTO_TEST_CASE(edit_replaces_and_reports_the_normalised_path)
{
    auto b = sample();
    auto r = run_task(b.edit("src/main.py", {.old_string = "needle = 1", .new_string = "pin = 1"}));
    BOOST_TEST(r.path == "/src/main.py");
    BOOST_TEST(r.occurrences == 1u);
    BOOST_TEST(run_task(b.read_bytes("/src/main.py")) == "import os\npin = 1\n");
}

BOOST_AUTO_TEST_CASE(edit_keeps_a_crlf_file_crlf)
{
    auto b = sample();
    run_task(b.edit("/src/util/helpers.py", {.old_string = "def needle():\n    return 2",
                                             .new_string = "def needle():\n    x = 2\n    return x"}));
    BOOST_TEST(run_task(b.read_bytes("/src/util/helpers.py")) ==
               "def needle():\r\n    x = 2\r\n    return x\r\n");
}

BOOST_AUTO_TEST_CASE(edit_errors)
{
    auto b = sample();
    auto missing = failure_of([&] { run_task(b.edit("nope.txt", {.old_string = "a", .new_string = "b"})); });
    BOOST_TEST(missing.code == errc::not_found);
    BOOST_TEST(missing.message == "File 'nope.txt' not found");
    auto absent =
        failure_of([&] { run_task(b.edit("/README.md", {.old_string = "zzz", .new_string = "b"})); });
    BOOST_TEST(absent.code == errc::no_match);
    BOOST_TEST(absent.message == "String 'zzz' not found in file");
    run_task(b.write("/twice.txt", "x x"));
    auto twice = failure_of([&] { run_task(b.edit("/twice.txt", {.old_string = "x", .new_string = "y"})); });
    BOOST_TEST(twice.code == errc::not_unique);
    BOOST_TEST(twice.message ==
               "String 'x' found 2 times. Use replace_all=True to replace all, or provide more context.");
    auto empty = failure_of([&] { run_task(b.edit("/README.md", {.old_string = "", .new_string = "b"})); });
    BOOST_TEST(empty.code == errc::invalid_argument);
    auto binary =
        failure_of([&] { run_task(b.edit("/img/logo.png", {.old_string = "PNG", .new_string = "b"})); });
    BOOST_TEST(binary.code == errc::is_binary);
    BOOST_TEST(binary.message == "'/img/logo.png' is a binary file and cannot be edited");
    BOOST_TEST(b.snapshot().at("/twice.txt") == "x x");
    auto all = run_task(b.edit("/twice.txt", {.old_string = "x", .new_string = "y", .replace_all = true}));
    BOOST_TEST(all.occurrences == 2u);
    BOOST_TEST(b.snapshot().at("/twice.txt") == "y y");
}

BOOST_AUTO_TEST_CASE(glob_matches_files_relative_to_the_path_sorted)
{
    auto b = sample();
    BOOST_TEST(paths_of(run_task(b.glob("**/*.py"))) == (strings{"/src/main.py", "/src/util/helpers.py"}));
    BOOST_TEST(paths_of(run_task(b.glob("*.md"))) == strings{"/README.md"});
    BOOST_TEST(paths_of(run_task(b.glob("./*.md"))) == strings{"/README.md"});
    BOOST_TEST(paths_of(run_task(b.glob("*.py", "/src"))) == strings{"/src/main.py"});
    BOOST_TEST(paths_of(run_task(b.glob("/util/*", "src"))) ==
               (strings{"/src/util/helpers.py", "/src/util/notes.txt"}));
    BOOST_TEST(paths_of(run_task(b.glob("**/*.{py,txt}", "/src/util"))) ==
               (strings{"/src/util/helpers.py", "/src/util/notes.txt"}));
    BOOST_TEST(run_task(b.glob("src", "/")).empty());  // directories are not listed
    BOOST_TEST(run_task(b.glob("**/*", "/missing")).empty());
    auto one = run_task(b.glob("README.md"));
    BOOST_REQUIRE(one.size() == 1u);
    BOOST_TEST(one[0].size.value_or(0) == 9u);
    BOOST_TEST(one[0].modified_at.has_value());
}

BOOST_AUTO_TEST_CASE(glob_skips_hidden_entries_unless_the_pattern_names_one)
{
    auto b = sample();
    BOOST_TEST(paths_of(run_task(b.glob("**/*"))) ==
               (strings{"/README.md", "/img/logo.png", "/src/main.py", "/src/util/helpers.py",
                        "/src/util/notes.txt"}));
    BOOST_TEST(paths_of(run_task(b.glob(".env"))) == strings{"/.env"});
    BOOST_TEST(paths_of(run_task(b.glob(".github/*.yml"))) == strings{"/.github/ci.yml"});
    BOOST_TEST(paths_of(run_task(b.glob("**/.cache/*.py"))) == strings{"/src/.cache/x.py"});
    BOOST_TEST(paths_of(run_task(b.glob("*.py", "/src/.cache"))) == strings{"/src/.cache/x.py"});
}

BOOST_AUTO_TEST_CASE(glob_errors)
{
    auto b = sample();
    BOOST_TEST(failure_of([&] { run_task(b.glob("*", "/..")); }).code == errc::escapes_root);
    BOOST_TEST(failure_of([&] { run_task(b.glob("{a,b")); }).code == errc::invalid_argument);
}

BOOST_AUTO_TEST_CASE(grep_finds_lines_sorted_by_path_then_line_skipping_hidden_and_binary)
{
    auto b = sample();
    run_task(b.write("/src/main.py", "needle\nno\nneedle again\n"));
    BOOST_TEST(hits_of(run_task(b.grep({.pattern = "needle"}))) ==
               (strings{"/README.md:1:# needle", "/src/main.py:1:needle", "/src/main.py:3:needle again",
                        "/src/util/helpers.py:1:def needle():"}));
}

BOOST_AUTO_TEST_CASE(grep_with_hidden_entries_included)
{
    auto b = sample();
    BOOST_TEST(hits_of(run_task(b.grep({.pattern = "needle", .ignore_hidden = false}))) ==
               (strings{"/.env:1:SECRET=needle", "/.github/ci.yml:1:run: needle", "/README.md:1:# needle",
                        "/src/.cache/x.py:1:needle", "/src/main.py:2:needle = 1",
                        "/src/util/helpers.py:1:def needle():"}));
}

BOOST_AUTO_TEST_CASE(grep_in_a_hidden_directory_named_outright_searches_it)
{
    auto b = sample();
    BOOST_TEST(hits_of(run_task(b.grep({.pattern = "needle", .path = "/.github"}))) ==
               strings{"/.github/ci.yml:1:run: needle"});
    BOOST_TEST(hits_of(run_task(b.grep({.pattern = "needle", .path = ".env"}))) ==
               strings{"/.env:1:SECRET=needle"});
}

BOOST_AUTO_TEST_CASE(grep_on_a_file_path_searches_just_that_file)
{
    auto b = sample();
    BOOST_TEST(hits_of(run_task(b.grep({.pattern = "return", .path = "src/util/helpers.py"}))) ==
               strings{"/src/util/helpers.py:2:    return 2"});
}

BOOST_AUTO_TEST_CASE(grep_glob_without_slash_matches_names_at_any_depth)
{
    auto b = sample();
    BOOST_TEST(hits_of(run_task(b.grep({.pattern = "needle", .glob = "*.py"}))) ==
               (strings{"/src/main.py:2:needle = 1", "/src/util/helpers.py:1:def needle():"}));
    BOOST_TEST(hits_of(run_task(b.grep({.pattern = "needle", .path = "/src", .glob = "util/*.py"}))) ==
               strings{"/src/util/helpers.py:1:def needle():"});
    BOOST_TEST(run_task(b.grep({.pattern = "needle", .glob = "util/*.py"})).empty());  // relative to the path
}

BOOST_AUTO_TEST_CASE(grep_ignore_case)
{
    auto b = sample();
    BOOST_TEST(hits_of(run_task(b.grep({.pattern = "needle in", .path = "/src", .ignore_case = true}))) ==
               strings{"/src/util/notes.txt:1:Needle in caps"});
    BOOST_TEST(run_task(b.grep({.pattern = "needle in", .path = "/src"})).empty());
}

BOOST_AUTO_TEST_CASE(grep_errors)
{
    auto b = sample();
    auto missing = failure_of([&] { run_task(b.grep({.pattern = "x", .path = "nope/dir"})); });
    BOOST_TEST(missing.code == errc::not_found);
    BOOST_TEST(missing.message == "Path 'nope/dir' not found");
    auto regex = failure_of([&] { run_task(b.grep({.pattern = "(unclosed"})); });
    BOOST_TEST(regex.code == errc::invalid_argument);
    BOOST_TEST(regex.message.starts_with("Invalid regex pattern: "));
    auto escape = failure_of([&] { run_task(b.grep({.pattern = "x", .path = "/src/../../"})); });
    BOOST_TEST(escape.code == errc::escapes_root);
    BOOST_TEST(run_task(state_backend().grep({.pattern = "x"})).empty());  // an empty root is no error
}

BOOST_AUTO_TEST_CASE(arguments_may_be_temporaries_when_the_task_runs_later)
{
    state_backend b;
    auto write = b.write(std::string("/later.txt"), std::string("needle here"));
    auto edit = b.edit(std::string("later.txt"), {.old_string = std::string("here"), .new_string = "there"});
    auto read = b.read(std::string("/later.txt"));
    auto glob = b.glob(std::string("*.txt"), std::string("/"));
    BOOST_TEST(!run_task(b.exists("/later.txt")));  // nothing ran yet: tasks are lazy
    run_task(std::move(write));
    run_task(std::move(edit));
    BOOST_TEST(run_task(std::move(read)) == "     1\tneedle there");
    BOOST_TEST(paths_of(run_task(std::move(glob))) == strings{"/later.txt"});
}

BOOST_AUTO_TEST_CASE(hashline_edit_works_on_the_state_backend)
{
    state_backend b;
    run_task(b.write("/f.txt", "a\r\nb\r\n"));
    BOOST_TEST(run_task(read_hashline(b, "f.txt")) == "1:0c|a\n2:92|b");
    auto r =
        run_task(hashline_edit(b, "f.txt", {.start_line = 2, .start_hash = "92", .new_content = "B\nC"}));
    BOOST_TEST(r.path == "/f.txt");
    BOOST_TEST(r.summary == "Replaced 1 line(s) with 2 line(s) at line 2");
    BOOST_TEST(b.snapshot().at("/f.txt") == "a\r\nB\r\nC\r\n");
    run_task(b.write("/empty.txt", ""));
    BOOST_TEST(run_task(read_hashline(b, "/empty.txt")) == "(empty file)");
}

BOOST_AUTO_TEST_CASE(a_hundred_coroutines_on_four_threads_write_read_and_edit_safely)
{
    state_backend b;
    run_task(b.write("/shared.txt", "[end]"));
    asio::io_context io(4);
    std::atomic<int> done{0};
    std::atomic<int> failures{0};
    for (int i = 0; i < 100; ++i)
    {
        asio::co_spawn(
            io,
            [&b, i]() -> task<void> {
                auto ex = co_await asio::this_coro::executor;
                const auto path = "/c/" + std::to_string(i % 10) + "/" + std::to_string(i) + ".txt";
                const auto body = "value " + std::to_string(i) + "\n";
                for (int round = 0; round < 5; ++round)
                {
                    co_await b.write(path, body);
                    co_await asio::post(ex, asio::use_awaitable);
                    if (co_await b.read_bytes(path) != body)
                        throw std::runtime_error("read back something else");
                    co_await b.ls("/c");
                    co_await b.grep({.pattern = "value", .path = "/c"});
                    co_await b.glob("**/*.txt");
                    co_await asio::post(ex, asio::use_awaitable);
                }
                co_await b.edit("/shared.txt",
                                {.old_string = "[end]", .new_string = std::to_string(i) + ",[end]"});
            },
            [&](std::exception_ptr e) { ++(e ? failures : done); });
    }
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&io] { io.run(); });
    for (auto& t : threads)
        t.join();

    BOOST_TEST(done == 100);
    BOOST_TEST(failures == 0);
    auto files = b.snapshot();
    BOOST_TEST(files.size() == 101u);
    BOOST_TEST(files.at("/c/7/17.txt") == "value 17\n");
    const auto& shared = files.at("/shared.txt");
    for (int i = 0; i < 100; ++i)
        BOOST_TEST(shared.find(std::to_string(i) + ",") != std::string::npos, i);
    BOOST_TEST(std::count(shared.begin(), shared.end(), ',') == 100);
    BOOST_TEST(run_task(b.grep({.pattern = "^value", .path = "/c"})).size() == 100u);
}

BOOST_AUTO_TEST_SUITE_END()
