// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/session_manager.hpp>

#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "core/gather.hpp"
#include "session_manager_fake_sandbox.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
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

task<std::shared_ptr<sandbox>> open_session(session_manager& sessions, std::string id)
{
    co_return co_await sessions.get_or_create(id);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(session_manager_tests)

BOOST_AUTO_TEST_CASE(get_or_create_starts_one_sandbox_and_returns_it_again)
{
    fake_factory fakes;
    run_task([&]() -> task<void> {
        session_manager sessions(co_await asio::this_coro::executor, {.factory = fakes.make()});
        auto first = co_await sessions.get_or_create("alice");
        auto again = co_await sessions.get_or_create("alice");
        BOOST_TEST(first == again);
        BOOST_TEST(first->id() == "alice");
        BOOST_TEST(fakes.latest("alice")->started);
        BOOST_TEST(fakes.books().made == 1);
        BOOST_TEST(fakes.books().starts == 1);
        BOOST_TEST(sessions.contains("alice"));
        BOOST_TEST(!sessions.contains("bob"));
        BOOST_TEST(sessions.size() == 1u);
    }());
}

BOOST_AUTO_TEST_CASE(concurrent_get_or_create_of_one_id_creates_one_sandbox)
{
    fake_factory fakes({.start_delay = 50ms});
    run_task([&]() -> task<void> {
        session_manager sessions(co_await asio::this_coro::executor, {.factory = fakes.make()});
        std::vector<task<std::shared_ptr<sandbox>>> calls;
        for (int i = 0; i < 25; ++i)
            calls.push_back(open_session(sessions, "shared"));
        auto boxes = co_await detail::gather(std::move(calls));
        for (const auto& box : boxes)
            BOOST_TEST(box == boxes.front());
        BOOST_TEST(fakes.books().made == 1);
        BOOST_TEST(fakes.books().starts == 1);
        BOOST_TEST(sessions.size() == 1u);
    }());
}

BOOST_AUTO_TEST_CASE(different_ids_start_in_parallel)
{
    fake_factory fakes({.start_delay = 100ms});
    run_task([&]() -> task<void> {
        session_manager sessions(co_await asio::this_coro::executor, {.factory = fakes.make()});
        std::vector<task<std::shared_ptr<sandbox>>> calls;
        for (int i = 0; i < 5; ++i)
            calls.push_back(open_session(sessions, "user-" + std::to_string(i)));
        auto boxes = co_await detail::gather(std::move(calls));
        BOOST_TEST(boxes.size() == 5u);
        BOOST_TEST(fakes.books().made == 5);
        BOOST_TEST(fakes.books().most_starting_at_once == 5);
        BOOST_TEST((sessions.session_ids() ==
                    std::vector<std::string>{"user-0", "user-1", "user-2", "user-3", "user-4"}));
    }());
}

BOOST_AUTO_TEST_CASE(dead_session_is_stopped_and_replaced)
{
    fake_factory fakes;
    run_task([&]() -> task<void> {
        session_manager sessions(co_await asio::this_coro::executor, {.factory = fakes.make()});
        auto first = co_await sessions.get_or_create("alice");
        auto dead = fakes.latest("alice");
        dead->alive = false;
        auto second = co_await sessions.get_or_create("alice");
        BOOST_TEST(second != first);
        BOOST_TEST(dead->stopped);
        BOOST_TEST(fakes.latest("alice")->started);
        BOOST_TEST(fakes.books().made == 2);
        BOOST_TEST(sessions.size() == 1u);
    }());
}

BOOST_AUTO_TEST_CASE(dead_session_whose_stop_fails_is_still_replaced)
{
    fake_factory fakes({.fail_stop = true});
    run_task([&]() -> task<void> {
        session_manager sessions(co_await asio::this_coro::executor, {.factory = fakes.make()});
        auto first = co_await sessions.get_or_create("alice");
        fakes.latest("alice")->alive = false;
        auto second = co_await sessions.get_or_create("alice");
        BOOST_TEST(second != first);
        BOOST_TEST(fakes.books().stops == 1);
    }());
}

BOOST_AUTO_TEST_CASE(start_failure_stops_the_sandbox_rethrows_and_registers_nothing)
{
    fake_factory fakes({.fail_start = true});
    run_task([&]() -> task<void> {
        session_manager sessions(co_await asio::this_coro::executor, {.factory = fakes.make()});
        std::string message;
        try
        {
            co_await sessions.get_or_create("alice");
            BOOST_FAIL("expected the start failure");
        }
        catch (const error& e)
        {
            BOOST_TEST(e.condition() == errc::unavailable);
            message = e.what();
        }
        BOOST_TEST(message == "start failed for alice");
        BOOST_TEST(fakes.books().stops == 1);
        BOOST_TEST(!sessions.contains("alice"));
        BOOST_TEST(sessions.size() == 0u);

        fakes.behave({});
        auto box = co_await sessions.get_or_create("alice");
        BOOST_TEST(sessions.contains("alice"));
    }());
}

BOOST_AUTO_TEST_CASE(cancelled_get_or_create_stops_the_half_started_sandbox)
{
    using namespace asio::experimental::awaitable_operators;
    fake_factory fakes({.start_delay = 10s});
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        session_manager sessions(ex, {.factory = fakes.make()});
        asio::steady_timer limit(ex, 50ms);
        const auto began = std::chrono::steady_clock::now();
        auto winner = co_await (sessions.get_or_create("alice") || limit.async_wait(asio::use_awaitable));
        BOOST_TEST(winner.index() == 1u);
        BOOST_TEST((std::chrono::steady_clock::now() - began < 5s));
        BOOST_TEST(fakes.books().stops == 1);
        BOOST_TEST(!sessions.contains("alice"));

        // The session's lock was given back: a later call creates the session.
        fakes.behave({});
        co_await sessions.get_or_create("alice");
        BOOST_TEST(sessions.contains("alice"));
    }());
}

