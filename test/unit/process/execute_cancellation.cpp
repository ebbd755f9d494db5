// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/local_processes.hpp>

#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "common/temp_dir.hpp"
#include "process_probe.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <thread>

using namespace agent_backends;
using namespace std::chrono_literals;
using namespace boost::asio::experimental::awaitable_operators;
using agent_backends::test::run_task;
namespace asio = boost::asio;

namespace {

bool is_operation_aborted(std::exception_ptr e)
{
    try
    {
        if (e)
            std::rethrow_exception(e);
    }
    catch (const boost::system::system_error& err)
    {
        return err.code() == asio::error::operation_aborted;
    }
    catch (...)
    {}
    return false;
}

struct workspace
{
    test::temp_dir dir;
    local_processes processes{dir.str()};
    test::ready_pipe ready{dir.path() / "ready"};

    /// A command that starts two background sleeps and waits for them, after telling `ready` its pid.
    std::string tree_command() const
    {
        return "sleep 1000 & sleep 1000 & echo $$ > " + ready.path().string() + "; wait";
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(local_processes_cancellation)

BOOST_AUTO_TEST_CASE(losing_an_or_race_kills_the_whole_process_tree)
{
    workspace w;
    auto race = [&]() -> task<std::string> {
        auto winner = co_await (w.processes.execute(w.tree_command()) || w.ready.next_line());
        BOOST_TEST(winner.index() == 1u);
        co_return std::get<1>(winner);
    };
    auto pgid = std::stoi(run_task(race()));
    BOOST_TEST(test::children_of_self().empty());
    BOOST_TEST(test::group_ends_within(pgid));
}

BOOST_AUTO_TEST_CASE(a_bound_cancellation_signal_kills_the_tree_and_throws_operation_aborted)
{
    for (auto type : {asio::cancellation_type::terminal, asio::cancellation_type::partial,
                      asio::cancellation_type::total})
    {
        workspace w;
        asio::io_context io;
        asio::cancellation_signal cancel;
        std::exception_ptr outcome;
        bool done = false;
        // A coroutine stack lets only terminal cancellation through unless it widens its filter, as this one
        // does: execute honours whichever type reaches it.
        auto widened = [&]() -> task<execute_response> {
            co_await asio::this_coro::reset_cancellation_state(asio::enable_total_cancellation());
            co_return co_await w.processes.execute(w.tree_command());
        };
        asio::co_spawn(
            io, widened(),
            asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, execute_response) {
                outcome = e;
                done = true;
            }));
        std::string pid;
        auto trigger = [&]() -> task<void> {
            pid = co_await w.ready.next_line();
            cancel.emit(type);
        };
        asio::co_spawn(io, trigger(), asio::detached);
        io.run();
        BOOST_TEST(done);
        BOOST_TEST(is_operation_aborted(outcome));
        BOOST_TEST(test::children_of_self().empty());
        BOOST_TEST(test::group_ends_within(std::stoi(pid)));
    }
}

BOOST_AUTO_TEST_CASE(cancelling_the_parent_coroutine_kills_the_tree)
{
    workspace w;
    asio::io_context io;
    asio::cancellation_signal cancel;
    std::exception_ptr outcome;
    bool resumed_after_execute = false;
    auto parent = [&]() -> task<void> {
        co_await w.processes.execute(w.tree_command());
        resumed_after_execute = true;
    };
    asio::co_spawn(io, parent(),
                   asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e) { outcome = e; }));
    std::string pid;
    auto trigger = [&]() -> task<void> {
        pid = co_await w.ready.next_line();
        cancel.emit(asio::cancellation_type::terminal);
    };
    asio::co_spawn(io, trigger(), asio::detached);
    io.run();
    BOOST_TEST(!resumed_after_execute);
    BOOST_TEST(is_operation_aborted(outcome));
    BOOST_TEST(test::children_of_self().empty());
    BOOST_TEST(test::group_ends_within(std::stoi(pid)));
}

