// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/session_manager.hpp>

#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "session_manager_fake_sandbox.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace asio = boost::asio;
using namespace agent_backends;
using namespace std::chrono_literals;
using agent_backends::test::fake_behaviour;
using agent_backends::test::fake_factory;
using agent_backends::test::run_task;

namespace {

// Wakes a waiting test coroutine from a callback (the timer's expiry is the test's deadline).
struct wakeup
{
    explicit wakeup(asio::any_io_executor ex) : timer(ex, std::chrono::steady_clock::time_point::max()) {}

    void notify() { timer.cancel(); }

    /// False when `deadline` passed first.
    task<bool> wait(std::chrono::milliseconds deadline)
    {
        timer.expires_after(deadline);
        boost::system::error_code ec;
        co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        co_return ec == asio::error::operation_aborted;
    }

    asio::steady_timer timer;
};

task<void> pause(std::chrono::milliseconds d)
{
    asio::steady_timer timer(co_await asio::this_coro::executor, d);
    co_await timer.async_wait(asio::use_awaitable);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(session_manager_cleanup_tests)

BOOST_AUTO_TEST_CASE(cleanup_idle_releases_sessions_idle_strictly_longer_than_max_idle)
{
    fake_factory fakes;
    std::vector<std::string> released;
    run_task([&]() -> task<void> {
        session_manager sessions(
            co_await asio::this_coro::executor,
            {.factory = fakes.make(), .on_release = [&](std::string_view id) { released.emplace_back(id); }});
        for (auto id : {"fresh", "stale", "older"})
            co_await sessions.get_or_create(id);
        fakes.latest("fresh")->idle_for(10s);
        fakes.latest("stale")->idle_for(100s);
        fakes.latest("older")->idle_for(1000s);

        BOOST_TEST(co_await sessions.cleanup_idle(1001s) == 0u);
        BOOST_TEST(co_await sessions.cleanup_idle(99s) == 2u);
        BOOST_TEST((sessions.session_ids() == std::vector<std::string>{"fresh"}));
        BOOST_TEST(fakes.books().stops == 2);
        // Zero idle time allowed: anything idle at all goes.
        BOOST_TEST(co_await sessions.cleanup_idle(0s) == 1u);
    }());
    BOOST_TEST((released == std::vector<std::string>{"older", "stale", "fresh"}));
}

BOOST_AUTO_TEST_CASE(cleanup_idle_uses_the_sandbox_limit_else_the_default)
{
    fake_factory fakes;
    run_task([&]() -> task<void> {
        session_manager sessions(co_await asio::this_coro::executor,
                                 {.factory = fakes.make(), .default_idle_timeout = 30s});
        fakes.behave({.idle_timeout = 10s});
        co_await sessions.get_or_create("own-limit");
        fakes.behave({});
        co_await sessions.get_or_create("default-kept");
        co_await sessions.get_or_create("default-reaped");
        fakes.latest("own-limit")->idle_for(20s);     // over its own 10 s
        fakes.latest("default-kept")->idle_for(20s);  // under the default 30 s
        fakes.latest("default-reaped")->idle_for(40s);

        BOOST_TEST(co_await sessions.cleanup_idle() == 2u);
        BOOST_TEST((sessions.session_ids() == std::vector<std::string>{"default-kept"}));
    }());
}

BOOST_AUTO_TEST_CASE(max_idle_overrides_the_sandbox_limit)
{
    fake_factory fakes({.idle_timeout = 10s});
    run_task([&]() -> task<void> {
        session_manager sessions(co_await asio::this_coro::executor, {.factory = fakes.make()});
        co_await sessions.get_or_create("a");
        fakes.latest("a")->idle_for(20s);
        BOOST_TEST(co_await sessions.cleanup_idle(60s) == 0u);
        BOOST_TEST(sessions.contains("a"));
    }());
}

BOOST_AUTO_TEST_CASE(sandbox_without_activity_tracking_counts_as_just_used)
{
    fake_factory fakes({.tracks_activity = false});
    run_task([&]() -> task<void> {
        session_manager sessions(co_await asio::this_coro::executor, {.factory = fakes.make()});
        co_await sessions.get_or_create("a");
        BOOST_TEST(co_await sessions.cleanup_idle(0s) == 0u);
        BOOST_TEST(sessions.contains("a"));
    }());
}

BOOST_AUTO_TEST_CASE(get_or_create_marks_the_session_used)
{
    fake_factory fakes;
    run_task([&]() -> task<void> {
        session_manager sessions(co_await asio::this_coro::executor, {.factory = fakes.make()});
        co_await sessions.get_or_create("a");
        fakes.latest("a")->idle_for(2h);
        co_await sessions.get_or_create("a");
        BOOST_TEST(co_await sessions.cleanup_idle(60s) == 0u);
        BOOST_TEST(sessions.contains("a"));
    }());
}

BOOST_AUTO_TEST_CASE(cleanup_loop_reaps_idle_sessions)
{
    fake_factory fakes;
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        wakeup released(ex);
        session_manager sessions(ex, {.factory = fakes.make(),
                                      .default_idle_timeout = 60s,
                                      .on_release = [&](std::string_view) { released.notify(); }});
        co_await sessions.get_or_create("a");
        co_await sessions.get_or_create("b");
        fakes.latest("a")->idle_for(2min);
        sessions.start_cleanup_loop(10ms);
        BOOST_TEST(co_await released.wait(10'000ms));
        BOOST_TEST((sessions.session_ids() == std::vector<std::string>{"b"}));
        sessions.stop_cleanup_loop();
    }());
}

BOOST_AUTO_TEST_CASE(cleanup_loop_survives_a_sandbox_whose_stop_fails)
{
    fake_factory fakes;
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        wakeup released(ex);
        std::vector<std::string> ids;
        session_manager sessions(ex, {.factory = fakes.make(), .on_release = [&](std::string_view id) {
                                          ids.emplace_back(id);
                                          released.notify();
                                      }});
        fakes.behave({.fail_stop = true});
        co_await sessions.get_or_create("a-refuses");
        fakes.behave({});
        co_await sessions.get_or_create("b-stops");
        fakes.latest("a-refuses")->idle_for(2h);
        fakes.latest("b-stops")->idle_for(2h);
        // Each pass goes in id order: the failing stop ends the first pass before "b-stops".
        sessions.start_cleanup_loop(10ms);
        BOOST_TEST(co_await released.wait(10'000ms));
        BOOST_TEST((ids == std::vector<std::string>{"b-stops"}));
        BOOST_TEST(sessions.size() == 0u);
        BOOST_TEST(fakes.books().stops == 2);
        sessions.stop_cleanup_loop();
    }());
}

BOOST_AUTO_TEST_CASE(start_cleanup_loop_twice_runs_one_loop_that_stop_ends)
{
    fake_factory fakes;
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        session_manager sessions(ex, {.factory = fakes.make()});
        sessions.start_cleanup_loop(5ms);
        sessions.start_cleanup_loop(5ms);
        sessions.stop_cleanup_loop();
        co_await sessions.get_or_create("a");
        fakes.latest("a")->idle_for(2h);
        // A second loop left running would reap the session within a few intervals.
        co_await pause(100ms);
        BOOST_TEST(sessions.contains("a"));
        // And it can be started again after a stop.
        sessions.start_cleanup_loop(5ms);
        while (sessions.contains("a"))
            co_await pause(5ms);
        sessions.stop_cleanup_loop();
    }());
}