BOOST_AUTO_TEST_CASE(caller_cancelled_while_waiting_for_the_session_leaves_it_to_the_first)
{
    using namespace asio::experimental::awaitable_operators;
    fake_factory fakes({.start_delay = 200ms});
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        session_manager sessions(ex, {.factory = fakes.make()});
        auto first = [&]() -> task<std::shared_ptr<sandbox>> {
            co_return co_await sessions.get_or_create("x");
        };
        auto impatient = [&]() -> task<bool> {
            asio::steady_timer limit(ex, 20ms);
            auto winner = co_await (sessions.get_or_create("x") || limit.async_wait(asio::use_awaitable));
            co_return winner.index() == 1;
        };
        auto [made, gave_up] = co_await (first() && impatient());
        BOOST_TEST(gave_up);
        BOOST_TEST(made == co_await sessions.get_or_create("x"));
        BOOST_TEST(fakes.books().made == 1);
        BOOST_TEST(fakes.books().stops == 0);
    }());
}

BOOST_AUTO_TEST_CASE(max_sessions_refuses_a_new_session_with_the_limit_message)
{
    fake_factory fakes;
    run_task([&]() -> task<void> {
        session_manager sessions(co_await asio::this_coro::executor,
                                 {.factory = fakes.make(), .max_sessions = 2});
        co_await sessions.get_or_create("a");
        co_await sessions.get_or_create("b");
        try
        {
            co_await sessions.get_or_create("c");
            BOOST_FAIL("expected the session limit");
        }
        catch (const error& e)
        {
            BOOST_TEST(e.condition() == errc::unavailable);
            BOOST_TEST(std::string(e.what()) ==
                       "Session limit of 2 reached. Release an idle session before opening another.");
        }
        BOOST_TEST(fakes.books().made == 2);
        // A session already open is still served at the limit.
        co_await sessions.get_or_create("a");
        BOOST_TEST(co_await sessions.release("b"));
        co_await sessions.get_or_create("c");
        BOOST_TEST((sessions.session_ids() == std::vector<std::string>{"a", "c"}));
    }());
}