BOOST_AUTO_TEST_CASE(a_command_ignoring_sigterm_is_killed_after_the_grace)
{
    workspace w;
    std::chrono::steady_clock::time_point cancelled_at;
    auto signal_ready = [&]() -> task<std::string> {
        auto pid = co_await w.ready.next_line();
        cancelled_at = std::chrono::steady_clock::now();
        co_return pid;
    };
    auto race = [&]() -> task<std::string> {
        auto cmd = "trap '' TERM; echo $$ > " + w.ready.path().string() + "; sleep 1000";
        auto winner = co_await (w.processes.execute(cmd, {.kill_grace = 400ms}) || signal_ready());
        co_return std::get<1>(winner);
    };
    auto pgid = std::stoi(run_task(race()));
    auto took = std::chrono::steady_clock::now() - cancelled_at;
    BOOST_TEST(took >= 400ms);
    BOOST_TEST(took < 3s);
    BOOST_TEST(test::children_of_self().empty());
    BOOST_TEST(test::group_ends_within(pgid));
}

BOOST_AUTO_TEST_CASE(a_timeout_kills_a_command_ignoring_sigterm_after_the_grace)
{
    workspace w;
    auto cmd = "trap '' TERM; echo $$; sleep 1000";
    auto r = run_task(w.processes.execute(cmd, {.timeout = 200ms, .kill_grace = 300ms}));
    BOOST_TEST(r.exit_code.value_or(-1) == 124);
    BOOST_TEST(r.output.substr(r.output.find('\n') + 1) == "Error: Command timed out after 0.2 s");
    BOOST_TEST(test::children_of_self().empty());
    BOOST_TEST(test::group_ends_within(std::stoi(r.output)));
}

BOOST_AUTO_TEST_CASE(the_caller_stays_cancellable_after_execute_cleaned_up_a_timeout)
{
    workspace w;
    asio::io_context io;
    asio::cancellation_signal cancel;
    std::exception_ptr outcome;
    bool slept_through = false;
    auto parent = [&]() -> task<void> {
        auto r = co_await w.processes.execute("sleep 1000", {.timeout = 50ms});
        BOOST_TEST(r.exit_code.value_or(-1) == 124);
        asio::steady_timer long_wait(io, 10s);
        asio::post(io, [&] { cancel.emit(asio::cancellation_type::terminal); });  // runs once we wait
        co_await long_wait.async_wait(asio::use_awaitable);
        slept_through = true;
    };
    asio::co_spawn(io, parent(),
                   asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e) { outcome = e; }));
    io.run();
    BOOST_TEST(!slept_through);
    BOOST_TEST(is_operation_aborted(outcome));
}

BOOST_AUTO_TEST_CASE(destroying_the_io_context_mid_command_kills_the_group_and_reaps_it)
{
    workspace w;
    std::string pid;
    {
        asio::io_context io;
        asio::co_spawn(io, w.processes.execute(w.tree_command()), asio::detached);
        auto trigger = [&]() -> task<void> {
            pid = co_await w.ready.next_line();
            io.stop();
        };
        asio::co_spawn(io, trigger(), asio::detached);
        io.run();
    }  // the suspended command's frame is destroyed here, never resumed
    BOOST_TEST(test::group_ends_within(std::stoi(pid)));
    // The shell may need a moment to finish dying; then a detached waiter reaps it.
    auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!test::children_of_self().empty() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(2ms);
    BOOST_TEST(test::children_of_self().empty());
}

BOOST_AUTO_TEST_CASE(a_thousand_cancel_and_timeout_cycles_leave_no_process_zombie_or_descriptor)
{
    workspace w;
    auto fds_before = test::open_fd_count();
    int aborted = 0;
    int timed_out = 0;
    auto cycles = [&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        for (int i = 0; i < 1000; ++i)
        {
            if (i % 2 == 0)
            {
                auto r = co_await w.processes.execute("sleep 1000", {.timeout = 1ms});
                timed_out += r.exit_code.value_or(-1) == 124;
            }
            else
            {
                asio::steady_timer timer(ex, 1ms);
                auto winner =
                    co_await (w.processes.execute("sleep 1000") || timer.async_wait(asio::use_awaitable));
                aborted += winner.index() == 1;
            }
        }
    };
    run_task(cycles());
    BOOST_TEST(timed_out == 500);
    BOOST_TEST(aborted == 500);
    BOOST_TEST(test::children_of_self().size() == 0u);
    BOOST_TEST(test::zombie_children() == 0u);
    BOOST_TEST(test::open_fd_count() == fds_before);
}

BOOST_AUTO_TEST_SUITE_END()
