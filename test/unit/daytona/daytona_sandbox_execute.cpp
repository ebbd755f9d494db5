// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/daytona_sandbox.hpp>

#include "common/run_task.hpp"
#include "daytona_test_support.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>

namespace asio = boost::asio;
using namespace agent_backends;
using namespace agent_backends::test;

namespace {

/// A fake Daytona per test: starting a sandbox on it costs a few milliseconds only.
struct execute_fixture
{
    fake_daytona fake;
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(daytona_sandbox_execute_tests, execute_fixture)

BOOST_AUTO_TEST_CASE(execute_returns_combined_output_and_the_exit_code)
{
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        auto r = co_await box.execute("echo out; echo err >&2; exit 7");
        BOOST_TEST(r.output == "out\nerr\n");
        BOOST_TEST(r.exit_code.value_or(-1) == 7);
        BOOST_TEST(!r.truncated);
        auto quoting = co_await box.execute("printf '%s|' \"it's\" a\\ b; echo \"$((6*7))\"");
        BOOST_TEST(quoting.output == "it's|a b|42\n");  // the command reaches sh byte for byte
        auto pipes = co_await box.execute("seq 1 5 | tail -n 2");
        BOOST_TEST(pipes.output == "4\n5\n");
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(execute_runs_in_the_work_dir_or_the_one_asked_with_env_and_stdin)
{
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        co_await box.write("sub/x.txt", "x");
        auto here = co_await box.execute("ls");
        BOOST_TEST(here.output == "sub\n");
        auto there = co_await box.execute("ls", {.working_dir = "sub"});
        BOOST_TEST(there.output == "x.txt\n");
        auto env =
            co_await box.execute("printf '%s/%s' \"$A\" \"$B\"", {.env = {{"A", "1 2"}, {"B", "it's"}}});
        BOOST_TEST(env.output == "1 2/it's");
        auto input = co_await box.execute("tr a-z A-Z", {.stdin_text = "shout\n"});
        BOOST_TEST(input.output == "SHOUT\n");
        auto no_input = co_await box.execute("cat; echo done");
        BOOST_TEST(no_input.output == "done\n");  // stdin is empty, not the script

        std::string message;
        try
        {
            co_await box.execute("ls", {.working_dir = "nope"});
        }
        catch (const error& e)
        {
            BOOST_TEST(e.condition() == errc::invalid_argument);
            message = e.what();
        }
        BOOST_TEST(message == "Cannot run the command: working directory 'nope' does not exist");
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(the_toolbox_gets_the_timeout_in_whole_seconds_rounded_up)
{
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        co_await box.execute("true", {.timeout = std::chrono::milliseconds(1500)});
        co_await box.execute("true", {.timeout = std::chrono::milliseconds(0)});
        std::vector<boost::json::object> bodies;
        for (const auto& exchange : fake.exchanges())
            if (exchange.request.path.ends_with("/process/execute"))
                bodies.push_back(boost::json::parse(exchange.body).as_object());
        BOOST_REQUIRE_EQUAL(bodies.size(), 2u);
        BOOST_TEST(bodies[0].at("timeout").as_int64() == 2);
        BOOST_TEST(!bodies[1].contains("timeout"));
        BOOST_TEST(bodies[0].at("cwd").as_string() == "/home/daytona");
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(a_command_past_its_timeout_answers_124_with_the_shared_text)
{
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        const auto began = std::chrono::steady_clock::now();
        auto r = co_await box.execute("sleep 30", {.timeout = std::chrono::seconds(1)});
        BOOST_TEST(r.exit_code.value_or(-1) == 124);
        BOOST_TEST(r.output == "Error: Command timed out after 1 s");
        BOOST_TEST((std::chrono::steady_clock::now() - began < std::chrono::seconds(10)));
        BOOST_TEST(fake.running_commands() == 0u);
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(cancelling_execute_kills_every_process_of_the_command)
{
    run_task([&]() -> task<void> {
        using namespace asio::experimental::awaitable_operators;
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        co_await box.start();
        // Cancelled once the command runs (the fake counts it as soon as it has spawned it).
        auto winner =
            co_await (box.execute("sleep 30 & sleep 30; wait", {.timeout = std::chrono::seconds(60)}) ||
                      eventually([&] { return fake.running_commands() == 1; }, std::chrono::seconds(20)));
        BOOST_TEST(winner.index() == 1u);
        // The follow-up command has killed them before the cancellation returned; the fake reaps them.
        BOOST_TEST(co_await eventually([&] { return fake.running_commands() == 0; }));
        BOOST_TEST(count_requests(fake, "POST", "/toolbox/*/process/execute") == 2u);
        auto after = co_await box.execute("echo still usable");
        BOOST_TEST(after.output == "still usable\n");
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(large_output_keeps_head_and_tail_and_is_marked_truncated)
{
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        auto r = co_await box.execute("seq 1 100000", {.max_output_bytes = 1000});
        BOOST_TEST(r.truncated);
        BOOST_TEST(r.exit_code.value_or(-1) == 0);
        BOOST_TEST(r.output.starts_with("1\n2\n3\n"));
        BOOST_TEST(r.output.ends_with("99999\n100000\n"));
        BOOST_TEST(r.output.find("bytes omitted") != std::string::npos);
        BOOST_TEST(r.output.size() < 1200u);
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(bad_arguments_fail_before_anything_is_created)
{
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        auto code_of = [&](std::string command, execute_options opts) -> task<errc> {
            try
            {
                co_await box.execute(command, std::move(opts));
            }
            catch (const error& e)
            {
                co_return e.condition();
            }
            co_return errc{};
        };
        BOOST_TEST(co_await code_of(std::string("a\0b", 3), {}) == errc::invalid_argument);
        BOOST_TEST(co_await code_of("true", {.env = {{"A-B", "x"}}}) == errc::invalid_argument);
        BOOST_TEST(co_await code_of("true", {.env = {{"A", std::string("\0", 1)}}}) ==
                   errc::invalid_argument);
        BOOST_TEST(fake.requests().empty());
    }());
}

BOOST_AUTO_TEST_SUITE_END()
