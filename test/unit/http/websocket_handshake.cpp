// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/http/http_client.hpp>
#include <agent_backends/http/websocket_stream.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "http_test_support.hpp"
#include "websocket_test_server.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

using namespace agent_backends;
using namespace agent_backends::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using ws_kind = websocket_transport;

namespace {

const std::vector<std::string> k8s_protocols{"v5.channel.k8s.io", "v4.channel.k8s.io"};

const std::string forbidden_status =
    R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"sbx-1\" is )"
    R"(forbidden: User \"system:anonymous\" cannot create resource \"pods/exec\"","reason":"Forbidden",)"
    R"("details":{"name":"sbx-1","kind":"pods"},"code":403})";

// Accepts with `choice` and keeps the connection open until the client closes it.
websocket_test_server::handler_type accept_with(std::string choice, websocket_upgrade* seen = nullptr)
{
    return [choice, seen](websocket_peer& peer) -> task<void> {
        if (seen)
            *seen = peer.request;
        co_await peer.accept(choice);
        while (co_await peer.read())
        {}
    };
}

// The subprotocol the client ends up with, or the error of the handshake.
std::string negotiated(std::string server_choice, websocket_options opts)
{
    return run_task([&]() -> task<std::string> {
        websocket_pair p(co_await asio::this_coro::executor, ws_kind::tcp, accept_with(server_choice));
        auto ws = co_await p.client.connect_websocket({.target = "/exec"}, opts);
        std::string chosen = ws.subprotocol();
        co_await ws.close();
        co_return chosen;
    }());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(websocket_handshake)

BOOST_AUTO_TEST_CASE(server_picking_the_second_offer_is_the_subprotocol)
{
    BOOST_TEST(negotiated("v4.channel.k8s.io", {.subprotocols = k8s_protocols}) == "v4.channel.k8s.io");
    BOOST_TEST(negotiated("v5.channel.k8s.io", {.subprotocols = k8s_protocols,
                                                .require_subprotocol = true}) == "v5.channel.k8s.io");
}

BOOST_AUTO_TEST_CASE(server_choosing_none_leaves_the_subprotocol_empty)
{
    BOOST_TEST(negotiated("", {.subprotocols = k8s_protocols}) == "");
    BOOST_TEST(negotiated("", {}) == "");
}

BOOST_AUTO_TEST_CASE(require_subprotocol_fails_protocol_error_when_the_server_chooses_none)
{
    std::string message;
    BOOST_TEST(error_of([&] { negotiated("", {.subprotocols = k8s_protocols, .require_subprotocol = true}); },
                        message) == errc::protocol_error);
    BOOST_TEST(
        message.find("chose none of the offered subprotocols (v5.channel.k8s.io, v4.channel.k8s.io)") !=
        std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_subprotocol_that_was_not_offered_fails_protocol_error)
{
    std::string message;
    BOOST_TEST(error_of([&] { negotiated("v3.channel.k8s.io", {.subprotocols = k8s_protocols}); }, message) ==
               errc::protocol_error);
    BOOST_TEST(message.find("chose the subprotocol 'v3.channel.k8s.io', which was not offered") !=
               std::string::npos);
    BOOST_TEST(error_of([&] { negotiated("chat", {}); }) == errc::protocol_error);
}

BOOST_AUTO_TEST_CASE(request_headers_go_with_the_handshake)
{
    websocket_upgrade seen;
    run_task([&]() -> task<void> {
        websocket_pair p(co_await asio::this_coro::executor, ws_kind::tcp, accept_with("", &seen));
        auto ws = co_await p.client.connect_websocket(
            {.target = "/api/v1/namespaces/agents/pods/sbx-1/exec?command=sh&command=-c&stdout=true",
             .headers = {{"Authorization", "Bearer fake-token"},
                         {"X-Trace", "a"},
                         {"X-Trace", "b"},
                         {"Connection", "keep-alive"}}},
            {.subprotocols = k8s_protocols});
        co_await ws.close();
    }());
    BOOST_TEST(seen.target == "/api/v1/namespaces/agents/pods/sbx-1/exec?command=sh&command=-c&stdout=true");
    BOOST_TEST(seen.headers.find("Authorization").value_or("") == "Bearer fake-token");
    BOOST_TEST(seen.headers.find("Sec-WebSocket-Protocol").value_or("") ==
               "v5.channel.k8s.io, v4.channel.k8s.io");
    BOOST_TEST(seen.headers.find("Sec-WebSocket-Version").value_or("") == "13");
    BOOST_TEST(seen.headers.find("Upgrade").value_or("") == "websocket");
    BOOST_TEST(seen.headers.find("User-Agent").value_or("") == "agent-backends");
    BOOST_TEST(seen.headers.find("Host").value_or("").starts_with("127.0.0.1:"));
    int traces = 0;
    for (const auto& [name, value] : seen.headers)
        traces += name == "X-Trace";
    BOOST_TEST(traces == 2);
}

BOOST_AUTO_TEST_CASE(refused_handshake_keeps_status_headers_and_body)
{
    for (auto kind : {ws_kind::tcp, ws_kind::unix_socket, ws_kind::tls})
    {
        if (!transport_available(kind))
            continue;
        BOOST_TEST_CONTEXT(transport_name(kind))
        {
            run_task([&]() -> task<void> {
                auto handler = [](websocket_peer& peer) -> task<void> {
                    co_await peer.refuse(403, forbidden_status);
                };
                websocket_pair p(co_await asio::this_coro::executor, kind, handler);
                bool thrown = false;
                try
                {
                    co_await p.client.connect_websocket(
                        {.target = "/api/v1/namespaces/agents/pods/sbx-1/exec"},
                        {.subprotocols = k8s_protocols});
                }
                catch (const websocket_handshake_error& e)
                {
                    thrown = true;
                    BOOST_TEST(e.condition() == errc::unavailable);
                    BOOST_TEST(e.response().status == 403u);
                    BOOST_TEST(e.response().reason == "Forbidden");
                    BOOST_TEST(e.response().headers.find("Content-Type").value_or("") == "application/json");
                    BOOST_TEST(e.response().body == forbidden_status);
                    std::string expected_start = "WebSocket handshake with " + p.server.url() +
                                                 "/api/v1/namespaces/agents/pods/sbx-1/exec refused: 403 "
                                                 "Forbidden: {\"kind\":\"Status\"";
                    BOOST_TEST(std::string(e.what()).starts_with(expected_start), e.what());
                    BOOST_TEST(std::string(e.what()).ends_with("..."));  // the body is cut at 200 bytes
                }
                BOOST_TEST(thrown);
            }());
        }
    }
}

BOOST_AUTO_TEST_CASE(refusal_body_is_bounded_by_max_body_bytes)
{
    run_task([&]() -> task<void> {
        auto handler = [](websocket_peer& peer) -> task<void> {
            co_await peer.refuse(404, forbidden_status);
        };
        websocket_pair p(co_await asio::this_coro::executor, ws_kind::unix_socket, handler,
                         {.max_body_bytes = 16});
        std::string body = "unset";
        try
        {
            co_await p.client.connect_websocket({.target = "/exec"});
        }
        catch (const websocket_handshake_error& e)
        {
            body = e.response().body;
        }
        BOOST_TEST(body == forbidden_status.substr(0, 16));
    }());
}

BOOST_AUTO_TEST_CASE(a_101_with_a_wrong_accept_key_fails_protocol_error)
{
    std::string message;
    auto code = error_of(
        [&] {
            run_task([&]() -> task<void> {
                auto handler = [](server_connection& c) -> task<void> {
                    co_await c.read_request();
                    co_await c.write(
                        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                        "Connection: Upgrade\r\nSec-WebSocket-Accept: d3Jvbmc=\r\n\r\n");
                    co_await c.read_to_end();
                };
                http_pair p(co_await asio::this_coro::executor, test_server::transport::tcp, handler);
                co_await p.client.connect_websocket({.target = "/ws"});
            }());
        },
        message);
    BOOST_TEST(code == errc::protocol_error);
    BOOST_TEST(message.find("failed: the 101 answer breaks RFC 6455") != std::string::npos, message);
}

BOOST_AUTO_TEST_CASE(a_server_that_closes_without_answering_fails_protocol_error)
{
    std::string message;
    auto code = error_of(
        [&] {
            run_task([&]() -> task<void> {
                auto handler = [](server_connection& c) -> task<void> {
                    co_await c.read_request();
                    c.close();
                };
                http_pair p(co_await asio::this_coro::executor, test_server::transport::tcp, handler);
                co_await p.client.connect_websocket({.target = "/ws"});
            }());
        },
        message);
    BOOST_TEST(code == errc::protocol_error);
    BOOST_TEST(message.find("no valid HTTP answer") != std::string::npos, message);
}

BOOST_AUTO_TEST_CASE(handshake_against_a_silent_server_times_out)
{
    std::string message;
    auto started = std::chrono::steady_clock::now();
    auto code = error_of(
        [&] {
            run_task([&]() -> task<void> {
                auto handler = [](server_connection& c) -> task<void> { co_await c.read_to_end(); };
                http_pair p(co_await asio::this_coro::executor, test_server::transport::tcp, handler);
                co_await p.client.connect_websocket({.target = "/ws", .timeout = 300ms});
            }());
        },
        message);
    auto elapsed = std::chrono::steady_clock::now() - started;
    BOOST_TEST(code == errc::timed_out);
    BOOST_TEST(message.find("WebSocket handshake with http://127.0.0.1:") == 0u, message);
    BOOST_TEST(message.find("/ws timed out after 300 ms") != std::string::npos, message);
    BOOST_TEST(elapsed >= 300ms);
    BOOST_TEST(elapsed < 3s);
}

BOOST_AUTO_TEST_CASE(connect_failure_names_the_endpoint)
{
    temp_dir dir;
    std::string message;
    auto code = error_of(
        [&] {
            run_task([&]() -> task<void> {
                http_client client(co_await asio::this_coro::executor,
                                   http_endpoint::parse("unix://" + dir.str() + "/nobody.sock"));
                co_await client.connect_websocket({.target = "/ws"});
            }());
        },
        message);
    BOOST_TEST(code == errc::unavailable);
    BOOST_TEST(message.find("Cannot connect to unix://" + dir.str() + "/nobody.sock") == 0u, message);
}

BOOST_AUTO_TEST_CASE(a_handshake_is_a_get_without_body)
{
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, http_endpoint::parse("http://127.0.0.1:1"));
        std::string message;
        try
        {
            co_await client.connect_websocket({.method = "POST", .target = "/ws"});
        }
        catch (const error& e)
        {
            BOOST_TEST(e.condition() == errc::invalid_argument);
            message = e.what();
        }
        BOOST_TEST(message == "Invalid WebSocket request: the handshake is a GET request, not POST");
        try
        {
            co_await client.connect_websocket({.target = "/ws"}, {.subprotocols = {"a b"}});
            BOOST_FAIL("expected an error");
        }
        catch (const error& e)
        {
            BOOST_TEST(e.condition() == errc::invalid_argument);
        }
    }());
}

BOOST_AUTO_TEST_CASE(cancelling_the_handshake_throws_operation_aborted_and_drops_the_connection)
{
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        test_event request_seen(ex), client_gone(ex);
        auto handler = [&](server_connection& c) -> task<void> {
            co_await c.read_request();
            request_seen.set();
            co_await c.read_to_end();
            client_gone.set();
        };
        http_pair p(ex, test_server::transport::tcp, handler);
        asio::cancellation_signal cancel;
        test_event finished(ex);
        std::exception_ptr failure;
        auto connect = [&]() -> task<void> { co_await p.client.connect_websocket({.target = "/ws"}); };
        asio::co_spawn(ex, connect(), asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e) {
                           failure = e;
                           finished.set();
                       }));
        co_await request_seen.wait();
        cancel.emit(asio::cancellation_type::terminal);
        co_await finished.wait();
        BOOST_TEST(is_operation_aborted(failure));
        co_await client_gone.wait();
    }());
}

BOOST_AUTO_TEST_SUITE_END()