BOOST_AUTO_TEST_CASE(shutdown_stops_every_session_and_returns_the_count)
{
    fake_factory fakes;
    int released = 0;
    run_task([&]() -> task<void> {
        session_manager sessions(
            co_await asio::this_coro::executor,
            {.factory = fakes.make(), .on_release = [&](std::string_view) { ++released; }});
        co_await sessions.get_or_create("a");
        fakes.behave({.fail_stop = true});
        co_await sessions.get_or_create("b-refuses");
        fakes.behave({});
        co_await sessions.get_or_create("c");
        sessions.start_cleanup_loop(1h);
        BOOST_TEST(co_await sessions.shutdown() == 3u);
        BOOST_TEST(sessions.size() == 0u);
        BOOST_TEST(fakes.books().stops == 3);
        BOOST_TEST(co_await sessions.shutdown() == 0u);
    }());
    // run_task returned: the hour-long cleanup timer did not keep the io_context busy.
    BOOST_TEST(released == 2);
}

BOOST_AUTO_TEST_CASE(destroying_the_manager_ends_its_cleanup_loop)
{
    fake_factory fakes;
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        {
            session_manager sessions(ex, {.factory = fakes.make()});
            co_await sessions.get_or_create("a");
            sessions.start_cleanup_loop(1ms);
            co_await pause(20ms);
        }
        co_await pause(20ms);
    }());
    // The loop ended (run_task returned) and let go of the sandboxes.
    BOOST_TEST(fakes.books().destroyed == 1);
}

BOOST_AUTO_TEST_SUITE_END()
