// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/kubernetes_sandbox.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "kubernetes_fixture.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

using namespace agent_backends;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace utf = boost::unit_test;

namespace {

struct jobs_tag
{};
using fixture = test::shared_pod<jobs_tag>;

/// Reads a job until its accumulated output contains `needle`, for at most 10 s: the output reaches us
/// asynchronously, so this polls.
task<std::string> read_until(background_job& job, std::string needle)
{
    std::string seen;
    asio::steady_timer pause(co_await asio::this_coro::executor);
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (seen.find(needle) == std::string::npos && std::chrono::steady_clock::now() < deadline)
    {
        seen += (co_await job.read()).output;
        pause.expires_after(20ms);
        co_await pause.async_wait(asio::use_awaitable);
    }
    co_return seen;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kubernetes_sandbox_jobs, *utf::fixture<fixture>())

BOOST_AUTO_TEST_CASE(background_job_output_arrives_while_it_runs_and_its_exit_code_after)
{
    auto& f = fixture::get();
    auto job = f.run(f.box().start_background("echo first; read line; echo \"got $line\"; exit 5",
                                              {.stdin_text = "input\n"}));
    BOOST_TEST(job->id().starts_with("job-"));
    BOOST_TEST(job->command() == "echo first; read line; echo \"got $line\"; exit 5");
    BOOST_TEST(f.run(read_until(*job, "got input")) == "first\ngot input\n");
    BOOST_TEST(f.run(job->wait()) == 5);
    auto last = f.run(job->read());
    BOOST_TEST(!last.running);
    BOOST_TEST(last.exit_code.value_or(-1) == 5);
    BOOST_TEST(!f.run(job->kill()));
}

BOOST_AUTO_TEST_CASE(killing_a_job_ends_its_whole_process_group)
{
    auto& f = fixture::get();
    auto job = f.run(f.box().start_background("sleep 331 & echo $! > job-child.pid; echo ready; sleep 332"));
    BOOST_TEST(f.run(read_until(*job, "ready")) == "ready\n");
    BOOST_TEST(f.run(job->read()).running);
    BOOST_TEST(f.run(job->kill()));
    auto after = f.run(job->read());
    BOOST_TEST(!after.running);
    BOOST_TEST(after.exit_code.value_or(-1) == 143);
    auto child = std::stol(f.dir().read("job-child.pid"));
    BOOST_TEST(test::process_gone_soon(static_cast<pid_t>(child)));
}

BOOST_AUTO_TEST_CASE(a_job_is_refused_a_working_dir_that_does_not_exist_and_honours_one_that_does)
{
    auto& f = fixture::get();
    auto failure =
        test::failure_of([&] { f.run(f.box().start_background("pwd", {.working_dir = "no/such"})); });
    BOOST_TEST(failure.code == errc::invalid_argument);
    BOOST_TEST(failure.message == "Cannot run the command: working directory 'no/such' does not exist");
    f.dir().write("job-dir/keep", "");
    auto job = f.run(f.box().start_background("pwd", {.working_dir = "job-dir"}));
    BOOST_TEST(f.run(job->wait()) == 0);
    BOOST_TEST(f.run(job->read()).output == f.dir().str() + "/job-dir\n");
}

BOOST_AUTO_TEST_CASE(stopping_the_sandbox_ends_its_jobs)
{
    auto& f = fixture::get();
    auto box = f.make_box();
    auto job = f.run(box->start_background("echo $$ > stopped-job.pid; echo up; exec sleep 333"));
    BOOST_TEST(f.run(read_until(*job, "up")) == "up\n");
    f.run(box->stop());
    BOOST_TEST(f.run(job->wait()) == 137);  // ended with its pod
    BOOST_TEST(!f.run(job->read()).running);
    // The fake runs pods as host processes and does not follow a command into its own session, as
    // deleting a real pod would: clean up here.
    ::kill(static_cast<pid_t>(std::stol(f.dir().read("stopped-job.pid"))), SIGKILL);
}

BOOST_AUTO_TEST_SUITE_END()
