// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/docker_sandbox.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "docker_sandbox_fixture.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

using namespace agent_backends;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace utf = boost::unit_test;

namespace {

struct execute_tag
{};
using fixture = test::shared_sandbox<execute_tag>;

/// The command lines of the container's processes, one per line.
std::string process_list(fixture& f)
{
    return f.run(f.box().execute("ps -o args")).output;
}

/// Waits (at most 5 s) until no process of the container shows `needle` in its command line: a process
/// killed a moment ago may linger until the container's init has reaped it.
bool gone_soon(fixture& f, const std::string& needle)
{
    auto deadline = std::chrono::steady_clock::now() + 5s;
    while (process_list(f).find(needle) != std::string::npos)
    {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
    }
    return true;
}

/// Runs `command`, cancelling it after `after`; returns what it ended with and how long it took.
struct cancelled_run
{
    std::exception_ptr failure;
    std::chrono::steady_clock::duration took{};
};

task<cancelled_run> run_and_cancel(docker_sandbox& box, std::string command, std::chrono::milliseconds after)
{
    auto ex = co_await asio::this_coro::executor;
    asio::cancellation_signal signal;
    asio::steady_timer finished(ex, std::chrono::steady_clock::time_point::max());
    cancelled_run outcome;
    bool done = false;
    asio::co_spawn(ex, box.execute(command, {.kill_grace = 1s}),
                   asio::bind_cancellation_slot(signal.slot(), [&](std::exception_ptr e, execute_response) {
                       outcome.failure = e;
                       done = true;
                       finished.cancel();
                   }));
    asio::steady_timer timer(ex, after);
    co_await timer.async_wait(asio::use_awaitable);
    auto start = std::chrono::steady_clock::now();
    signal.emit(asio::cancellation_type::terminal);
    while (!done)
    {
        boost::system::error_code ec;
        co_await finished.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    outcome.took = std::chrono::steady_clock::now() - start;
    co_return outcome;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(docker_sandbox_execute, *utf::fixture<fixture>())

BOOST_AUTO_TEST_CASE(execute_returns_output_and_exit_code)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto r = f->run(f->box().execute("echo hello; exit 3"));
    BOOST_TEST(r.output == "hello\n");
    BOOST_TEST(r.exit_code.value_or(-1) == 3);
    BOOST_TEST(!r.truncated);
}

BOOST_AUTO_TEST_CASE(execute_interleaves_stdout_and_stderr_in_arrival_order)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto r = f->run(f->box().execute("echo one; sleep 0.3; echo two >&2; sleep 0.3; echo three"));
    BOOST_TEST(r.output == "one\ntwo\nthree\n");
    BOOST_TEST(r.exit_code.value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(execute_starts_in_the_work_dir)
{
    auto* f = fixture::get();
    if (!f)
        return;
    BOOST_TEST(f->run(f->box().execute("pwd")).output == "/workspace\n");
}

BOOST_AUTO_TEST_CASE(execute_honours_working_dir_and_environment)
{
    auto* f = fixture::get();
    if (!f)
        return;
    f->run(f->box().execute("mkdir -p /workspace/sub"));
    auto r = f->run(f->box().execute("pwd; echo \"$GREETING\"",
                                     {.working_dir = "sub", .env = {{"GREETING", "hi 'there'"}}}));
    BOOST_TEST(r.output == "/workspace/sub\nhi 'there'\n");
    auto absolute = f->run(f->box().execute("pwd", {.working_dir = "/tmp"}));
    BOOST_TEST(absolute.output == "/tmp\n");
}

BOOST_AUTO_TEST_CASE(execute_refuses_a_missing_working_dir)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto failure =
        test::failure_of([&] { f->run(f->box().execute("pwd", {.working_dir = "/no/such/dir"})); });
    BOOST_TEST(failure.code == errc::invalid_argument);
    BOOST_TEST(failure.message == "Cannot run the command: working directory '/no/such/dir' does not exist");
}

BOOST_AUTO_TEST_CASE(execute_refuses_bad_environment_names_and_nul_bytes)
{
    auto* f = fixture::get();
    if (!f)
        return;
    BOOST_TEST(test::error_of([&] {
                   f->run(f->box().execute("true", {.env = {{"A=B", "x"}}}));
               }) == errc::invalid_argument);
    BOOST_TEST(test::error_of([&] { f->run(f->box().execute(std::string("echo a\0b", 8))); }) ==
               errc::invalid_argument);
}

BOOST_AUTO_TEST_CASE(execute_feeds_stdin_text_and_closes_it)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto r = f->run(f->box().execute("cat; echo end", {.stdin_text = "line1\nline2\n"}));
    BOOST_TEST(r.output == "line1\nline2\nend\n");
    const std::string big(300'000, 'x');
    auto counted = f->run(f->box().execute("wc -c", {.stdin_text = big}));
    BOOST_TEST(counted.output.find("300000") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(execute_ends_when_the_command_leaves_its_input_unread)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto r =
        f->run(f->box().execute("echo quick", {.timeout = 20s, .stdin_text = std::string(4 << 20, 'x')}));
    // Podman may add a line of its own about the input it could no longer deliver.
    BOOST_TEST(r.output.starts_with("quick\n"));
    BOOST_TEST(r.exit_code.value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(commands_run_concurrently_on_one_sandbox)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto& box = f->box();
    // The first waits for what only the second does: they can both finish only side by side.
    auto both = [&]() -> task<std::pair<execute_response, execute_response>> {
        using namespace boost::asio::experimental::awaitable_operators;
        auto [a, b] = co_await (
            box.execute("while [ ! -e /tmp/go-ahead ]; do sleep 0.05; done; echo a", {.timeout = 30s}) &&
            box.execute("touch /tmp/go-ahead; echo b"));
        co_return std::pair{a, b};
    };
    auto [a, b] = f->run(both());
    BOOST_TEST(a.output == "a\n");
    BOOST_TEST(a.exit_code.value_or(-1) == 0);
    BOOST_TEST(b.output == "b\n");
}

BOOST_AUTO_TEST_CASE(execute_without_stdin_text_reads_end_of_file)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto r = f->run(f->box().execute("cat; echo done", {.timeout = 20s}));
    BOOST_TEST(r.output == "done\n");
}

BOOST_AUTO_TEST_CASE(execute_keeps_head_and_tail_of_long_output)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto r = f->run(f->box().execute("echo START; head -c 200000 /dev/zero | tr '\\0' a; echo; echo END",
                                     {.max_output_bytes = 1000}));
    BOOST_TEST(r.truncated);
    BOOST_TEST(r.output.starts_with("START\n"));
    BOOST_TEST(r.output.ends_with("END\n"));
    BOOST_TEST(r.output.find("bytes omitted] ...") != std::string::npos);
    BOOST_TEST(r.output.size() < 1100u);
}

BOOST_AUTO_TEST_CASE(execute_reports_a_death_by_signal_as_128_plus_n)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto r = f->run(f->box().execute("echo before; kill -9 $$"));
    BOOST_TEST(r.exit_code.value_or(-1) == 137);
    BOOST_TEST(r.output == "before\n");  // nothing added by the wrapper the command runs in
}

BOOST_AUTO_TEST_CASE(timeout_kills_the_whole_process_group_and_reports_124)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto start = std::chrono::steady_clock::now();
    auto r = f->run(f->box().execute("echo begun; sleep 317 & sleep 318; echo never", {.timeout = 1s}));
    auto took = std::chrono::steady_clock::now() - start;
    BOOST_TEST(r.exit_code.value_or(-1) == 124);
    // Busybox's shell reports its own child killed by SIGTERM ("Terminated"); what matters is around it.
    BOOST_TEST(r.output.starts_with("begun\n"));
    BOOST_TEST(r.output.ends_with("\nError: Command timed out after 1 s"));
    BOOST_TEST(r.output.find("never") == std::string::npos);
    BOOST_TEST(took < 10s);
    BOOST_TEST(gone_soon(*f, "sleep 317"));
    BOOST_TEST(gone_soon(*f, "sleep 318"));
}

