// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/http/http_client.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "http_test_support.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

using namespace agent_backends;
using namespace agent_backends::test;
using namespace std::chrono_literals;
using namespace boost::asio::experimental::awaitable_operators;
namespace asio = boost::asio;
using kind = test_server::transport;
using std::chrono::steady_clock;

namespace {

double ms_since(steady_clock::time_point t)
{
    return std::chrono::duration<double, std::milli>(steady_clock::now() - t).count();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(http_client_cancellation)

BOOST_AUTO_TEST_CASE(stalled_server_times_out_within_the_request_timeout_and_the_connection_is_closed)
{
    bool client_closed = false;
    std::string message;
    auto started = steady_clock::now();
    auto code = error_of(
        [&] {
            run_task([&]() -> task<void> {
                auto handler = [&](server_connection& c) -> task<void> {
                    co_await c.read_request();
                    co_await c.read_to_end();  // never answers; returns once the client hangs up
                    client_closed = true;
                };
                http_pair p(co_await asio::this_coro::executor, kind::unix_socket, handler,
                            {.request_timeout = 300ms});
                co_await p.client.request({.target = "/containers/x/wait"});
            }());
        },
        message);
    auto elapsed = ms_since(started);
    BOOST_TEST(code == errc::timed_out);
    BOOST_TEST(message.starts_with("HTTP request GET /containers/x/wait to unix:///"));
    BOOST_TEST(message.ends_with("/http.sock timed out after 300 ms"));
    BOOST_TEST(elapsed >= 300.0);
    BOOST_TEST(elapsed < 1300.0);
    BOOST_TEST(client_closed);
}

BOOST_AUTO_TEST_CASE(request_timeout_of_the_request_overrides_the_clients_and_covers_the_body)
{
    std::string message;
    auto started = steady_clock::now();
    auto code = error_of(
        [&] {
            run_task([&]() -> task<void> {
                auto handler = [](server_connection& c) -> task<void> {
                    co_await c.read_request();
                    co_await c.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhalf of it");
                    co_await c.read_to_end();
                };
                http_pair p(co_await asio::this_coro::executor, kind::tcp, handler, {.request_timeout = 60s});
                co_await p.client.request({.timeout = 200ms});
            }());
        },
        message);
    auto elapsed = ms_since(started);
    BOOST_TEST(code == errc::timed_out);
    BOOST_TEST(message.find("timed out after 200 ms") != std::string::npos);
    BOOST_TEST(elapsed >= 200.0);
    BOOST_TEST(elapsed < 1200.0);
}

BOOST_AUTO_TEST_CASE(stalled_tls_handshake_times_out_within_the_connect_timeout)
{
    std::string message;
    std::string url;
    auto started = steady_clock::now();
    auto code = error_of(
        [&] {
            run_task([&]() -> task<void> {
                auto ex = co_await asio::this_coro::executor;
                // A plain TCP server that never answers the TLS ClientHello.
                test_server server(ex, kind::tcp,
                                   [](server_connection& c) -> task<void> { co_await c.read_to_end(); });
                auto ep = server.endpoint();
                ep.transport = http_transport::tls;
                url = ep.url();
                http_client client(ex, ep, {.connect_timeout = 250ms, .request_timeout = 60s});
                co_await client.request({});
            }());
        },
        message);
    auto elapsed = ms_since(started);
    BOOST_TEST(code == errc::timed_out);
    BOOST_TEST(message == "Connecting to " + url + " timed out after 250 ms");
    BOOST_TEST(elapsed >= 250.0);
    BOOST_TEST(elapsed < 1250.0);
}

BOOST_AUTO_TEST_CASE(bound_cancellation_signal_aborts_the_request_and_closes_its_connection)
{
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        asio::cancellation_signal cancel;
        test_event client_closed(ex);
        int connection_number = 0;
        auto handler = [&](server_connection& c) -> task<void> {
            if (++connection_number == 1)
            {
                co_await c.read_request();
                cancel.emit(asio::cancellation_type::terminal);
                co_await c.read_to_end();
                client_closed.set();
                co_return;
            }
            while (co_await c.read_request())
                co_await c.write(http_reply(200, "fresh"));
        };
        http_pair p(ex, kind::unix_socket, handler);
        test_event finished(ex);
        std::exception_ptr failure;
        asio::co_spawn(ex, p.client.request({}),
                       asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, http_response) {
                           failure = e;
                           finished.set();
                       }));
        co_await finished.wait();
        BOOST_TEST(is_operation_aborted(failure));
        co_await client_closed.wait();  // the server saw the connection end
        BOOST_TEST(p.client.idle_connections() == 0u);
        BOOST_TEST((co_await p.client.request({})).body == "fresh");
        BOOST_TEST(p.server.accepted() == 2);
    }());
}

BOOST_AUTO_TEST_CASE(losing_an_or_race_cancels_the_request)
{
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        test_event request_arrived(ex);
        test_event client_closed(ex);
        auto handler = [&](server_connection& c) -> task<void> {
            co_await c.read_request();
            request_arrived.set();
            co_await c.read_to_end();
            client_closed.set();
        };
        http_pair p(ex, kind::tcp, handler);
        auto winner = co_await (p.client.request({}) || request_arrived.wait());
        BOOST_TEST(winner.index() == 1u);
        co_await client_closed.wait();  // the cancelled request hung up
        BOOST_TEST(p.client.idle_connections() == 0u);
    }());
}

BOOST_AUTO_TEST_CASE(cancelling_a_stalled_connect_throws_operation_aborted)
{
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        test_event hello_arrived(ex);
        test_server server(ex, kind::tcp, [&](server_connection& c) -> task<void> {
            char some[1];
            co_await c.read_some(some);  // the ClientHello
            hello_arrived.set();
            co_await c.read_to_end();
        });
        auto ep = server.endpoint();
        ep.transport = http_transport::tls;
        http_client client(ex, ep);
        auto winner = co_await (client.request({}) || hello_arrived.wait());
        BOOST_TEST(winner.index() == 1u);
    }());
}

BOOST_AUTO_TEST_CASE(cancelled_response_stream_read_closes_the_stream)
{
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        auto handler = [&](server_connection& c) -> task<void> {
            co_await c.read_request();
            co_await c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n");
            co_await c.read_to_end();
        };
        http_pair p(ex, kind::unix_socket, handler);
        auto stream = co_await p.client.open({.target = "/containers/x/logs?follow=1"});
        std::string buffer(100, '\0');
        auto n = co_await stream.read_some(buffer);
        BOOST_TEST(buffer.substr(0, n) == "first");
        asio::cancellation_signal cancel;
        test_event finished(ex);
        std::exception_ptr failure;
        asio::co_spawn(ex, stream.read_some(buffer),
                       asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, std::size_t) {
                           failure = e;
                           finished.set();
                       }));
        asio::post(ex, [&] { cancel.emit(asio::cancellation_type::terminal); });
        co_await finished.wait();
        BOOST_TEST(is_operation_aborted(failure));
        BOOST_TEST(!stream.done());
        auto code = errc{};
        try
        {
            co_await stream.read_some(buffer);
        }
        catch (const error& e)
        {
            code = e.condition();
        }
        BOOST_TEST(code == errc::unavailable);
    }());
}

BOOST_AUTO_TEST_SUITE_END()
