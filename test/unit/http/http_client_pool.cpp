// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/http/http_client.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "http_test_support.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

using namespace agent_backends;
using namespace agent_backends::test;
using namespace boost::asio::experimental::awaitable_operators;
namespace asio = boost::asio;
using kind = test_server::transport;

BOOST_AUTO_TEST_SUITE(http_client_pool)

BOOST_AUTO_TEST_CASE(sequential_requests_reuse_one_connection)
{
    for (auto transport : {kind::unix_socket, kind::tcp})
    {
        BOOST_TEST_CONTEXT(transport_name(transport))
        {
            run_task([&]() -> task<void> {
                int served = 0;
                auto handler = [&](server_connection& c) -> task<void> {
                    while (co_await c.read_request())
                        co_await c.write(http_reply(200, std::to_string(++served)));
                };
                http_pair p(co_await asio::this_coro::executor, transport, handler);
                for (int i = 1; i <= 50; ++i)
                {
                    auto r = co_await p.client.request({.method = i % 2 ? "GET" : "POST", .body = "{}"});
                    BOOST_TEST(r.body == std::to_string(i));
                }
                BOOST_TEST(p.server.accepted() == 1);
                BOOST_TEST(p.client.idle_connections() == 1u);
            }());
        }
    }
}

BOOST_AUTO_TEST_CASE(concurrent_requests_use_separate_connections_and_the_pool_keeps_at_most_its_capacity)
{
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        int waiting = 0;
        test_event all_arrived(ex);
        auto handler = [&](server_connection& c) -> task<void> {
            while (co_await c.read_request())
            {
                if (++waiting == 3)
                    all_arrived.set();
                co_await all_arrived.wait();  // answer only once three requests are in flight at once
                co_await c.write(http_reply(200, "ok"));
            }
        };
        http_pair p(ex, kind::unix_socket, handler, {.max_idle_connections = 2});
        auto [a, b, c] = co_await (p.client.request({}) && p.client.request({}) && p.client.request({}));
        BOOST_TEST(a.body == "ok");
        BOOST_TEST(b.body == "ok");
        BOOST_TEST(c.body == "ok");
        BOOST_TEST(p.server.accepted() == 3);
        BOOST_TEST(p.client.idle_connections() == 2u);
        p.client.close_idle_connections();
        BOOST_TEST(p.client.idle_connections() == 0u);
    }());
}

BOOST_AUTO_TEST_CASE(connection_the_server_closed_while_idle_is_replaced_even_for_post)
{
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        test_event closed(ex);
        int connection_number = 0;
        auto handler = [&](server_connection& c) -> task<void> {
            int mine = ++connection_number;
            co_await c.read_request();
            co_await c.write(http_reply(200, "from " + std::to_string(mine)));
            if (mine == 1)
            {
                c.close();  // an idle timeout on the server side
                closed.set();
            }
            while (co_await c.read_request())
                co_await c.write(http_reply(200, "from " + std::to_string(mine)));
        };
        http_pair p(ex, kind::tcp, handler);
        BOOST_TEST((co_await p.client.request({})).body == "from 1");
        co_await closed.wait();
        BOOST_TEST(p.client.idle_connections() == 1u);
        // POST is never sent twice, so this passes only if the dead connection is noticed before sending.
        auto r = co_await p.client.request({.method = "POST", .body = "{}"});
        BOOST_TEST(r.body == "from 2");
        BOOST_TEST(p.server.accepted() == 2);
    }());
}

BOOST_AUTO_TEST_CASE(idempotent_request_is_retried_once_when_a_reused_connection_dies_unanswered)
{
    for (auto transport : {kind::unix_socket, kind::tcp})
    {
        BOOST_TEST_CONTEXT(transport_name(transport))
        {
            run_task([&]() -> task<void> {
                int connection_number = 0;
                auto handler = [&](server_connection& c) -> task<void> {
                    int mine = ++connection_number;
                    co_await c.read_request();
                    co_await c.write(http_reply(200, "from " + std::to_string(mine)));
                    if (mine == 1)
                    {
                        co_await c.read_request();  // takes the next request, then dies without a word
                        c.close();
                        co_return;
                    }
                    while (co_await c.read_request())
                        co_await c.write(http_reply(200, "from " + std::to_string(mine)));
                };
                http_pair p(co_await asio::this_coro::executor, transport, handler);
                BOOST_TEST((co_await p.client.request({})).body == "from 1");
                auto r =
                    co_await p.client.request({.method = "DELETE", .target = "/containers/x?force=true"});
                BOOST_TEST(r.body == "from 2");
                BOOST_TEST(p.server.accepted() == 2);
            }());
        }
    }
}

BOOST_AUTO_TEST_CASE(post_is_not_retried_when_a_reused_connection_dies_unanswered)
{
    int requests_seen = 0;
    std::string message;
    auto code = error_of(
        [&] {
            run_task([&]() -> task<void> {
                auto handler = [&](server_connection& c) -> task<void> {
                    co_await c.read_request();
                    ++requests_seen;
                    co_await c.write(http_reply(200, "first"));
                    co_await c.read_request();
                    ++requests_seen;
                    c.close();
                };
                http_pair p(co_await asio::this_coro::executor, kind::unix_socket, handler);
                co_await p.client.request({});
                co_await p.client.request({.method = "POST", .target = "/containers/x/exec", .body = "{}"});
            }());
        },
        message);
    BOOST_TEST(code == errc::protocol_error);
    BOOST_TEST(message.find("closed the connection without responding to POST /containers/x/exec") !=
               std::string::npos);
    BOOST_TEST(requests_seen == 2);
}

BOOST_AUTO_TEST_CASE(connection_close_from_the_server_is_honoured)
{
    run_task([&]() -> task<void> {
        auto handler = [](server_connection& c) -> task<void> {
            co_await c.read_request();
            co_await c.write(http_reply(200, "bye", "Connection: close\r\n"));
        };
        http_pair p(co_await asio::this_coro::executor, kind::unix_socket, handler);
        co_await p.client.request({});
        BOOST_TEST(p.client.idle_connections() == 0u);
        co_await p.client.request({});
        BOOST_TEST(p.server.accepted() == 2);
    }());
}

BOOST_AUTO_TEST_CASE(connections_idle_longer_than_idle_timeout_are_not_reused)
{
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        http_pair p(ex, kind::unix_socket, answer_every_request(http_reply(200, "x")),
                    {.idle_timeout = std::chrono::milliseconds(1)});
        co_await p.client.request({});
        asio::steady_timer pause(ex, std::chrono::milliseconds(20));  // let the idle connection age
        co_await pause.async_wait(asio::use_awaitable);
        co_await p.client.request({});
        BOOST_TEST(p.server.accepted() == 2);
    }());
}

BOOST_AUTO_TEST_SUITE_END()
