// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/local_processes.hpp>

#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "common/temp_dir.hpp"
#include "process_probe.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <fstream>
#include <optional>
#include <string>

using namespace agent_backends;
using namespace std::chrono_literals;
using namespace boost::asio::experimental::awaitable_operators;
using agent_backends::test::run_task;
namespace asio = boost::asio;

namespace {

struct workspace
{
    test::temp_dir dir;
    local_processes processes{dir.str()};
    test::ready_pipe ready{dir.path() / "ready"};

    std::string ready_path() const { return ready.path().string(); }
};

/// Reads a job until its accumulated output contains `needle`: the job's output reaches us asynchronously,
/// so this polls, for at most 5 s.
task<std::string> read_until(background_job& job, std::string needle, bool* truncated = nullptr)
{
    std::string seen;
    asio::steady_timer pause(co_await asio::this_coro::executor);
    auto deadline = std::chrono::steady_clock::now() + 5s;
    while (seen.find(needle) == std::string::npos && std::chrono::steady_clock::now() < deadline)
    {
        auto out = co_await job.read();
        seen += out.output;
        if (truncated)
            *truncated = *truncated || out.truncated;
        pause.expires_after(2ms);
        co_await pause.async_wait(asio::use_awaitable);
    }
    co_return seen;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(local_processes_background)

BOOST_AUTO_TEST_CASE(a_job_has_an_id_and_its_command)
{
    workspace w;
    auto body = [&]() -> task<void> {
        auto first = co_await w.processes.start_background("true");
        auto second = co_await w.processes.start_background("exit 0");
        BOOST_TEST(first->id() == "job-1");
        BOOST_TEST(second->id() == "job-2");
        BOOST_TEST(second->command() == "exit 0");
        co_await first->wait();
        co_await second->wait();
    };
    run_task(body());
}

BOOST_AUTO_TEST_CASE(read_returns_only_output_since_the_previous_read)
{
    workspace w;
    auto body = [&]() -> task<void> {
        auto go = w.dir.path() / "go";
        test::ready_pipe gate(go);
        // The job prints, then waits for the test to open the gate, then prints again and exits 3.
        auto job = co_await w.processes.start_background("echo one; read line < " + go.string() +
                                                         "; echo two; exit 3");
        BOOST_TEST(co_await read_until(*job, "one\n") == "one\n");
        auto middle = co_await job->read();
        BOOST_TEST(middle.output == "");
        BOOST_TEST(middle.running);
        BOOST_TEST(!middle.exit_code.has_value());
        std::ofstream(go) << "open\n";
        BOOST_TEST(co_await job->wait() == 3);
        auto last = co_await job->read();
        BOOST_TEST(last.output == "two\n");
        BOOST_TEST(!last.running);
        BOOST_TEST(last.exit_code.value_or(-1) == 3);
        BOOST_TEST(!last.truncated);
    };
    run_task(body());
}

BOOST_AUTO_TEST_CASE(a_job_writing_faster_than_it_is_read_keeps_the_newest_output)
{
    workspace w;
    auto body = [&]() -> task<void> {
        auto job = co_await w.processes.start_background("head -c 300000 /dev/zero | tr '\\0' a; printf END",
                                                         {.max_output_bytes = 1000});
        co_await job->wait();
        auto out = co_await job->read();
        BOOST_TEST(out.truncated);
        BOOST_TEST(out.output.size() == 1000u);
        BOOST_TEST(out.output.substr(997) == "END");
        auto again = co_await job->read();
        BOOST_TEST(!again.truncated);
        BOOST_TEST(again.output == "");
    };
    run_task(body());
}

BOOST_AUTO_TEST_CASE(kill_ends_the_group_and_says_whether_the_job_was_running)
{
    workspace w;
    auto body = [&]() -> task<int> {
        auto job =
            co_await w.processes.start_background("sleep 1000 & echo $$ > " + w.ready_path() + "; wait");
        auto pgid = std::stoi(co_await w.ready.next_line());
        BOOST_TEST(co_await job->kill());
        BOOST_TEST(!(co_await job->kill()));
        auto out = co_await job->read();
        BOOST_TEST(!out.running);
        BOOST_TEST(out.exit_code.value_or(-1) == 143);
        BOOST_TEST(out.output == "Killed by signal 15 (SIGTERM)");
        co_return pgid;
    };
    auto pgid = run_task(body());
    BOOST_TEST(test::children_of_self().empty());
    BOOST_TEST(test::group_ends_within(pgid));
}

BOOST_AUTO_TEST_CASE(kill_uses_sigkill_after_the_grace_when_sigterm_is_ignored)
{
    workspace w;
    auto body = [&]() -> task<void> {
        auto job = co_await w.processes.start_background(
            "trap '' TERM; echo $$ > " + w.ready_path() + "; sleep 1000", {.kill_grace = 300ms});
        co_await w.ready.next_line();
        auto before = std::chrono::steady_clock::now();
        BOOST_TEST(co_await job->kill());
        auto took = std::chrono::steady_clock::now() - before;
        BOOST_TEST(took >= 300ms);
        BOOST_TEST(took < 3s);
        BOOST_TEST(co_await job->wait() == 137);
    };
    run_task(body());
    BOOST_TEST(test::children_of_self().empty());
}

BOOST_AUTO_TEST_CASE(cancelling_wait_leaves_the_job_running)
{
    workspace w;
    auto body = [&]() -> task<void> {
        auto job = co_await w.processes.start_background("sleep 1000");
        asio::steady_timer timer(co_await asio::this_coro::executor, 50ms);
        auto winner = co_await (job->wait() || timer.async_wait(asio::use_awaitable));
        BOOST_TEST(winner.index() == 1u);
        BOOST_TEST((co_await job->read()).running);
        BOOST_TEST(co_await job->kill());
    };
    run_task(body());
    BOOST_TEST(test::children_of_self().empty());
}

BOOST_AUTO_TEST_CASE(stop_kills_every_job)
{
    workspace w;
    auto body = [&]() -> task<void> {
        auto a = co_await w.processes.start_background("sleep 1000");
        auto b = co_await w.processes.start_background("trap '' TERM; sleep 1000", {.kill_grace = 200ms});
        auto finished = co_await w.processes.start_background("true");
        co_await finished->wait();
        co_await w.processes.stop();
        BOOST_TEST(!(co_await a->read()).running);
        BOOST_TEST(!(co_await b->read()).running);
        BOOST_TEST(co_await b->wait() == 137);
        co_await w.processes.stop();  // idempotent
    };
    run_task(body());
    BOOST_TEST(test::children_of_self().empty());
}

BOOST_AUTO_TEST_CASE(destroying_the_object_kills_jobs_without_blocking_and_leaves_no_zombie)
{
    test::temp_dir dir;
    test::ready_pipe ready(dir.path() / "ready");
    std::optional<local_processes> processes(std::in_place, dir.str());
    asio::io_context io;
    std::shared_ptr<background_job> job;
    pid_t pgid = 0;
    std::chrono::steady_clock::duration destroy_took{};
    auto body = [&]() -> task<void> {
        job = co_await processes->start_background("trap '' TERM; sleep 1000 & echo $$ > " +
                                                   ready.path().string() + "; wait");
        pgid = std::stoi(co_await ready.next_line());
        auto before = std::chrono::steady_clock::now();
        processes.reset();
        destroy_took = std::chrono::steady_clock::now() - before;
    };
    asio::co_spawn(io, body(), asio::detached);
    io.run();  // returns once the job's watcher has reaped it
    BOOST_TEST(destroy_took < 100ms);
    BOOST_TEST(test::children_of_self().empty());
    BOOST_TEST(test::zombie_children() == 0u);
    BOOST_TEST(test::group_ends_within(pgid));
    background_output after;
    io.restart();  // the job's operations run on the executor that started it
    asio::co_spawn(io, job->read(),
                   [&](std::exception_ptr, background_output out) { after = std::move(out); });
    io.run();
    BOOST_TEST(!after.running);
    BOOST_TEST(after.exit_code.value_or(-1) == 137);
}

BOOST_AUTO_TEST_SUITE_END()
