// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/http/http_client.hpp>
#include <agent_backends/http/upgraded_stream.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "http_test_support.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

using namespace agent_backends;
using namespace agent_backends::test;
namespace asio = boost::asio;
using kind = test_server::transport;

namespace {

// A Docker multiplexed-stream frame: type, three zero bytes, big-endian length, payload.
std::string frame(char type, std::string_view payload)
{
    std::string f{type, 0, 0, 0};
    auto n = static_cast<std::uint32_t>(payload.size());
    f += static_cast<char>(n >> 24);
    f += static_cast<char>(n >> 16);
    f += static_cast<char>(n >> 8);
    f += static_cast<char>(n);
    f += payload;
    return f;
}

const std::string docker_101 =
    "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\nConnection: "
    "Upgrade\r\n"
    "Upgrade: tcp\r\nApi-Version: 1.43\r\n\r\n";

task<std::string> read_exactly(upgraded_stream& s, std::size_t n)
{
    std::string out;
    char buffer[7];  // small on purpose: pieces must join up
    while (out.size() < n)
    {
        auto got = co_await s.read_some(std::span<char>(buffer, std::min(sizeof buffer, n - out.size())));
        if (got == 0)
            break;
        out.append(buffer, got);
    }
    co_return out;
}

task<std::string> read_to_end(upgraded_stream& s)
{
    std::string out;
    char buffer[4096];
    while (auto got = co_await s.read_some(buffer))
        out.append(buffer, got);
    co_return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(upgraded_stream_tests)

BOOST_AUTO_TEST_CASE(upgrade_returns_bytes_buffered_behind_the_101_then_a_full_duplex_stream)
{
    for (auto transport : {kind::unix_socket, kind::tcp})
    {
        BOOST_TEST_CONTEXT(transport_name(transport))
        {
            std::optional<received_request> seen;
            std::string stdin_received;
            auto handler = [&](server_connection& c) -> task<void> {
                seen = co_await c.read_request();
                // The header and the first frames leave in one write, so they arrive together.
                co_await c.write(docker_101 + frame(1, "hello ") + frame(2, "warning\n"));
                stdin_received = co_await c.read_to_end();  // until the client half-closes
                co_await c.write(frame(1, "got " + stdin_received));
                c.shutdown_send();
            };
            run_task([&]() -> task<void> {
                http_pair p(co_await asio::this_coro::executor, transport, handler);
                auto s = co_await p.client.upgrade({.method = "POST",
                                                    .target = "/exec/abc/start",
                                                    .headers = {{"Content-Type", "application/json"}},
                                                    .body = R"({"Detach":false,"Tty":false})"});
                BOOST_TEST(s.status() == 101u);
                BOOST_TEST(s.response().reason == "UPGRADED");
                BOOST_TEST(s.is_open());
                BOOST_TEST(co_await read_exactly(s, 14 + 16) == frame(1, "hello ") + frame(2, "warning\n"));
                co_await s.write("input bytes");
                co_await s.shutdown_send();
                BOOST_TEST(co_await read_to_end(s) == frame(1, "got input bytes"));
                BOOST_TEST(p.client.idle_connections() == 0u);
            }());
            BOOST_REQUIRE(seen);
            BOOST_TEST(seen->headers.find("Connection").value_or("") == "Upgrade");
            BOOST_TEST(seen->headers.find("Upgrade").value_or("") == "tcp");
            BOOST_TEST(seen->body == R"({"Detach":false,"Tty":false})");
            BOOST_TEST(stdin_received == "input bytes");
        }
    }
}

BOOST_AUTO_TEST_CASE(hijack_with_200_and_a_raw_stream_counts_as_a_switch)
{
    auto handler = [](server_connection& c) -> task<void> {
        co_await c.read_request();
        co_await c.write(
            "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\nraw output");
        c.close();
    };
    run_task([&]() -> task<void> {
        http_pair p(co_await asio::this_coro::executor, kind::unix_socket, handler);
        auto s = co_await p.client.upgrade({.method = "POST", .target = "/exec/abc/start", .body = "{}"});
        BOOST_TEST(s.status() == 200u);
        BOOST_TEST(s.is_open());
        BOOST_TEST(co_await read_to_end(s) == "raw output");
    }());
}

BOOST_AUTO_TEST_CASE(refused_upgrade_returns_the_error_body_and_a_closed_stream)
{
    run_task([&]() -> task<void> {
        http_pair p(co_await asio::this_coro::executor, kind::unix_socket,
                    answer_every_request(http_reply(404, R"({"message":"No such exec instance: abc"})")));
        auto s = co_await p.client.upgrade({.method = "POST", .target = "/exec/abc/start", .body = "{}"});
        BOOST_TEST(s.status() == 404u);
        BOOST_TEST(!s.is_open());
        BOOST_TEST(s.response().body == R"({"message":"No such exec instance: abc"})");
        std::string message;
        try
        {
            char b[4];
            co_await s.read_some(b);
        }
        catch (const error& e)
        {
            BOOST_TEST(e.condition() == errc::unavailable);
            message = e.what();
        }
        BOOST_TEST(message.find("is not open (the server answered 404)") != std::string::npos);
    }());
}

BOOST_AUTO_TEST_CASE(cancelled_read_closes_the_upgraded_stream)
{
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        test_event client_closed(ex);
        auto handler = [&](server_connection& c) -> task<void> {
            co_await c.read_request();
            co_await c.write(docker_101);
            co_await c.read_to_end();
            client_closed.set();
        };
        http_pair p(ex, kind::tcp, handler);
        auto s = co_await p.client.upgrade({.method = "POST", .target = "/exec/abc/start"});
        asio::cancellation_signal cancel;
        test_event finished(ex);
        std::exception_ptr failure;
        char buffer[16];
        asio::co_spawn(ex, s.read_some(buffer),
                       asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, std::size_t) {
                           failure = e;
                           finished.set();
                       }));
        asio::post(ex, [&] { cancel.emit(asio::cancellation_type::terminal); });
        co_await finished.wait();
        BOOST_TEST(is_operation_aborted(failure));
        BOOST_TEST(!s.is_open());
        co_await client_closed.wait();
    }());
}

BOOST_AUTO_TEST_CASE(close_ends_a_pending_read_and_the_server_sees_the_end)
{
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        test_event client_closed(ex);
        auto handler = [&](server_connection& c) -> task<void> {
            co_await c.read_request();
            co_await c.write(docker_101);
            co_await c.read_to_end();
            client_closed.set();
        };
        http_pair p(ex, kind::unix_socket, handler);
        auto s = co_await p.client.upgrade({.method = "POST", .target = "/exec/abc/start"});
        s.close();
        BOOST_TEST(!s.is_open());
        co_await client_closed.wait();
    }());
}

BOOST_AUTO_TEST_SUITE_END()
