// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// local_backend shared by many coroutines on several threads, and cancelled mid-search.
#include <agent_backends/error.hpp>
#include <agent_backends/local_backend.hpp>

#include "common/printers.hpp"
#include "common/temp_dir.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
using namespace agent_backends;
using agent_backends::test::temp_dir;
using namespace std::chrono_literals;

namespace {

constexpr int workers = 100;

double milliseconds(std::chrono::steady_clock::duration d)
{
    return std::chrono::duration<double, std::milli>(d).count();
}

std::string slot(int i)
{
    return "[slot " + std::to_string(i) + "]\n";
}

std::string done(int i)
{
    return "[done " + std::to_string(i) + "]\n";
}

/// Boost.Test assertions are for the main thread only: the coroutines report through exceptions.
void check(bool ok, const std::string& what)
{
    if (!ok)
        throw std::runtime_error(what);
}

/// One coroutine's mix of operations on its own file and on files every coroutine shares.
task<void> worker(local_backend& b, int i)
{
    const auto n = std::to_string(i);
    const auto own = "/own/" + n + ".txt";
    const auto value = "value " + n + "\n";
    check((co_await b.write(own, value)).path == own, "write path of " + own);
    check(co_await b.read_bytes(own) == value, "read_bytes of " + own);
    check((co_await b.edit(own, {"value", "edited"})).occurrences == 1u, "edit of " + own);
    check(co_await b.read(own) == "     1\tedited " + n, "read of " + own);

    // Shared: every coroutine edits its own slot of one file; none may lose another's change.
    check((co_await b.edit("/shared.txt", {slot(i), done(i)})).occurrences == 1u, "edit of slot " + n);
    auto mine = co_await b.grep({.pattern = "\\[done " + n + "\\]", .path = "/shared.txt"});
    check(mine.size() == 1u, "grep for done " + n);

    // Shared: everyone overwrites the same file whole; readers see one whole version, never a mix.
    co_await b.write("/last.txt", std::string(10'000, static_cast<char>('a' + i % 26)));
    auto last = co_await b.read_bytes("/last.txt");
    check(last.size() == 10'000u && last.find_first_not_of(last[0]) == std::string::npos, "torn /last.txt");

    check((co_await b.glob(n + ".txt", "/own")).size() == 1u, "glob for " + own);
    check(co_await b.exists(own), "exists " + own);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(local_backend_concurrency)

BOOST_AUTO_TEST_CASE(a_hundred_coroutines_on_four_threads_share_one_backend)
{
    temp_dir ws;
    std::string shared;
    for (int i = 0; i < workers; ++i)
        shared += slot(i);
    ws.write("shared.txt", shared);

    asio::thread_pool pool(4);
    local_backend b(pool.get_executor(), {.root = ws.str(), .enable_execute = false});
    asio::io_context io(4);
    std::atomic<int> finished{0};
    std::mutex failures_mutex;
    std::vector<std::string> failures;
    for (int i = 0; i < workers; ++i)
        asio::co_spawn(io, worker(b, i), [&](std::exception_ptr e) {
            ++finished;
            if (!e)
                return;
            try
            {
                std::rethrow_exception(e);
            }
            catch (const std::exception& x)
            {
                std::lock_guard lock(failures_mutex);
                failures.push_back(x.what());
            }
        });
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] { io.run(); });
    for (auto& t : threads)
        t.join();

    BOOST_TEST(finished.load() == workers);
    BOOST_TEST(failures.empty(), (failures.empty() ? std::string() : failures.front()));
    std::string expected;
    for (int i = 0; i < workers; ++i)
        expected += done(i);
    BOOST_TEST(ws.read("shared.txt") == expected);
    for (int i = 0; i < workers; ++i)
        BOOST_TEST(ws.read("own/" + std::to_string(i) + ".txt") == "edited " + std::to_string(i) + "\n");
    auto last = ws.read("last.txt");
    BOOST_TEST(last.size() == 10'000u);
    BOOST_TEST(last.find_first_not_of(last[0]) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(cancelling_a_grep_on_a_big_tree_aborts_it_promptly)
{
    temp_dir ws;
    // 40,000 files of 4 KB (160 MB): a whole search takes far longer than the few milliseconds given.
    const std::string body = [] {
        std::string s;
        for (int l = 0; l < 64; ++l)
            s += "some ordinary line of text that will never match the pattern " + std::to_string(l) + "\n";
        return s;
    }();
    for (int d = 0; d < 200; ++d)
    {
        const auto dir = ws.path() / ("dir" + std::to_string(d));
        std::filesystem::create_directories(dir);
        for (int f = 0; f < 200; ++f)
            std::ofstream(dir / ("file" + std::to_string(f) + ".txt"), std::ios::binary) << body;
    }

    asio::thread_pool pool(2);
    local_backend b(pool.get_executor(), {.root = ws.str(), .enable_execute = false});
    asio::io_context io;
    const grep_request request{.pattern = "no such (text|words) here \\d+"};

    // The whole search, for scale.
    auto whole_start = std::chrono::steady_clock::now();
    std::exception_ptr whole_failure;
    asio::co_spawn(io, b.grep(request),
                   [&](std::exception_ptr e, std::vector<grep_match>) { whole_failure = e; });
    io.run();
    io.restart();
    const auto whole = std::chrono::steady_clock::now() - whole_start;
    BOOST_TEST(!whole_failure);

    asio::cancellation_signal cancel;
    std::chrono::steady_clock::time_point cancelled_at, completed_at;
    std::exception_ptr failure;
    bool completed = false;
    asio::co_spawn(
        io, b.grep(request),
        asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, std::vector<grep_match>) {
            completed_at = std::chrono::steady_clock::now();
            failure = e;
            completed = true;
        }));
    asio::steady_timer timer(io, 5ms);
    timer.async_wait([&](boost::system::error_code) {
        cancelled_at = std::chrono::steady_clock::now();
        cancel.emit(asio::cancellation_type::terminal);
    });
    io.run();

    BOOST_REQUIRE(completed);
    const auto latency = completed_at - cancelled_at;
    BOOST_TEST_MESSAGE("whole grep " << milliseconds(whole) << " ms; cancelled after 5 ms, completed "
                                     << milliseconds(latency) << " ms after the cancellation");
    if (whole < 50ms)
    {
        BOOST_TEST_MESSAGE("the whole search took under 50 ms: too fast to tell a prompt cancellation apart");
        return;
    }
    BOOST_REQUIRE(failure);
    bool aborted = false;
    try
    {
        std::rethrow_exception(failure);
    }
    catch (const boost::system::system_error& e)
    {
        aborted = e.code() == asio::error::operation_aborted;
    }
    BOOST_TEST(aborted);
    BOOST_TEST(latency < std::min<std::chrono::steady_clock::duration>(whole / 2, 250ms));
}

BOOST_AUTO_TEST_SUITE_END()
