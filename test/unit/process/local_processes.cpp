// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/local_processes.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "common/temp_dir.hpp"
#include "process_probe.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <string>

#include <fcntl.h>
#include <signal.h>

// Sanitizers reserve shadow memory and quarantine freed blocks: resident-set figures mean nothing there.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define AGENT_BACKENDS_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define AGENT_BACKENDS_TEST_SANITIZED 1
#endif
#endif
#ifndef AGENT_BACKENDS_TEST_SANITIZED
#define AGENT_BACKENDS_TEST_SANITIZED 0
#endif

using namespace agent_backends;
using namespace std::chrono_literals;
using agent_backends::test::run_task;
namespace asio = boost::asio;

using agent_backends::test::error_of;

namespace {

struct workspace
{
    test::temp_dir dir;
    local_processes processes{dir.str()};

    execute_response run(std::string command, execute_options opts = {})
    {
        return run_task(processes.execute(command, std::move(opts)));
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(local_processes_execute)

BOOST_AUTO_TEST_CASE(execute_returns_output_and_exit_code)
{
    workspace w;
    auto r = w.run("echo hello");
    BOOST_TEST(r.output == "hello\n");
    BOOST_TEST(r.exit_code.value_or(-1) == 0);
    BOOST_TEST(!r.truncated);
    BOOST_TEST(w.run("echo failing; exit 3").exit_code.value_or(-1) == 3);
}

BOOST_AUTO_TEST_CASE(stdout_and_stderr_interleave_in_arrival_order)
{
    workspace w;
    auto r = w.run("echo out1; echo err1 >&2; echo out2; echo err2 >&2");
    BOOST_TEST(r.output == "out1\nerr1\nout2\nerr2\n");
}

BOOST_AUTO_TEST_CASE(commands_run_in_the_objects_directory_unless_told_otherwise)
{
    workspace w;
    std::filesystem::create_directory(w.dir.path() / "sub");
    auto here = std::filesystem::canonical(w.dir.path()).string();
    BOOST_TEST(w.run("pwd -P").output == here + "\n");
    BOOST_TEST(w.run("pwd -P", {.working_dir = here + "/sub"}).output == here + "/sub\n");
}

BOOST_AUTO_TEST_CASE(environment_additions_are_seen_and_replace_inherited_values)
{
    workspace w;
    ::setenv("AGENT_BACKENDS_TEST_INHERITED", "old", 1);
    auto r = w.run("echo \"$FOO|$AGENT_BACKENDS_TEST_INHERITED|${PATH:+path}\"",
                   {.env = {{"FOO", "bar baz"}, {"AGENT_BACKENDS_TEST_INHERITED", "new"}}});
    BOOST_TEST(r.output == "bar baz|new|path\n");
    ::unsetenv("AGENT_BACKENDS_TEST_INHERITED");
}

BOOST_AUTO_TEST_CASE(commands_inherit_no_descriptor_of_ours_beyond_stdio)
{
    workspace w;
    int leaked = ::open("/dev/null", O_RDONLY);  // no O_CLOEXEC on purpose
    BOOST_REQUIRE(leaked > 2);
    auto r = w.run("ls /proc/$$/fd");
    ::close(leaked);
    BOOST_TEST(r.output == "0\n1\n2\n");
}

BOOST_AUTO_TEST_CASE(stdin_is_empty_unless_text_is_given)
{
    workspace w;
    BOOST_TEST(w.run("cat").output == "");
    BOOST_TEST(w.run("cat", {.stdin_text = "line 1\nline 2\n"}).output == "line 1\nline 2\n");
    // Larger than any pipe buffer, and a reader that ignores it does not block anything.
    std::string big(3 << 20, 'x');
    BOOST_TEST(w.run("wc -c", {.stdin_text = big}).output == std::to_string(big.size()) + "\n");
    BOOST_TEST(w.run("echo ignored", {.stdin_text = big}).output == "ignored\n");
}

BOOST_AUTO_TEST_CASE(a_command_killed_by_a_signal_reports_128_plus_n_and_a_last_line)
{
    workspace w;
    auto r = w.run("echo before; kill -9 $$");
    BOOST_TEST(r.exit_code.value_or(-1) == 137);
    BOOST_TEST(r.output == "before\nKilled by signal 9 (SIGKILL)");
    auto segv = w.run("kill -SEGV $$");
    BOOST_TEST(segv.exit_code.value_or(-1) == 139);
    BOOST_TEST(segv.output == "Killed by signal 11 (SIGSEGV)");
}

BOOST_AUTO_TEST_CASE(timeout_returns_output_so_far_and_exit_code_124)
{
    workspace w;
    auto before = std::chrono::steady_clock::now();
    auto r = w.run("echo start; sleep 1000", {.timeout = 300ms});
    auto took = std::chrono::steady_clock::now() - before;
    BOOST_TEST(r.output == "start\nError: Command timed out after 0.3 s");
    BOOST_TEST(r.exit_code.value_or(-1) == 124);
    BOOST_TEST(took >= 300ms);
    BOOST_TEST(took < 3s);
    BOOST_TEST(test::children_of_self().empty());
}

BOOST_AUTO_TEST_CASE(output_past_the_cap_keeps_head_and_tail)
{
    workspace w;
    auto r = w.run("printf 'HEAD'; head -c 300000 /dev/zero | tr '\\0' a; printf 'TAIL'",
                   {.max_output_bytes = 1000});
    BOOST_TEST(r.truncated);
    BOOST_TEST(r.exit_code.value_or(-1) == 0);
    std::string expected = "HEAD" + std::string(496, 'a') + "\n... [299008 bytes omitted] ...\n" +
                           std::string(496, 'a') + "TAIL";
    BOOST_TEST(r.output == expected);
    auto exact = w.run("head -c 1000 /dev/zero | tr '\\0' b", {.max_output_bytes = 1000});
    BOOST_TEST(!exact.truncated);
    BOOST_TEST(exact.output == std::string(1000, 'b'));
}

BOOST_AUTO_TEST_CASE(two_gigabytes_of_output_are_drained_in_bounded_memory)
{
    workspace w;
    auto r = w.run("head -c 2G /dev/zero | tr '\\0' a; echo; echo end");
    BOOST_TEST(r.exit_code.value_or(-1) == 0);
    BOOST_TEST(r.truncated);
    BOOST_TEST(r.output.size() < 100'100u);
    BOOST_TEST(r.output.substr(r.output.size() - 4) == "end\n");
    if (AGENT_BACKENDS_TEST_SANITIZED)
    {
        BOOST_TEST_MESSAGE("resident-set bound not checked: sanitizer shadow memory and quarantine dominate it");
        return;
    }
    auto peak_kb = test::status_kb("VmHWM");
    BOOST_TEST_MESSAGE("peak resident set after 2 GB of output: " << peak_kb << " kB");
    BOOST_TEST(peak_kb > 0);
    BOOST_TEST(peak_kb < 64 * 1024);
}

BOOST_AUTO_TEST_CASE(a_process_left_behind_holding_the_pipe_does_not_hold_the_command)
{
    workspace w;
    auto before = std::chrono::steady_clock::now();
    auto r = w.run("sleep 1000 & echo $$; echo done", {.timeout = 20s});
    auto took = std::chrono::steady_clock::now() - before;
    BOOST_TEST(r.exit_code.value_or(-1) == 0);
    BOOST_TEST(took < 5s);
    auto pgid = std::stoi(r.output);
    BOOST_TEST(r.output.substr(r.output.find('\n') + 1) == "done\n");
    ::kill(-pgid, SIGKILL);  // what a shell leaves running after it exits is the command's business
    BOOST_TEST(test::group_ends_within(pgid));
}

BOOST_AUTO_TEST_CASE(a_missing_working_directory_is_an_invalid_argument)
{
    workspace w;
    std::string message;
    auto code = error_of([&] { w.run("true", {.working_dir = "/nonexistent/dir"}); }, &message);
    BOOST_TEST(code == errc::invalid_argument);
    BOOST_TEST(message == "Cannot run the command: working directory '/nonexistent/dir' does not exist");
    w.dir.write("file", "x");
    code = error_of([&] { w.run("true", {.working_dir = w.dir.str() + "/file"}); }, &message);
    BOOST_TEST(code == errc::invalid_argument);
    BOOST_TEST(message.find("is not a directory") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(nul_bytes_and_bad_variable_names_are_refused)
{
    workspace w;
    BOOST_TEST(error_of([&] { w.run(std::string("echo a\0b", 8)); }) == errc::invalid_argument);
    BOOST_TEST(error_of([&] { w.run("true", {.env = {{"A=B", "x"}}}); }) == errc::invalid_argument);
    BOOST_TEST(error_of([&] { w.run("true", {.env = {{"", "x"}}}); }) == errc::invalid_argument);
}

BOOST_AUTO_TEST_CASE(two_hundred_commands_at_once_on_one_thread_all_complete_correctly)
{
    workspace w;
    asio::io_context io;
    int correct = 0;
    int finished = 0;
    for (int i = 0; i < 200; ++i)
    {
        asio::co_spawn(
            io, w.processes.execute("echo " + std::to_string(i) + "; echo err" + std::to_string(i) + " >&2"),
            [&, i](std::exception_ptr e, execute_response r) {
                ++finished;
                auto n = std::to_string(i);
                correct += !e && r.exit_code.value_or(-1) == 0 && r.output == n + "\nerr" + n + "\n";
            });
    }
    io.run();
    BOOST_TEST(finished == 200);
    BOOST_TEST(correct == 200);
    BOOST_TEST(test::children_of_self().empty());
}

BOOST_AUTO_TEST_SUITE_END()
