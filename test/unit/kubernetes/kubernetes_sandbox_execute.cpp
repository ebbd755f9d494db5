// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/kubernetes_sandbox.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "kubernetes_fixture.hpp"

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
using fixture = test::shared_pod<execute_tag>;

pid_t pid_in(const test::temp_dir& dir, std::string_view file)
{
    auto text = dir.read(file);
    return text.empty() ? 0 : static_cast<pid_t>(std::stol(text));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kubernetes_sandbox_execute, *utf::fixture<fixture>())

BOOST_AUTO_TEST_CASE(execute_returns_output_and_exit_code)
{
    auto& f = fixture::get();
    auto r = f.run(f.box().execute("echo hello; echo oops >&2; exit 3"));
    BOOST_TEST(r.output == "hello\noops\n");
    BOOST_TEST(r.exit_code.value_or(-1) == 3);
    BOOST_TEST(!r.truncated);
    BOOST_TEST(f.run(f.box().execute("true")).exit_code.value_or(-1) == 0);
    BOOST_TEST(f.box().exec_protocol() == "v5.channel.k8s.io");
}

BOOST_AUTO_TEST_CASE(execute_keeps_the_order_of_stdout_and_stderr)
{
    auto& f = fixture::get();
    auto r = f.run(f.box().execute("echo one; sleep 0.2; echo two >&2; sleep 0.2; echo three"));
    BOOST_TEST(r.output == "one\ntwo\nthree\n");
}

BOOST_AUTO_TEST_CASE(execute_starts_in_the_work_dir_and_honours_working_dir_and_environment)
{
    auto& f = fixture::get();
    BOOST_TEST(f.run(f.box().execute("pwd")).output == f.dir().str() + "\n");
    f.dir().write("sub/keep", "");
    auto r = f.run(
        f.box().execute("pwd; echo \"$GREETING\"; echo \"$SECOND\"",
                        {.working_dir = "sub", .env = {{"GREETING", "hi 'there' $HOME"}, {"SECOND", ""}}}));
    BOOST_TEST(r.output == f.dir().str() + "/sub\nhi 'there' $HOME\n\n");
}

BOOST_AUTO_TEST_CASE(execute_refuses_a_working_dir_that_is_missing_or_not_a_directory)
{
    auto& f = fixture::get();
    auto missing = test::failure_of([&] { f.run(f.box().execute("pwd", {.working_dir = "/no/such/dir"})); });
    BOOST_TEST(missing.code == errc::invalid_argument);
    BOOST_TEST(missing.message == "Cannot run the command: working directory '/no/such/dir' does not exist");
    f.dir().write("plain.txt", "x");
    auto file = test::failure_of([&] { f.run(f.box().execute("pwd", {.working_dir = "plain.txt"})); });
    BOOST_TEST(file.message == "Cannot run the command: working directory 'plain.txt' is not a directory");
    // A command of its own that exits 126 is a response.
    BOOST_TEST(f.run(f.box().execute("echo x >&2; exit 126")).exit_code.value_or(-1) == 126);
}

BOOST_AUTO_TEST_CASE(execute_refuses_bad_environment_names_and_nul_bytes)
{
    auto& f = fixture::get();
    BOOST_TEST(test::error_of([&] {
                   f.run(f.box().execute("true", {.env = {{"A=B", "x"}}}));
               }) == errc::invalid_argument);
    BOOST_TEST(test::error_of([&] {
                   f.run(f.box().execute("true", {.env = {{"-i", "x"}}}));
               }) == errc::invalid_argument);
    BOOST_TEST(test::error_of([&] { f.run(f.box().execute(std::string("echo a\0b", 8))); }) ==
               errc::invalid_argument);
}

