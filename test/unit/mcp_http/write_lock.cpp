// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// Turns at writing to one stream: arrival order, and a cancelled waiter leaves the queue.
#include "mcp/http/write_lock.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <exception>
#include <string>

namespace asio = boost::asio;
using agent_backends::task;
using namespace agent_backends::detail::mcp_http;

namespace {

// Takes the lock, notes its name, yields once while holding it, and lets go.
task<void> take_turn(write_lock& lock, std::string& order, char name)
{
    co_await lock.lock();
    write_lock_guard guard(lock);
    order += name;
    co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
    order += name;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mcp_http_write_lock)

BOOST_AUTO_TEST_CASE(holders_take_turns_in_arrival_order)
{
    asio::io_context io;
    write_lock lock;
    std::string order;
    for (char name : {'a', 'b', 'c'})
        asio::co_spawn(io, take_turn(lock, order, name), asio::detached);
    io.run();
    BOOST_TEST(order == "aabbcc");
}

BOOST_AUTO_TEST_CASE(cancelled_waiter_leaves_the_queue_and_the_next_one_gets_the_lock)
{
    asio::io_context io;
    write_lock lock;
    std::string order;
    asio::steady_timer release(io, asio::steady_timer::time_point::max());
    auto hold = [&]() -> task<void> {
        co_await lock.lock();
        write_lock_guard guard(lock);
        order += 'h';
        co_await release.async_wait(asio::as_tuple(asio::use_awaitable));
    };
    asio::cancellation_signal cancel_b;
    std::exception_ptr b_failure;
    asio::co_spawn(io, hold(), asio::detached);
    asio::co_spawn(
        io, take_turn(lock, order, 'b'),
        asio::bind_cancellation_slot(cancel_b.slot(), [&](std::exception_ptr e) { b_failure = e; }));
    asio::co_spawn(io, take_turn(lock, order, 'c'), asio::detached);
    io.poll();  // the holder has the lock; b and c wait
    BOOST_TEST(order == "h");
    cancel_b.emit(asio::cancellation_type::terminal);
    io.poll();
    BOOST_REQUIRE(b_failure);
    BOOST_CHECK_THROW(std::rethrow_exception(b_failure), boost::system::system_error);
    release.cancel();
    io.run();
    BOOST_TEST(order == "hcc");
}

BOOST_AUTO_TEST_SUITE_END()
