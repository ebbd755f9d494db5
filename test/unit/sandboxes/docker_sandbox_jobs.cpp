// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/sandboxes/docker_sandbox.hpp>

#include "common/printers.hpp"
#include "docker_sandbox_fixture.hpp"

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
using fixture = test::shared_sandbox<jobs_tag>;

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

BOOST_AUTO_TEST_SUITE(docker_sandbox_jobs, *utf::fixture<fixture>())

BOOST_AUTO_TEST_CASE(background_job_output_arrives_while_it_runs_and_its_exit_code_after)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto job = f->run(f->box().start_background("echo first; read line; echo \"got $line\"; exit 5",
                                                {.stdin_text = "input\n"}));
    BOOST_TEST(job->id() == "job-1");
    BOOST_TEST(job->command() == "echo first; read line; echo \"got $line\"; exit 5");
    auto seen = f->run(read_until(*job, "got input"));
    BOOST_TEST(seen == "first\ngot input\n");
    BOOST_TEST(f->run(job->wait()) == 5);
    auto last = f->run(job->read());
    BOOST_TEST(!last.running);
    BOOST_TEST(last.exit_code.value_or(-1) == 5);
    BOOST_TEST(!f->run(job->kill()));
}

BOOST_AUTO_TEST_CASE(killing_a_job_ends_its_whole_process_group)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto& box = f->box();
    auto job = f->run(box.start_background("echo ready; sleep 331 & sleep 332"));
    BOOST_TEST(f->run(read_until(*job, "ready")) == "ready\n");
    auto running = f->run(job->read());
    BOOST_TEST(running.running);
    BOOST_TEST(!running.exit_code.has_value());
    BOOST_TEST(f->run(job->kill()));
    auto after = f->run(job->read());
    BOOST_TEST(!after.running);
    BOOST_TEST(after.exit_code.value_or(-1) == 143);
    auto left = f->run(box.execute("ps -o args")).output;
    BOOST_TEST(left.find("sleep 331") == std::string::npos);
    BOOST_TEST(left.find("sleep 332") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(job_output_beyond_the_backlog_drops_the_oldest)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto job = f->run(f->box().start_background("head -c 5000 /dev/zero | tr '\\0' a; echo; echo tail-end",
                                                {.max_output_bytes = 100}));
    BOOST_TEST(f->run(job->wait()) == 0);
    auto out = f->run(job->read());
    BOOST_TEST(out.truncated);
    BOOST_TEST(out.output.size() <= 100u);
    BOOST_TEST(out.output.ends_with("tail-end\n"));
}

BOOST_AUTO_TEST_SUITE_END()
