// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/local_backend.hpp>

#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "common/temp_dir.hpp"
#include "local_test_support.hpp"

#include <boost/asio/thread_pool.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace agent_backends;
using agent_backends::test::failure_of;
using agent_backends::test::run_task;
using agent_backends::test::temp_dir;

namespace {

using strings = std::vector<std::string>;

struct workspace
{
    temp_dir ws;
    local_directory dir{{.root = ws.str()}};
};

strings paths_of(const std::vector<file_info>& entries)
{
    strings out;
    for (const auto& e : entries)
        out.push_back(e.path);
    return out;
}

strings hits_of(const std::vector<grep_match>& matches)
{
    strings out;
    for (const auto& m : matches)
        out.push_back(m.path + ":" + std::to_string(m.line_number) + ":" + m.line);
    return out;
}

mode_t mode_of(const fs::path& p)
{
    struct stat st = {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 07777;
}

/// Temporary files a write may have left (`.name.XXXX.tmp`) anywhere below `root`.
strings leftover_temporaries(const fs::path& root)
{
    strings out;
    for (const auto& e : fs::recursive_directory_iterator(root))
    {
        auto name = e.path().filename().string();
        if (name.starts_with('.') && name.ends_with(".tmp"))
            out.push_back(name);
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(local_directory_operations)

BOOST_AUTO_TEST_CASE(root_that_does_not_exist_is_created)
{
    temp_dir base;
    local_directory dir({.root = base.str() + "/new/nested/root"});
    BOOST_TEST(fs::is_directory(base.path() / "new/nested/root"));
    BOOST_TEST(dir.root() == fs::canonical(base.path() / "new/nested/root").string());
}

BOOST_AUTO_TEST_CASE(write_creates_parents_and_stores_bytes_exactly)
{
    workspace w;
    const std::string bytes("line 1\r\nline 2\r\n\0tail\r", 22);
    auto result = w.dir.write("/deep/er/file.txt", bytes);
    BOOST_TEST(result.path == "/deep/er/file.txt");
    BOOST_TEST(w.ws.read("deep/er/file.txt") == bytes);
    BOOST_TEST(w.dir.read_bytes("deep/er/file.txt") == bytes);
    BOOST_TEST(leftover_temporaries(w.ws.path()).empty());
}

BOOST_AUTO_TEST_CASE(write_result_names_the_normalised_virtual_path)
{
    workspace w;
    BOOST_TEST(w.dir.write("a/./b/../c.txt", "x").path == "/a/c.txt");
    BOOST_TEST(w.dir.write("./top.txt", "x").path == "/top.txt");
    BOOST_TEST(w.ws.read("a/c.txt") == "x");
}

BOOST_AUTO_TEST_CASE(absolute_path_names_a_file_below_the_root_not_a_host_file)
{
    workspace w;
    BOOST_TEST(w.dir.write("/etc/hostname", "inside").path == "/etc/hostname");
    BOOST_TEST(w.ws.read("etc/hostname") == "inside");
    BOOST_TEST(w.dir.read_bytes("/etc/hostname") == "inside");
    auto f = failure_of([&] { w.dir.read("/etc/passwd"); });
    BOOST_TEST(f.code == errc::not_found);
    BOOST_TEST(f.message == "File '/etc/passwd' not found");
}

BOOST_AUTO_TEST_CASE(write_keeps_the_mode_of_the_file_it_replaces)
{
    workspace w;
    w.ws.write("script.sh", "old");
    fs::permissions(w.ws.path() / "script.sh", fs::perms(0750));
    w.dir.write("/script.sh", "new");
    BOOST_TEST(w.ws.read("script.sh") == "new");
    BOOST_TEST(mode_of(w.ws.path() / "script.sh") == 0750u);
}

BOOST_AUTO_TEST_CASE(new_file_gets_the_default_mode_less_the_umask)
{
    workspace w;
    const mode_t mask = ::umask(022);
    ::umask(mask);
    w.dir.write("/fresh.txt", "x");
    BOOST_TEST(mode_of(w.ws.path() / "fresh.txt") == (0666u & ~mask));
}

BOOST_AUTO_TEST_CASE(write_over_a_directory_fails_is_directory)
{
    workspace w;
    w.ws.write("sub/a.txt", "x");
    auto f = failure_of([&] { w.dir.write("/sub", "x"); });
    BOOST_TEST(f.code == errc::is_directory);
    BOOST_TEST(f.message == "'/sub' is a directory");
    BOOST_TEST(failure_of([&] { w.dir.write("/", "x"); }).code == errc::is_directory);
}

BOOST_AUTO_TEST_CASE(write_below_a_file_fails_with_a_clear_message)
{
    workspace w;
    w.ws.write("plain", "x");
    auto f = failure_of([&] { w.dir.write("/plain/child.txt", "x"); });
    BOOST_TEST(f.code == errc::invalid_argument);
    BOOST_TEST(f.message == "Cannot write '/plain/child.txt': a directory on its path is a file");
}

BOOST_AUTO_TEST_CASE(read_numbers_lines_and_honours_offset_and_limit)
{
    workspace w;
    w.ws.write("a.txt", "one\ntwo\r\nthree\nfour\n");
    BOOST_TEST(w.dir.read("/a.txt") == "     1\tone\n     2\ttwo\n     3\tthree\n     4\tfour");
    BOOST_TEST(w.dir.read("a.txt", {.offset = 1, .limit = 2}) ==
               "     2\ttwo\n     3\tthree\n\n... (1 more lines)");
}

BOOST_AUTO_TEST_CASE(read_of_an_empty_file_says_so)
{
    workspace w;
    w.ws.write("empty.txt", "");
    BOOST_TEST(w.dir.read("/empty.txt") == "(empty file)");
}

BOOST_AUTO_TEST_CASE(read_offset_past_the_end_fails_invalid_argument)
{
    workspace w;
    w.ws.write("a.txt", "one\ntwo\n");
    auto f = failure_of([&] { w.dir.read("/a.txt", {.offset = 5}); });
    BOOST_TEST(f.code == errc::invalid_argument);
    BOOST_TEST(f.message == "Offset 5 exceeds file length (2 lines)");
}

BOOST_AUTO_TEST_CASE(read_of_a_missing_file_fails_not_found_naming_the_path_as_given)
{
    workspace w;
    auto f = failure_of([&] { w.dir.read("nope/../missing.txt"); });
    BOOST_TEST(f.code == errc::not_found);
    BOOST_TEST(f.message == "File 'nope/../missing.txt' not found");
    BOOST_TEST(failure_of([&] { w.dir.read_bytes("/missing.txt"); }).code == errc::not_found);
}

BOOST_AUTO_TEST_CASE(read_of_a_directory_fails_is_directory)
{
    workspace w;
    w.ws.write("sub/a.txt", "x");
    auto f = failure_of([&] { w.dir.read("/sub"); });
    BOOST_TEST(f.code == errc::is_directory);
    BOOST_TEST(f.message == "'/sub' is a directory");
    BOOST_TEST(failure_of([&] { w.dir.read_bytes("/"); }).code == errc::is_directory);
}

BOOST_AUTO_TEST_CASE(read_of_a_binary_file_fails_is_binary_with_its_size)
{
    workspace w;
    w.ws.write("img.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    auto f = failure_of([&] { w.dir.read("/img.png"); });
    BOOST_TEST(f.code == errc::is_binary);
    BOOST_TEST(f.message == "'/img.png' is a binary file (16 bytes)");
    BOOST_TEST(w.dir.read_bytes("/img.png").size() == 16u);  // bytes are still available whole
}

BOOST_AUTO_TEST_CASE(a_nul_past_the_first_8_kb_does_not_make_a_file_binary)
{
    workspace w;
    std::string text(9000, 'a');
    text[8500] = '\0';
    w.ws.write("late.txt", text);
    BOOST_TEST(w.dir.read("/late.txt").starts_with("     1\taaaa"));
}

BOOST_AUTO_TEST_CASE(read_bytes_refuses_files_over_the_limit)
{
    temp_dir ws;
    local_directory dir({.root = ws.str(), .max_file_bytes = 10});
    ws.write("small", "0123456789");
    ws.write("big", "0123456789A");
    BOOST_TEST(dir.read_bytes("/small") == "0123456789");
    auto f = failure_of([&] { dir.read_bytes("/big"); });
    BOOST_TEST(f.code == errc::too_large);
    BOOST_TEST(
        f.message ==
        "'/big' is too large to load whole (11 bytes, limit 10 bytes); read it in slices with offset and "
        "limit instead");
    BOOST_TEST(dir.read("/big") == "     1\t0123456789A");  // streamed reads have no such limit
    BOOST_TEST(failure_of([&] { dir.edit("/big", {"0", "1"}); }).code == errc::too_large);
}

BOOST_AUTO_TEST_CASE(edit_replaces_a_unique_occurrence)
{
    workspace w;
    w.ws.write("src/app.py", "def f():\n    return 1\n");
    auto r = w.dir.edit("src/app.py", {"return 1", "return 2"});
    BOOST_TEST(r.path == "/src/app.py");
    BOOST_TEST(r.occurrences == 1u);
    BOOST_TEST(w.ws.read("src/app.py") == "def f():\n    return 2\n");
    BOOST_TEST(leftover_temporaries(w.ws.path()).empty());
}

BOOST_AUTO_TEST_CASE(edit_replace_all_counts_occurrences)
{
    workspace w;
    w.ws.write("a.txt", "x x x");
    BOOST_TEST(w.dir.edit("/a.txt", {"x", "y", true}).occurrences == 3u);
    BOOST_TEST(w.ws.read("a.txt") == "y y y");
}

BOOST_AUTO_TEST_CASE(edit_keeps_crlf_line_endings)
{
    workspace w;
    w.ws.write("win.txt", "first\r\nsecond\r\nthird\r\n");
    w.dir.edit("/win.txt", {"first\nsecond", "one\ntwo\nmore"});
    BOOST_TEST(w.ws.read("win.txt") == "one\r\ntwo\r\nmore\r\nthird\r\n");
}

BOOST_AUTO_TEST_CASE(edit_keeps_the_file_mode)
{
    workspace w;
    w.ws.write("run.sh", "echo a\n");
    fs::permissions(w.ws.path() / "run.sh", fs::perms(0755));
    w.dir.edit("/run.sh", {"a", "b"});
    BOOST_TEST(mode_of(w.ws.path() / "run.sh") == 0755u);
}

BOOST_AUTO_TEST_CASE(edit_fails_not_found_when_the_file_is_missing)
{
    workspace w;
    auto f = failure_of([&] { w.dir.edit("/nope/missing.txt", {"a", "b"}); });
    BOOST_TEST(f.code == errc::not_found);
    BOOST_TEST(f.message == "File '/nope/missing.txt' not found");
    BOOST_TEST(!fs::exists(w.ws.path() / "nope"));  // an edit creates nothing
}

BOOST_AUTO_TEST_CASE(edit_fails_not_unique_when_old_string_repeats)
{
    workspace w;
    w.ws.write("a.txt", "dup dup");
    auto f = failure_of([&] { w.dir.edit("/a.txt", {"dup", "x"}); });
    BOOST_TEST(f.code == errc::not_unique);
    BOOST_TEST(w.ws.read("a.txt") == "dup dup");
    BOOST_TEST(failure_of([&] { w.dir.edit("/a.txt", {"absent", "x"}); }).code == errc::no_match);
    BOOST_TEST(failure_of([&] { w.dir.edit("/a.txt", {"", "x"}); }).code == errc::invalid_argument);
}

BOOST_AUTO_TEST_CASE(edit_refuses_binary_files_and_directories)
{
    workspace w;
    w.ws.write("bin.dat", std::string("ab\0cd", 5));
    w.ws.write("sub/x", "x");
    auto f = failure_of([&] { w.dir.edit("/bin.dat", {"ab", "x"}); });
    BOOST_TEST(f.code == errc::is_binary);
    BOOST_TEST(f.message == "'/bin.dat' is a binary file and cannot be edited");
    BOOST_TEST(failure_of([&] { w.dir.edit("/sub", {"a", "b"}); }).code == errc::is_directory);
}

BOOST_AUTO_TEST_CASE(exists_is_true_only_for_regular_files)
{
    workspace w;
    w.ws.write("sub/a.txt", "x");
    BOOST_TEST(w.dir.exists("/sub/a.txt"));
    BOOST_TEST(w.dir.exists("sub/./a.txt"));
    BOOST_TEST(!w.dir.exists("/sub"));
    BOOST_TEST(!w.dir.exists("/"));
    BOOST_TEST(!w.dir.exists("/missing"));
    BOOST_TEST(!w.dir.exists("/sub/a.txt/below"));
    BOOST_TEST(!w.dir.exists("../outside.txt"));
    BOOST_TEST(failure_of([&] { w.dir.exists(std::string_view("a\0b", 3)); }).code == errc::invalid_argument);
}

BOOST_AUTO_TEST_CASE(ls_lists_directories_first_then_by_name)
{
    workspace w;
    w.ws.write("b.txt", "12345");
    w.ws.write("a.txt", "1");
    w.ws.write("zdir/x", "x");
    w.ws.write("adir/y", "y");
    w.ws.write(".hidden", "h");
    auto entries = w.dir.ls("/");
    BOOST_TEST(paths_of(entries) == (strings{"/adir", "/zdir", "/.hidden", "/a.txt", "/b.txt"}),
               boost::test_tools::per_element());
    BOOST_REQUIRE(entries.size() == 5u);
    BOOST_TEST(entries[0].is_dir);
    BOOST_TEST(entries[0].name == "adir");
    BOOST_TEST(!entries[0].size.has_value());
    BOOST_TEST(!entries[4].is_dir);
    BOOST_TEST(entries[4].name == "b.txt");
    BOOST_TEST(entries[4].size.value_or(0) == 5u);
    const std::regex iso(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00)");
    for (const auto& e : entries)
    {
        BOOST_REQUIRE(e.modified_at.has_value());
        BOOST_TEST(std::regex_match(*e.modified_at, iso), *e.modified_at);
    }
}

BOOST_AUTO_TEST_CASE(ls_reports_children_of_a_subdirectory_with_virtual_paths)
{
    workspace w;
    w.ws.write("src/lib/a.c", "x");
    w.ws.write("src/main.c", "x");
    BOOST_TEST(paths_of(w.dir.ls("src/")) == (strings{"/src/lib", "/src/main.c"}),
               boost::test_tools::per_element());
    BOOST_TEST(paths_of(w.dir.ls("/src/lib/../lib")) == (strings{"/src/lib/a.c"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ls_of_a_missing_directory_is_empty_and_of_a_file_is_that_file)
{
    workspace w;
    w.ws.write("f.txt", "abc");
    BOOST_TEST(w.dir.ls("/missing").empty());
    BOOST_TEST(w.dir.ls("/f.txt/below").empty());
    auto one = w.dir.ls("/f.txt");
    BOOST_REQUIRE(one.size() == 1u);
    BOOST_TEST(one[0].path == "/f.txt");
    BOOST_TEST(one[0].name == "f.txt");
    BOOST_TEST(one[0].size.value_or(0) == 3u);
}

BOOST_AUTO_TEST_CASE(glob_finds_files_below_the_path_with_virtual_paths)
{
    workspace w;
    w.ws.write("src/a.py", "x");
    w.ws.write("src/pkg/b.py", "xy");
    w.ws.write("src/pkg/c.txt", "x");
    w.ws.write("top.py", "x");
    BOOST_TEST(paths_of(w.dir.glob("**/*.py")) == (strings{"/src/a.py", "/src/pkg/b.py", "/top.py"}),
               boost::test_tools::per_element());
    auto below = w.dir.glob("**/*.py", "/src");
    BOOST_TEST(paths_of(below) == (strings{"/src/a.py", "/src/pkg/b.py"}), boost::test_tools::per_element());
    BOOST_REQUIRE(below.size() == 2u);
    BOOST_TEST(below[1].name == "b.py");
    BOOST_TEST(below[1].size.value_or(0) == 2u);
    BOOST_TEST(below[1].modified_at.has_value());
    BOOST_TEST(paths_of(w.dir.glob("/*.py", "src")) == (strings{"/src/a.py"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(glob_on_a_missing_path_is_empty)
{
    workspace w;
    BOOST_TEST(w.dir.glob("*", "/missing").empty());
}

BOOST_AUTO_TEST_CASE(grep_finds_lines_in_a_directory_sorted_by_path)
{
    workspace w;
    w.ws.write("b.txt", "needle two\nhay\n");
    w.ws.write("a/c.txt", "hay\r\nneedle one\r\n");
    w.ws.write("bin.dat", std::string("needle\0", 7));
    BOOST_TEST(hits_of(w.dir.grep({.pattern = "needle"})) ==
                   (strings{"/a/c.txt:2:needle one", "/b.txt:1:needle two"}),
               boost::test_tools::per_element());
    BOOST_TEST(hits_of(w.dir.grep({.pattern = "needle", .path = "/a"})) == (strings{"/a/c.txt:2:needle one"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(grep_on_a_file_path_searches_that_file)
{
    workspace w;
    w.ws.write("dir/f.txt", "one\nNeedle\nneedle\n");
    BOOST_TEST(hits_of(w.dir.grep({.pattern = "needle", .path = "dir/f.txt", .ignore_case = true})) ==
                   (strings{"/dir/f.txt:2:Needle", "/dir/f.txt:3:needle"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(grep_on_a_missing_path_fails_not_found)
{
    workspace w;
    auto f = failure_of([&] { w.dir.grep({.pattern = "x", .path = "/nope"}); });
    BOOST_TEST(f.code == errc::not_found);
    BOOST_TEST(f.message == "Path '/nope' not found");
}

BOOST_AUTO_TEST_CASE(grep_with_an_invalid_regex_fails_invalid_argument)
{
    workspace w;
    w.ws.write("a.txt", "x");
    auto f = failure_of([&] { w.dir.grep({.pattern = "(unclosed"}); });
    BOOST_TEST(f.code == errc::invalid_argument);
    BOOST_TEST(f.message.starts_with("Invalid regex pattern: "), f.message);
    BOOST_TEST(failure_of([&] { w.dir.grep({.pattern = "(a)\\1"}); }).code == errc::invalid_argument);
}

BOOST_AUTO_TEST_CASE(no_message_names_a_host_path)
{
    workspace w;
    w.ws.write("f.txt", "x");
    w.ws.write("sub/g.txt", "x");
    const auto host = w.dir.root();
    for (auto f : {failure_of([&] { w.dir.read("/missing"); }), failure_of([&] { w.dir.read("/sub"); }),
                   failure_of([&] { w.dir.write("/sub", "x"); }), failure_of([&] { w.dir.ls("/../x"); }),
                   failure_of([&] {
                       w.dir.edit("/f.txt", {"zz", "y"});
                   }),
                   failure_of([&] { w.dir.grep({.pattern = "x", .path = "/missing"}); })})
        BOOST_TEST(f.message.find(host) == std::string::npos, f.message);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(local_backend_sandbox)

BOOST_AUTO_TEST_CASE(operations_run_on_the_pool_and_return_virtual_paths)
{
    temp_dir ws;
    boost::asio::thread_pool pool(2);
    local_backend b(pool.get_executor(), {.root = ws.str(), .enable_execute = false});
    run_task([&]() -> task<void> {
        BOOST_TEST((co_await b.write("notes/a.md", "hello\nworld\n")).path == "/notes/a.md");
        BOOST_TEST(co_await b.exists("/notes/a.md"));
        BOOST_TEST(co_await b.read("/notes/a.md") == "     1\thello\n     2\tworld");
        BOOST_TEST(co_await b.read_bytes("/notes/a.md") == "hello\nworld\n");
        BOOST_TEST((co_await b.edit("/notes/a.md", {"world", "there"})).occurrences == 1u);
        BOOST_TEST(paths_of(co_await b.ls("/notes")) == (strings{"/notes/a.md"}),
                   boost::test_tools::per_element());
        BOOST_TEST(paths_of(co_await b.glob("**/*.md")) == (strings{"/notes/a.md"}),
                   boost::test_tools::per_element());
        BOOST_TEST(hits_of(co_await b.grep({.pattern = "there"})) == (strings{"/notes/a.md:2:there"}),
                   boost::test_tools::per_element());
    }());
    BOOST_TEST(ws.read("notes/a.md") == "hello\nthere\n");
    BOOST_TEST(b.root() == fs::canonical(ws.path()).string());
}

BOOST_AUTO_TEST_CASE(errors_come_through_the_async_interface)
{
    temp_dir ws;
    boost::asio::thread_pool pool(1);
    local_backend b(pool.get_executor(), {.root = ws.str(), .enable_execute = false});
    auto f = failure_of([&] { run_task(b.read("/../etc/passwd")); });
    BOOST_TEST(f.code == errc::escapes_root);
    BOOST_TEST(f.message == "Access denied: '/../etc/passwd' is outside the workspace root");
}

BOOST_AUTO_TEST_CASE(id_is_a_random_uuid_unless_given)
{
    temp_dir ws;
    boost::asio::thread_pool pool(1);
    local_backend a(pool.get_executor(), {.root = ws.str(), .enable_execute = false});
    local_backend b(pool.get_executor(), {.root = ws.str(), .enable_execute = false});
    local_backend named(pool.get_executor(),
                        {.root = ws.str(), .enable_execute = false, .sandbox_id = "box-1"});
    const std::regex v4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    BOOST_TEST(std::regex_match(std::string(a.id()), v4), a.id());
    BOOST_TEST(a.id() != b.id());
    BOOST_TEST(named.id() == "box-1");
}

BOOST_AUTO_TEST_CASE(execute_fails_not_supported_when_disabled)
{
    temp_dir ws;
    boost::asio::thread_pool pool(1);
    local_backend b(pool.get_executor(), {.root = ws.str(), .enable_execute = false});
    BOOST_TEST(!b.execute_enabled());
    auto task_made = b.execute("echo hi");  // creating the task does not fail; awaiting it does
    auto f = failure_of([&] { run_task(std::move(task_made)); });
    BOOST_TEST(f.code == errc::not_supported);
    BOOST_TEST(
        f.message ==
        "Shell execution is disabled for this backend. Construct it with enable_execute = true to enable.");
    BOOST_TEST(failure_of([&] { run_task(b.start_background("sleep 1")); }).code == errc::not_supported);
    run_task(b.start());
    run_task(b.stop());
}

BOOST_AUTO_TEST_CASE(execute_runs_commands_at_the_root)
{
    temp_dir ws;
    ws.write("marker.txt", "here");
    boost::asio::thread_pool pool(1);
    local_backend b(pool.get_executor(), {.root = ws.str()});
    BOOST_TEST(b.execute_enabled());
    auto r = run_task(b.execute("cat marker.txt && pwd"));
    BOOST_TEST(r.exit_code.value_or(-1) == 0);
    BOOST_TEST(r.output == "here" + b.root() + "\n");
    run_task(b.stop());
    run_task(b.stop());  // idempotent
}

BOOST_AUTO_TEST_SUITE_END()