BOOST_AUTO_TEST_CASE(timeout_kills_with_sigkill_what_ignores_sigterm)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto r = f->run(f->box().execute("trap '' TERM; sleep 319 & wait", {.timeout = 1s, .kill_grace = 500ms}));
    BOOST_TEST(r.exit_code.value_or(-1) == 124);
    BOOST_TEST(gone_soon(*f, "sleep 319"));
}

BOOST_AUTO_TEST_CASE(cancellation_kills_the_process_group_then_throws_operation_aborted)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto outcome = f->run(run_and_cancel(f->box(), "sleep 320 & sleep 321", 1500ms));
    BOOST_REQUIRE(outcome.failure);
    try
    {
        std::rethrow_exception(outcome.failure);
    }
    catch (const boost::system::system_error& e)
    {
        BOOST_TEST(e.code() == asio::error::operation_aborted);
    }
    BOOST_TEST(outcome.took < 10s);
    // The kill ran before the cancellation was reported: nothing is left to wait for.
    auto left = process_list(*f);
    BOOST_TEST(left.find("sleep 320") == std::string::npos);
    BOOST_TEST(left.find("sleep 321") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(execute_updates_last_activity)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto before = std::chrono::steady_clock::now();
    f->run(f->box().execute("true"));
    BOOST_REQUIRE(f->box().last_activity().has_value());
    BOOST_TEST((*f->box().last_activity() >= before));
}

BOOST_AUTO_TEST_SUITE_END()
