// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/daytona_sandbox.hpp>

#include "common/run_task.hpp"
#include "daytona_test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

namespace asio = boost::asio;
using namespace agent_backends;
using namespace agent_backends::test;

namespace {

/// The code and message an operation fails with.
template <class Op>
task<failure> failure_in(Op op)
{
    try
    {
        co_await op();
    }
    catch (const error& e)
    {
        co_return failure{e.condition(), e.what()};
    }
    BOOST_ERROR("expected an error");
    co_return failure{};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(daytona_sandbox_files_tests)

BOOST_AUTO_TEST_CASE(write_then_read_renders_numbered_lines_and_bytes_round_trip)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        auto written = co_await box.write("src/app.py", "a = 1\nb = 2\n");
        BOOST_TEST(written.path == "/home/daytona/src/app.py");
        BOOST_TEST(co_await box.read("src/app.py") == "     1\ta = 1\n     2\tb = 2");
        BOOST_TEST(co_await box.read("/home/daytona/src/app.py", {.offset = 1, .limit = 1}) ==
                   "     2\tb = 2");
        std::ifstream in(fake.host_path(box.remote_id(), "/home/daytona/src/app.py"));
        std::string stored((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        BOOST_TEST(stored == "a = 1\nb = 2\n");

        std::string binary;
        for (int i = 0; i < 256; ++i)
            binary.push_back(static_cast<char>(i));
        co_await box.write("/data/blob.bin", binary);
        BOOST_TEST(co_await box.read_bytes("/data/blob.bin") == binary);
        auto as_text = co_await failure_in([&]() { return box.read("/data/blob.bin"); });
        BOOST_TEST(as_text.code == errc::is_binary);
        BOOST_TEST(as_text.message == "'/data/blob.bin' is a binary file (256 bytes)");
        co_await box.write("empty.txt", "");
        BOOST_TEST(co_await box.read("empty.txt") == "(empty file)");
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(missing_files_and_directories_fail_with_the_shared_texts)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        auto missing = co_await failure_in([&]() { return box.read("nope.txt"); });
        BOOST_TEST(missing.code == errc::not_found);
        BOOST_TEST(missing.message == "File 'nope.txt' not found");
        BOOST_TEST((co_await failure_in([&]() { return box.read_bytes("/nope"); })).code == errc::not_found);
        co_await box.write("dir/f.txt", "x");
        auto dir = co_await failure_in([&]() { return box.read("dir"); });
        BOOST_TEST(dir.code == errc::is_directory);
        BOOST_TEST(dir.message == "'dir' is a directory");
        auto write_dir = co_await failure_in([&]() { return box.write("dir", "x"); });
        BOOST_TEST(write_dir.code == errc::is_directory);
        auto nul = co_await failure_in([&]() { return box.read(std::string("a\0b", 3)); });
        BOOST_TEST(nul.code == errc::invalid_argument);
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(reads_over_the_limit_are_refused_before_downloading)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor,
                            daytona_options(fake, {.max_read_bytes = 10}));
        co_await box.write("big.txt", "0123456789A");
        auto big = co_await failure_in([&]() { return box.read("big.txt"); });
        BOOST_TEST(big.code == errc::too_large);
        BOOST_TEST(big.message.starts_with("File is 11 bytes, over the 10-byte read limit."));
        BOOST_TEST(count_requests(fake, "GET", "/toolbox/*/files/download") == 0u);
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(edit_applies_the_shared_replace_rule_and_keeps_crlf)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        co_await box.write("a.txt", "one\r\ntwo\r\ntwo\r\n");
        auto not_unique = co_await failure_in([&]() { return box.edit("a.txt", {"two", "2"}); });
        BOOST_TEST(not_unique.code == errc::not_unique);
        auto no_match = co_await failure_in([&]() { return box.edit("a.txt", {"three", "3"}); });
        BOOST_TEST(no_match.code == errc::no_match);
        BOOST_TEST(no_match.message == "String 'three' not found in file");
        auto edited = co_await box.edit("a.txt", {"one\ntwo", "1\n2"});
        BOOST_TEST(edited.path == "/home/daytona/a.txt");
        BOOST_TEST(edited.occurrences == 1u);
        BOOST_TEST(co_await box.read_bytes("a.txt") == "1\r\n2\r\ntwo\r\n");
        auto all = co_await box.edit("a.txt", {"2", "two", true});
        BOOST_TEST(all.occurrences == 1u);
        auto missing = co_await failure_in([&]() { return box.edit("b.txt", {"x", "y"}); });
        BOOST_TEST(missing.message == "File 'b.txt' not found");
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(exists_is_true_only_for_regular_files)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        co_await box.write("d/f.txt", "x");
        BOOST_TEST(co_await box.exists("d/f.txt"));
        BOOST_TEST(co_await box.exists("/home/daytona/d/f.txt"));
        BOOST_TEST(!co_await box.exists("d"));
        BOOST_TEST(!co_await box.exists("nope"));
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(ls_lists_directories_first_with_sizes_and_times)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        co_await box.write("b.txt", "bb");
        co_await box.write("a.txt", "a");
        co_await box.write("zdir/x", "x");
        auto entries = co_await box.ls(".");
        BOOST_REQUIRE_EQUAL(entries.size(), 3u);
        BOOST_TEST(entries[0].name == "zdir");
        BOOST_TEST(entries[0].is_dir);
        BOOST_TEST(!entries[0].size);
        BOOST_TEST(entries[1].path == "/home/daytona/a.txt");
        BOOST_TEST(entries[2].size.value_or(0) == 2u);
        BOOST_REQUIRE(entries[2].modified_at);
        BOOST_TEST(entries[2].modified_at->ends_with("+00:00"));
        auto file = co_await box.ls("b.txt");
        BOOST_REQUIRE_EQUAL(file.size(), 1u);
        BOOST_TEST(file[0].path == "/home/daytona/b.txt");
        BOOST_TEST((co_await box.ls("missing")).empty());
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(glob_filters_the_toolbox_search_with_our_matcher)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        for (auto path : {"a.py", "src/b.py", "src/deep/c.py", "src/d.txt", ".hidden/e.py", "src/.f.py"})
            co_await box.write(path, "x");
        auto top = co_await box.glob("*.py");
        BOOST_REQUIRE_EQUAL(top.size(), 1u);
        BOOST_TEST(top[0].path == "/home/daytona/a.py");
        BOOST_TEST(!top[0].is_dir);
        auto all = co_await box.glob("**/*.py");
        std::vector<std::string> paths;
        for (const auto& f : all)
            paths.push_back(f.path);
        BOOST_TEST(paths == (std::vector<std::string>{"/home/daytona/a.py", "/home/daytona/src/b.py",
                                                      "/home/daytona/src/deep/c.py"}),
                   boost::test_tools::per_element());
        auto below = co_await box.glob("*.py", "src");
        BOOST_REQUIRE_EQUAL(below.size(), 1u);
        BOOST_TEST(below[0].path == "/home/daytona/src/b.py");
        auto prefixed = co_await box.glob("src/**/*.py");
        BOOST_TEST(prefixed.size() == 2u);
        auto hidden = co_await box.glob("**/.f.py");
        BOOST_REQUIRE_EQUAL(hidden.size(), 1u);  // a pattern naming hidden files finds them
        BOOST_TEST((co_await box.glob("*.py", "/nowhere")).empty());
        auto bad = co_await failure_in([&]() { return box.glob("{a,b"); });
        BOOST_TEST(bad.code == errc::invalid_argument);
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(grep_sends_a_literal_to_the_toolbox_and_checks_lines_with_re2)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        co_await box.write("a.py", "def main():\n    pass\ndef helper(x):\r\n");
        co_await box.write("src/b.py", "x = 1  # TODO fix\n");
        co_await box.write("src/c.txt", "TODO here too\n");
        co_await box.write(".hidden/d.py", "def hidden():\n");

        auto defs = co_await box.grep({.pattern = "def [a-z]+\\(x?\\)"});
        BOOST_REQUIRE_EQUAL(defs.size(), 2u);
        BOOST_TEST(defs[0] == (grep_match{"/home/daytona/a.py", 1, "def main():"}));
        BOOST_TEST(defs[1] == (grep_match{"/home/daytona/a.py", 3, "def helper(x):"}));  // no `\r`
        auto find = fake.exchanges();
        bool literal_sent = false;
        for (const auto& e : find)
            literal_sent = literal_sent || e.request.target.find("/files/find?") != std::string::npos;
        BOOST_TEST(literal_sent);

        auto todo = co_await box.grep({.pattern = "TODO", .glob = "*.py"});
        BOOST_REQUIRE_EQUAL(todo.size(), 1u);
        BOOST_TEST(todo[0].path == "/home/daytona/src/b.py");
        auto with_hidden = co_await box.grep({.pattern = "def ", .ignore_hidden = false});
        BOOST_TEST(with_hidden.size() == 3u);
        auto in_file = co_await box.grep({.pattern = "pass", .path = "a.py"});
        BOOST_REQUIRE_EQUAL(in_file.size(), 1u);
        BOOST_TEST(in_file[0].line_number == 2u);
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(grep_without_a_literal_or_ignoring_case_searches_fetched_files)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        co_await box.write("n.txt", "abc\nx42\nzz\n");
        co_await box.write("m.txt", "Hello\n");
        co_await box.write("bin.dat", std::string("9\0 9", 4));
        auto digits = co_await box.grep({.pattern = "\\d+"});
        BOOST_REQUIRE_EQUAL(digits.size(), 1u);
        BOOST_TEST(digits[0] == (grep_match{"/home/daytona/n.txt", 2, "x42"}));
        auto alternation = co_await box.grep({.pattern = "abc|zz"});
        BOOST_TEST(alternation.size() == 2u);
        auto folded = co_await box.grep({.pattern = "hello", .ignore_case = true});
        BOOST_REQUIRE_EQUAL(folded.size(), 1u);
        BOOST_TEST(folded[0].line == "Hello");
        BOOST_TEST(count_requests(fake, "GET", "/toolbox/*/files/find") == 0u);
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(grep_errors_bad_pattern_and_missing_path)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        auto bad = co_await failure_in([&]() { return box.grep({.pattern = "(unclosed"}); });
        BOOST_TEST(bad.code == errc::invalid_argument);
        BOOST_TEST(bad.message.starts_with("Invalid regex pattern: "));
        auto missing = co_await failure_in([&]() { return box.grep({.pattern = "x", .path = "nope"}); });
        BOOST_TEST(missing.code == errc::not_found);
        BOOST_TEST(missing.message == "Path 'nope' not found");
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_SUITE_END()
