// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/sandboxes/daytona_sandbox.hpp>

#include "common/run_task.hpp"
#include "daytona_test_support.hpp"

#include <boost/test/unit_test.hpp>

namespace asio = boost::asio;
using namespace agent_backends;
using namespace agent_backends::test;

BOOST_AUTO_TEST_SUITE(daytona_sandbox_jobs_tests)

BOOST_AUTO_TEST_CASE(a_background_job_runs_in_its_own_session_and_reports_new_output_and_its_exit)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        auto job = co_await box.start_background("sleep 30");
        auto second = co_await box.start_background("sleep 30");
        BOOST_TEST(job->id() == "job-1");
        BOOST_TEST(second->id() == "job-2");
        BOOST_TEST(job->command() == "sleep 30");
        BOOST_TEST(fake.sandbox(box.remote_id())->sessions == 2u);
        BOOST_TEST((co_await job->read()).running);
        co_await box.stop();  // the sandbox goes, and its jobs with it
        auto after = co_await job->read();
        BOOST_TEST(!after.running);
        BOOST_TEST(after.exit_code.value_or(-1) == 137);
    }());
}

BOOST_AUTO_TEST_CASE(read_hands_on_only_what_is_new_and_wait_returns_the_exit_code)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        co_await box.execute("mkfifo gate");
        auto job = co_await box.start_background("echo first; read line < gate; echo \"got $line\"; exit 4");
        std::string seen;
        // Output so far, while it waits on the fifo (polled: the toolbox only tells when asked).
        for (int i = 0; i < 500 && seen.empty(); ++i)
        {
            auto part = co_await job->read();
            BOOST_TEST(part.running);
            seen += part.output;
            if (seen.empty())
            {
                asio::steady_timer pause(co_await asio::this_coro::executor, std::chrono::milliseconds(10));
                co_await pause.async_wait(asio::use_awaitable);
            }
        }
        BOOST_TEST(seen == "first\n");
        co_await box.execute("echo go > gate");
        BOOST_TEST(co_await job->wait() == 4);
        auto rest = co_await job->read();
        BOOST_TEST(rest.output == "got go\n");  // not "first" again
        BOOST_TEST(!rest.running);
        BOOST_TEST(rest.exit_code.value_or(-1) == 4);
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(kill_deletes_the_session_which_ends_its_processes)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        auto job = co_await box.start_background("sleep 30 & sleep 30");
        BOOST_TEST(co_await eventually([&] { return fake.running_commands() == 1; }));
        BOOST_TEST(co_await job->kill());
        BOOST_TEST(count_requests(fake, "DELETE", "/toolbox/*/process/session/*") == 1u);
        BOOST_TEST(co_await eventually([&] { return fake.running_commands() == 0; }));
        auto after = co_await job->read();
        BOOST_TEST(!after.running);
        BOOST_TEST(after.exit_code.value_or(-1) == 143);
        BOOST_TEST(!co_await job->kill());  // already ended
        BOOST_TEST(fake.sandbox(box.remote_id())->sessions == 0u);
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(a_job_in_another_directory_with_env_and_input)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        auto job = co_await box.start_background("cat; printf '%s' \"$WHO\"",
                                                 {.env = {{"WHO", "me"}}, .stdin_text = "in;"});
        BOOST_TEST(co_await job->wait() == 0);
        BOOST_TEST((co_await job->read()).output == "in;me");
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_SUITE_END()