BOOST_AUTO_TEST_CASE(max_sessions_counts_creations_under_way)
{
    fake_factory fakes({.start_delay = 50ms});
    run_task([&]() -> task<void> {
        session_manager sessions(co_await asio::this_coro::executor,
                                 {.factory = fakes.make(), .max_sessions = 2});
        auto attempt = [&](std::string id) -> task<bool> {
            try
            {
                co_await sessions.get_or_create(id);
                co_return true;
            }
            catch (const error& e)
            {
                BOOST_TEST(e.condition() == errc::unavailable);
                co_return false;
            }
        };
        std::vector<task<bool>> calls;
        for (auto id : {"a", "b", "c"})
            calls.push_back(attempt(id));
        auto opened = co_await detail::gather(std::move(calls));
        BOOST_TEST(std::count(opened.begin(), opened.end(), true) == 2);
        BOOST_TEST(sessions.size() == 2u);
        BOOST_TEST(fakes.books().made == 2);
    }());
}

BOOST_AUTO_TEST_CASE(release_stops_forgets_and_reports_the_session)
{
    fake_factory fakes;
    std::vector<std::string> released;
    run_task([&]() -> task<void> {
        session_manager sessions(
            co_await asio::this_coro::executor,
            {.factory = fakes.make(), .on_release = [&](std::string_view id) { released.emplace_back(id); }});
        co_await sessions.get_or_create("alice");
        auto box = fakes.latest("alice");
        BOOST_TEST(co_await sessions.release("alice"));
        BOOST_TEST(box->stopped);
        BOOST_TEST(!sessions.contains("alice"));
        BOOST_TEST(!co_await sessions.release("alice"));
        BOOST_TEST(!co_await sessions.release("nobody"));
    }());
    BOOST_TEST((released == std::vector<std::string>{"alice"}));
}

BOOST_AUTO_TEST_CASE(release_propagates_a_stop_failure_and_forgets_the_session)
{
    fake_factory fakes({.fail_stop = true});
    int released = 0;
    run_task([&]() -> task<void> {
        session_manager sessions(
            co_await asio::this_coro::executor,
            {.factory = fakes.make(), .on_release = [&](std::string_view) { ++released; }});
        co_await sessions.get_or_create("alice");
        bool threw = false;
        try
        {
            co_await sessions.release("alice");
        }
        catch (const error& e)
        {
            threw = true;
            BOOST_TEST(std::string(e.what()) == "stop failed for alice");
        }
        BOOST_TEST(threw);
        BOOST_TEST(!sessions.contains("alice"));
    }());
    BOOST_TEST(released == 0);
}

BOOST_AUTO_TEST_CASE(factory_receives_the_asked_runtime_else_the_default)
{
    fake_factory fakes;
    run_task([&]() -> task<void> {
        session_manager sessions(co_await asio::this_coro::executor,
                                 {.factory = fakes.make(), .default_runtime = get_runtime("python-minimal")});
        co_await sessions.get_or_create("a");
        co_await sessions.get_or_create("b", get_runtime("node-minimal"));
    }());
    BOOST_TEST((fakes.runtimes() == std::vector<std::string>{"python-minimal", "node-minimal"}));
}

BOOST_AUTO_TEST_CASE(factory_without_a_default_runtime_receives_none)
{
    fake_factory fakes;
    run_task([&]() -> task<void> {
        session_manager sessions(co_await asio::this_coro::executor, {.factory = fakes.make()});
        co_await sessions.get_or_create("a");
    }());
    BOOST_TEST((fakes.runtimes() == std::vector<std::string>{"<none>"}));
}

BOOST_AUTO_TEST_CASE(factory_making_no_sandbox_is_an_error)
{
    run_task([&]() -> task<void> {
        session_manager sessions(co_await asio::this_coro::executor,
                                 {.factory = [](std::string_view, const std::optional<runtime_config>&) {
                                     return std::shared_ptr<sandbox>();
                                 }});
        bool threw = false;
        try
        {
            co_await sessions.get_or_create("a");
        }
        catch (const error& e)
        {
            threw = true;
            BOOST_TEST(e.condition() == errc::unavailable);
        }
        BOOST_TEST(threw);
        BOOST_TEST(sessions.size() == 0u);
    }());
}

BOOST_AUTO_TEST_SUITE_END()
