// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/ensure_async.hpp>
#include <agent_backends/error.hpp>
#include <agent_backends/with_timeout.hpp>

#include "common/printers.hpp"
#include "common/run_task.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <thread>

namespace asio = boost::asio;
using namespace agent_backends;
using namespace std::chrono_literals;
using agent_backends::test::run_task;

namespace {

// A synchronous backend that records which thread served it; `grep` spins until cancelled.
class probe_backend final : public sync_backend
{
public:
    std::atomic<std::thread::id> last_thread{};
    std::atomic<bool> grep_saw_cancellation{false};

    bool exists(std::string_view path) override
    {
        last_thread = std::this_thread::get_id();
        return path == "/yes";
    }
    std::vector<file_info> ls(std::string_view) override { return {}; }
    std::string read(std::string_view path, read_options opts) override
    {
        if (path == "/missing")
            throw error(errc::not_found, "File '/missing' not found");
        return std::string(path) + ":" + std::to_string(opts.offset) + ":" + std::to_string(opts.limit);
    }
    std::string read_bytes(std::string_view) override { return {}; }
    write_result write(std::string_view path, std::string_view) override { return {std::string(path)}; }
    edit_result edit(std::string_view path, edit_request) override { return {std::string(path), 1}; }
    std::vector<file_info> glob(std::string_view, std::string_view) override { return {}; }
    std::vector<grep_match> grep(grep_request) override
    {
        while (!cancellation_requested())
            std::this_thread::sleep_for(1ms);
        grep_saw_cancellation = true;
        throw_if_cancellation_requested();
        return {};
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(ensure_async_tests)

BOOST_AUTO_TEST_CASE(calls_run_on_the_pool_and_return_results)
{
    asio::thread_pool pool(1);
    auto sync = std::make_shared<probe_backend>();
    auto async = ensure_async(sync, pool.get_executor());
    BOOST_TEST(run_task(async->exists("/yes")));
    BOOST_TEST(!run_task(async->exists("/no")));
    BOOST_TEST(sync->last_thread.load() != std::this_thread::get_id());
    BOOST_TEST(run_task(async->read("/f", {.offset = 3, .limit = 7})) == "/f:3:7");
}

BOOST_AUTO_TEST_CASE(errors_propagate_with_their_code_and_message)
{
    asio::thread_pool pool(1);
    auto async = ensure_async(std::make_shared<probe_backend>(), pool.get_executor());
    try
    {
        run_task(async->read("/missing"));
        BOOST_FAIL("expected an error");
    }
    catch (const error& e)
    {
        BOOST_TEST(e.condition() == errc::not_found);
        BOOST_TEST(std::string(e.what()) == "File '/missing' not found");
    }
}

BOOST_AUTO_TEST_CASE(views_to_temporaries_are_copied_before_the_pool_runs)
{
    asio::thread_pool pool(1);
    auto async = ensure_async(std::make_shared<probe_backend>(), pool.get_executor());
    auto t = [&]() -> task<std::string> {
        std::string path = "/temporary";
        auto op = async->read(path);  // stored, not awaited at once
        path.assign("/overwritten");
        co_return co_await std::move(op);
    };
    BOOST_TEST(run_task(t()) == "/temporary:0:2000");
}

BOOST_AUTO_TEST_CASE(cancellation_reaches_the_synchronous_call_and_throws_operation_aborted)
{
    asio::thread_pool pool(1);
    auto sync = std::make_shared<probe_backend>();
    auto async = ensure_async(sync, pool.get_executor());
    auto t = [&]() -> task<void> {
        using namespace asio::experimental::awaitable_operators;
        asio::steady_timer timer(co_await asio::this_coro::executor, 20ms);
        co_await (async->grep({.pattern = "x"}) || timer.async_wait(asio::use_awaitable));
    };
    run_task(t());
    BOOST_TEST(sync->grep_saw_cancellation.load());
}

BOOST_AUTO_TEST_CASE(with_timeout_throws_timed_out_and_stops_the_call)
{
    asio::thread_pool pool(1);
    auto sync = std::make_shared<probe_backend>();
    auto async = ensure_async(sync, pool.get_executor());
    try
    {
        run_task(with_timeout(async->grep({.pattern = "x"}), 30ms));
        BOOST_FAIL("expected a timeout");
    }
    catch (const error& e)
    {
        BOOST_TEST(e.condition() == errc::timed_out);
        BOOST_TEST(std::string(e.what()) == "Operation timed out after 30 ms");
    }
    BOOST_TEST(sync->grep_saw_cancellation.load());
}

BOOST_AUTO_TEST_CASE(with_timeout_passes_a_failure_on_at_once_instead_of_waiting_out_the_limit)
{
    auto fail_now = []() -> task<int> { throw error(errc::not_found, "gone"); co_return 0; };
    auto fail_void = []() -> task<void> { throw error(errc::no_match, "absent"); co_return; };
    auto started = std::chrono::steady_clock::now();
    BOOST_CHECK_EXCEPTION(run_task(with_timeout(fail_now(), 30s)), error,
                          [](const error& e) { return e.condition() == errc::not_found; });
    BOOST_CHECK_EXCEPTION(run_task(with_timeout(fail_void(), 30s)), error,
                          [](const error& e) { return e.condition() == errc::no_match; });
    BOOST_TEST((std::chrono::steady_clock::now() - started < 10s));
    auto answer = []() -> task<int> { co_return 42; };
    BOOST_TEST(run_task(with_timeout(answer(), 30s)) == 42);
}

BOOST_AUTO_TEST_SUITE_END()