BOOST_AUTO_TEST_CASE(execute_feeds_stdin_text_and_closes_it)
{
    auto& f = fixture::get();
    BOOST_TEST(f.run(f.box().execute("cat; echo end", {.stdin_text = "line1\nline2\n"})).output ==
               "line1\nline2\nend\n");
    auto counted = f.run(f.box().execute("wc -c", {.stdin_text = std::string(300'000, 'x')}));
    BOOST_TEST(counted.output.find("300000") != std::string::npos, counted.output);
    auto quick =
        f.run(f.box().execute("echo quick", {.timeout = 20s, .stdin_text = std::string(4 << 20, 'x')}));
    BOOST_TEST(quick.output == "quick\n");
    BOOST_TEST(quick.exit_code.value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(execute_without_stdin_text_reads_end_of_file)
{
    auto& f = fixture::get();
    auto r = f.run(f.box().execute("cat; echo done", {.timeout = 10s}));
    BOOST_TEST(r.output == "done\n");
}

BOOST_AUTO_TEST_CASE(a_timed_out_command_reports_124_and_its_process_group_is_gone)
{
    auto& f = fixture::get();
    auto began = std::chrono::steady_clock::now();
    auto r = f.run(f.box().execute("echo $$ > leader.pid; sleep 60 & echo $! > child.pid; echo started; wait",
                                   {.timeout = 1s, .kill_grace = 500ms}));
    BOOST_TEST((std::chrono::steady_clock::now() - began < 10s));
    BOOST_TEST(r.exit_code.value_or(-1) == 124);
    BOOST_TEST(r.output.starts_with("started\n"), r.output);
    BOOST_TEST(r.output.find("timed out") != std::string::npos, r.output);
    auto leader = pid_in(f.dir(), "leader.pid");
    auto child = pid_in(f.dir(), "child.pid");
    BOOST_REQUIRE(leader > 0);
    BOOST_REQUIRE(child > 0);
    BOOST_TEST(test::process_gone_soon(leader));
    BOOST_TEST(test::process_gone_soon(child));
}

BOOST_AUTO_TEST_CASE(cancelling_execute_kills_the_command_and_throws_operation_aborted)
{
    auto& f = fixture::get();
    auto cancelled = [&]() -> task<bool> {
        using namespace asio::experimental::awaitable_operators;
        asio::steady_timer timer(co_await asio::this_coro::executor, 700ms);
        auto winner =
            co_await (f.box().execute("echo $$ > cancelled.pid; exec sleep 60", {.kill_grace = 500ms}) ||
                      timer.async_wait(asio::use_awaitable));
        co_return winner.index() == 1;
    };
    BOOST_TEST(f.run(cancelled()));
    auto pid = pid_in(f.dir(), "cancelled.pid");
    BOOST_REQUIRE(pid > 0);
    BOOST_TEST(test::process_gone_soon(pid));

    // A cancellation signal bound to the operation: operation_aborted.
    auto bound = [&]() -> task<boost::system::error_code> {
        auto ex = co_await asio::this_coro::executor;
        asio::cancellation_signal signal;
        asio::steady_timer done(ex, std::chrono::steady_clock::time_point::max());
        boost::system::error_code result;
        asio::co_spawn(
            ex, f.box().execute("sleep 60"),
            asio::bind_cancellation_slot(signal.slot(), [&](std::exception_ptr e, execute_response) {
                try
                {
                    if (e)
                        std::rethrow_exception(e);
                }
                catch (const boost::system::system_error& err)
                {
                    result = err.code();
                }
                done.cancel();
            }));
        asio::steady_timer pause(ex, 500ms);
        co_await pause.async_wait(asio::use_awaitable);
        signal.emit(asio::cancellation_type::terminal);
        boost::system::error_code ignored;
        co_await done.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
        co_return result;
    };
    BOOST_TEST(f.run(bound()) == asio::error::operation_aborted);
}

BOOST_AUTO_TEST_CASE(commands_run_concurrently_on_one_sandbox)
{
    auto& f = fixture::get();
    auto both = [&]() -> task<std::pair<execute_response, execute_response>> {
        using namespace asio::experimental::awaitable_operators;
        auto [a, b] = co_await (
            f.box().execute("while [ ! -e go-ahead ]; do sleep 0.05; done; echo a", {.timeout = 30s}) &&
            f.box().execute("touch go-ahead; echo b"));
        co_return std::pair{a, b};
    };
    auto [a, b] = f.run(both());
    BOOST_TEST(a.output == "a\n");
    BOOST_TEST(b.output == "b\n");
}

BOOST_AUTO_TEST_CASE(large_output_keeps_head_and_tail)
{
    auto& f = fixture::get();
    auto r = f.run(f.box().execute("head -c 300000 /dev/zero | tr '\\0' 'x'; echo; echo END",
                                   {.max_output_bytes = 10'000}));
    BOOST_TEST(r.truncated);
    BOOST_TEST(r.output.size() < 11'000u);
    BOOST_TEST(r.output.ends_with("END\n"));
    BOOST_TEST(r.exit_code.value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(a_command_that_cannot_start_is_an_exit_code_of_the_shell)
{
    auto& f = fixture::get();
    auto r = f.run(f.box().execute("no-such-program-here"));
    BOOST_TEST(r.exit_code.value_or(-1) == 127);
}

BOOST_AUTO_TEST_SUITE_END()
