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
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <random>
#include <string>

using namespace agent_backends;
using namespace agent_backends::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using ws_kind = websocket_transport;

namespace agent_backends {
inline std::ostream& operator<<(std::ostream& os, const websocket_close& c)
{
    return os << "{" << c.code << ", " << c.reason << "}";
}
}  // namespace agent_backends

namespace {

// Sends every message back as it came, until the client closes.
task<void> echo(websocket_peer& peer)
{
    co_await peer.accept();
    while (auto message = co_await peer.read())
        co_await peer.write(std::move(message->data), message->binary);
}

std::string every_byte_value()
{
    std::string bytes(256, '\0');
    for (int i = 0; i < 256; ++i)
        bytes[i] = static_cast<char>(i);
    return bytes;
}

std::string random_bytes(std::size_t n)
{
    std::mt19937_64 gen(42);
    std::string out(n, '\0');
    for (auto& c : out)
        c = static_cast<char>(gen());
    return out;
}

// A server frame written by hand: FIN + opcode byte, then an unmasked payload under 126 bytes.
std::string raw_frame(unsigned char first_byte, std::string_view payload)
{
    std::string f{static_cast<char>(first_byte), static_cast<char>(payload.size())};
    return f + std::string(payload);
}

// A TCP server that completes the handshake by hand, then writes `bytes` and waits for the client to go.
test_server::handler_type raw_websocket(std::string bytes)
{
    return [bytes](server_connection& c) -> task<void> {
        auto request = co_await c.read_request();
        if (!request)
            co_return;
        auto key = std::string(request->headers.find("Sec-WebSocket-Key").value_or(""));
        co_await c.write(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Accept: " +
            websocket_accept_key(key) + "\r\n\r\n" + bytes);
        co_await c.read_to_end();
    };
}

// The error code and message the first read of a hand-made server's stream fails with.
failure first_read_failure(std::string server_bytes)
{
    return failure_of([&] {
        run_task([&]() -> task<void> {
            http_pair p(co_await asio::this_coro::executor, test_server::transport::tcp,
                        raw_websocket(server_bytes));
            auto ws = co_await p.client.connect_websocket({.target = "/ws"});
            while (co_await ws.read())
            {}
        }());
    });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(websocket_stream_tests)

BOOST_AUTO_TEST_CASE(binary_messages_keep_every_byte_value_over_every_transport)
{
    auto big = random_bytes(5 * 1024 * 1024);
    for (auto kind : {ws_kind::tcp, ws_kind::unix_socket, ws_kind::tls})
    {
        if (!transport_available(kind))
            continue;
        BOOST_TEST_CONTEXT(transport_name(kind))
        {
            run_task([&]() -> task<void> {
                websocket_pair p(co_await asio::this_coro::executor, kind, echo);
                auto ws = co_await p.client.connect_websocket({.target = "/echo"});
                BOOST_TEST(ws.is_open());
                BOOST_TEST(ws.response().status == 101u);
                co_await ws.write(every_byte_value());
                auto back = co_await ws.read();
                BOOST_REQUIRE(back);
                BOOST_TEST(back->binary);
                BOOST_TEST((back->data == every_byte_value()));
                co_await ws.write(big);
                back = co_await ws.read();
                BOOST_REQUIRE(back);
                BOOST_TEST(back->data.size() == big.size());
                BOOST_TEST((back->data == big));
                co_await ws.write("");
                back = co_await ws.read();
                BOOST_REQUIRE(back);
                BOOST_TEST(back->data.empty());
                co_await ws.close();
                BOOST_TEST(!ws.is_open());
            }());
        }
    }
}

BOOST_AUTO_TEST_CASE(text_messages_come_back_as_text)
{
    run_task([&]() -> task<void> {
        websocket_pair p(co_await asio::this_coro::executor, ws_kind::unix_socket, echo);
        auto ws = co_await p.client.connect_websocket({.target = "/echo"});
        co_await ws.write("h\xc3\xa9llo", false);
        auto back = co_await ws.read();
        BOOST_REQUIRE(back);
        BOOST_TEST((*back == websocket_message{"h\xc3\xa9llo", false}));
        co_await ws.close();
    }());
}

BOOST_AUTO_TEST_CASE(a_fragmented_message_is_read_whole)
{
    run_task([&]() -> task<void> {
        auto handler = [](websocket_peer& peer) -> task<void> {
            co_await peer.accept();
            co_await peer.write_fragments({std::string("\x01", 1), "first part, ", "", "last part"});
            co_await peer.write("next");
            while (co_await peer.read())
            {}
        };
        websocket_pair p(co_await asio::this_coro::executor, ws_kind::tcp, handler);
        auto ws = co_await p.client.connect_websocket({.target = "/frag"});
        auto whole = co_await ws.read();
        BOOST_REQUIRE(whole);
        BOOST_TEST(whole->data == std::string("\x01") + "first part, last part");
        auto next = co_await ws.read();
        BOOST_REQUIRE(next);
        BOOST_TEST(next->data == "next");
        co_await ws.close();
    }());
}

BOOST_AUTO_TEST_CASE(a_server_ping_is_answered_while_reading)
{
    std::vector<std::string> pongs;
    run_task([&]() -> task<void> {
        auto handler = [&](websocket_peer& peer) -> task<void> {
            co_await peer.accept();
            co_await peer.ping("are you there");
            co_await peer.write("after the ping");
            auto done = co_await peer.read();  // the pong arrives before the client's message
            BOOST_TEST((done && done->data == "done"));
            pongs = peer.pongs;
            while (co_await peer.read())
            {}
        };
        websocket_pair p(co_await asio::this_coro::executor, ws_kind::tcp, handler);
        auto ws = co_await p.client.connect_websocket({.target = "/ping"});
        auto message = co_await ws.read();  // answers the ping, then returns the message behind it
        BOOST_REQUIRE(message);
        BOOST_TEST(message->data == "after the ping");
        co_await ws.write("done");
        co_await ws.close();
    }());
    BOOST_TEST(pongs == std::vector<std::string>{"are you there"});
}

BOOST_AUTO_TEST_CASE(a_client_ping_reaches_the_server)
{
    std::vector<std::string> pings;
    run_task([&]() -> task<void> {
        auto handler = [&](websocket_peer& peer) -> task<void> {
            co_await peer.accept();
            co_await peer.read();
            pings = peer.pings;
            while (co_await peer.read())
            {}
        };
        websocket_pair p(co_await asio::this_coro::executor, ws_kind::unix_socket, handler);
        auto ws = co_await p.client.connect_websocket({.target = "/ping"});
        co_await ws.ping("hello?");
        co_await ws.write("done");
        co_await ws.close();
        std::string too_long(126, 'x');
        BOOST_TEST(error_of([&] { run_task(ws.ping(too_long)); }) == errc::invalid_argument);
    }());
    BOOST_TEST(pings == std::vector<std::string>{"hello?"});
}

BOOST_AUTO_TEST_CASE(a_silent_server_fails_a_read_timed_out_after_a_keep_alive_ping)
{
    std::string raw_from_client;
    std::string message;
    std::chrono::steady_clock::duration elapsed{};
    auto code = error_of(
        [&] {
            run_task([&]() -> task<void> {
                auto handler = [&](websocket_peer& peer) -> task<void> {
                    co_await peer.accept();
                    raw_from_client = co_await peer.read_raw_to_end();  // never answers the ping
                };
                websocket_pair p(co_await asio::this_coro::executor, ws_kind::tcp, handler);
                auto ws = co_await p.client.connect_websocket({.target = "/quiet"}, {.idle_timeout = 200ms});
                auto started = std::chrono::steady_clock::now();
                try
                {
                    co_await ws.read();
                }
                catch (...)
                {
                    elapsed = std::chrono::steady_clock::now() - started;
                    BOOST_TEST(!ws.is_open());
                    throw;
                }
            }());
        },
        message);
    BOOST_TEST(code == errc::timed_out);
    BOOST_TEST(message.find("timed out: nothing arrived for 200 ms and a keep-alive ping got no answer") !=
                   std::string::npos,
               message);
    BOOST_TEST(elapsed >= 390ms);
    BOOST_TEST(elapsed < 2s);
    BOOST_REQUIRE(!raw_from_client.empty());
    BOOST_TEST(static_cast<unsigned char>(raw_from_client[0]) == 0x89u);  // FIN + ping
}

BOOST_AUTO_TEST_CASE(keep_alive_pings_answered_by_the_server_hold_an_idle_connection)
{
    std::size_t pings_seen = 0;
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        auto handler = [&](websocket_peer& peer) -> task<void> {
            co_await peer.accept();
            // A read in the background answers the client's pings; the message comes 12 idle periods later.
            test_event reader_done(ex);
            asio::co_spawn(
                ex,
                [&]() -> task<void> {
                    while (co_await peer.read())
                    {}
                    reader_done.set();
                },
                asio::detached);
            asio::steady_timer quiet(ex, 600ms);
            co_await quiet.async_wait(asio::use_awaitable);
            pings_seen = peer.pings.size();
            co_await peer.write("still here");
            co_await reader_done.wait();
        };
        websocket_pair p(ex, ws_kind::tcp, handler);
        auto ws = co_await p.client.connect_websocket({.target = "/idle"}, {.idle_timeout = 50ms});
        auto answer = co_await ws.read();
        BOOST_REQUIRE(answer);
        BOOST_TEST(answer->data == "still here");
        co_await ws.close();
    }());
    BOOST_TEST(pings_seen >= 3u);
}

BOOST_AUTO_TEST_CASE(the_servers_close_frame_ends_reads_with_its_code_and_reason)
{
    for (auto kind : {ws_kind::tcp, ws_kind::unix_socket, ws_kind::tls})
    {
        if (!transport_available(kind))
            continue;
        BOOST_TEST_CONTEXT(transport_name(kind))
        {
            run_task([&]() -> task<void> {
                auto handler = [](websocket_peer& peer) -> task<void> {
                    co_await peer.accept("v5.channel.k8s.io");
                    co_await peer.write(std::string("\x03{\"status\":\"Success\"}"));
                    co_await peer.close(4000, "exec finished");
                };
                websocket_pair p(co_await asio::this_coro::executor, kind, handler);
                auto ws = co_await p.client.connect_websocket({.target = "/exec"},
                                                              {.subprotocols = {"v5.channel.k8s.io"}});
                auto status = co_await ws.read();
                BOOST_REQUIRE(status);
                BOOST_TEST(status->data == std::string("\x03{\"status\":\"Success\"}"));
                BOOST_TEST(!(co_await ws.read()));
                BOOST_TEST(!ws.is_open());
                BOOST_REQUIRE(ws.close_reason());
                BOOST_TEST(*ws.close_reason() == (websocket_close{4000, "exec finished"}));
                BOOST_TEST(!(co_await ws.read()));  // stays at its end
                BOOST_TEST(error_of([&] { run_task(ws.write("late")); }) == errc::unavailable);
                co_await ws.close();  // nothing left to do, and no error
            }());
        }
    }
}

BOOST_AUTO_TEST_CASE(close_sends_code_and_reason_and_waits_for_the_servers_answer)
{
    for (auto kind : {ws_kind::tcp, ws_kind::tls})
    {
        if (!transport_available(kind))
            continue;
        BOOST_TEST_CONTEXT(transport_name(kind))
        {
            std::optional<websocket_close> server_saw;
            run_task([&]() -> task<void> {
                auto handler = [&](websocket_peer& peer) -> task<void> {
                    co_await peer.accept();
                    while (co_await peer.read())
                    {}
                    server_saw = peer.close_reason;
                };
                websocket_pair p(co_await asio::this_coro::executor, kind, handler);
                auto ws = co_await p.client.connect_websocket({.target = "/bye"});
                co_await ws.close(4001, "client done");
                BOOST_TEST(!ws.is_open());
                BOOST_REQUIRE(ws.close_reason());
                BOOST_TEST(ws.close_reason()->code == 4001u);  // Beast's server echoes the code
                co_await ws.close();                           // idempotent
                BOOST_TEST(!(co_await ws.read()));
                BOOST_TEST(error_of([&] { run_task(ws.write("late")); }) == errc::unavailable);
            }());
            BOOST_REQUIRE(server_saw);
            BOOST_TEST(*server_saw == (websocket_close{4001, "client done"}));
        }
    }
}

BOOST_AUTO_TEST_CASE(close_during_a_read_ends_the_read_without_a_message)
{
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        websocket_pair p(ex, ws_kind::tcp, echo);
        auto ws = co_await p.client.connect_websocket({.target = "/both"});
        std::optional<std::optional<websocket_message>> read_result;
        test_event read_done(ex);
        asio::co_spawn(
            ex,
            [&]() -> task<void> {
                read_result = co_await ws.read();
                read_done.set();
            },
            asio::detached);
        co_await asio::post(ex, asio::use_awaitable);  // the read starts first (handlers run in order)
        BOOST_TEST(!read_done.is_set());
        co_await ws.close(1001, "going away");
        co_await read_done.wait();
        BOOST_REQUIRE(read_result);
        BOOST_TEST(!*read_result);
        BOOST_REQUIRE(ws.close_reason());
        BOOST_TEST(ws.close_reason()->code == 1001u);
    }());
}

BOOST_AUTO_TEST_CASE(close_gives_up_after_close_timeout_when_the_server_never_answers)
{
    run_task([&]() -> task<void> {
        auto handler = [](websocket_peer& peer) -> task<void> {
            co_await peer.accept();
            co_await peer.read_raw_to_end();
        };
        websocket_pair p(co_await asio::this_coro::executor, ws_kind::tcp, handler);
        auto ws = co_await p.client.connect_websocket({.target = "/deaf"}, {.close_timeout = 200ms});
        auto started = std::chrono::steady_clock::now();
        co_await ws.close();
        auto elapsed = std::chrono::steady_clock::now() - started;
        BOOST_TEST(elapsed >= 190ms);
        BOOST_TEST(elapsed < 2s);
        BOOST_TEST(!ws.is_open());
        BOOST_TEST(!ws.close_reason());
    }());
}

BOOST_AUTO_TEST_CASE(a_connection_dropped_without_close_frame_fails_unavailable)
{
    for (auto kind : {ws_kind::tcp, ws_kind::unix_socket, ws_kind::tls})
    {
        if (!transport_available(kind))
            continue;
        BOOST_TEST_CONTEXT(transport_name(kind))
        {
            std::string message;
            auto code = error_of(
                [&] {
                    run_task([&]() -> task<void> {
                        auto handler = [](websocket_peer& peer) -> task<void> {
                            co_await peer.accept();
                            co_await peer.write("partial output");
                            peer.drop();
                        };
                        websocket_pair p(co_await asio::this_coro::executor, kind, handler);
                        auto ws = co_await p.client.connect_websocket({.target = "/drop"});
                        BOOST_TEST((co_await ws.read())->data == "partial output");
                        co_await ws.read();
                    }());
                },
                message);
            BOOST_TEST(code == errc::unavailable);
            BOOST_TEST(message.find("was lost while reading (no close frame)") != std::string::npos, message);
        }
    }
}

BOOST_AUTO_TEST_CASE(malformed_frames_fail_protocol_error)
{
    auto reserved_bits = first_read_failure(raw_frame(0xF1, "hi"));  // FIN, RSV1-3, text
    BOOST_TEST(reserved_bits.code == errc::protocol_error);
    BOOST_TEST(reserved_bits.message.find("broke the protocol (RFC 6455) while reading") != std::string::npos,
               reserved_bits.message);
    BOOST_TEST(first_read_failure(raw_frame(0x83, "hi")).code == errc::protocol_error);  // reserved opcode
    std::string masked = raw_frame(0x82, "");
    masked[1] = static_cast<char>(0x80);  // a server must not mask
    masked += std::string(4, '\0');
    BOOST_TEST(first_read_failure(masked).code == errc::protocol_error);
    BOOST_TEST(first_read_failure(raw_frame(0x81, "\xff\xfe")).code ==
               errc::protocol_error);  // text not UTF-8
}

BOOST_AUTO_TEST_CASE(a_message_over_max_message_bytes_fails_too_large)
{
    std::string message;
    auto code = error_of(
        [&] {
            run_task([&]() -> task<void> {
                auto handler = [](websocket_peer& peer) -> task<void> {
                    co_await peer.accept();
                    co_await peer.write(std::string(1000, 'a'));
                    co_await peer.write_fragments({std::string(600, 'b'), std::string(401, 'c')});
                    while (co_await peer.read())
                    {}
                };
                websocket_pair p(co_await asio::this_coro::executor, ws_kind::tcp, handler);
                auto ws =
                    co_await p.client.connect_websocket({.target = "/big"}, {.max_message_bytes = 1000});
                auto at_limit = co_await ws.read();
                BOOST_TEST((at_limit && at_limit->data.size() == 1000u));
                try
                {
                    co_await ws.read();
                }
                catch (const error&)
                {
                    BOOST_TEST(!ws.is_open());
                    throw;
                }
            }());
        },
        message);
    BOOST_TEST(code == errc::too_large);
    BOOST_TEST(message.find("exceeds the limit of 1000 bytes (max_message_bytes)") != std::string::npos,
               message);
}

BOOST_AUTO_TEST_CASE(a_read_losing_a_timer_race_closes_the_stream)
{
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        test_event client_gone(ex);
        auto handler = [&](websocket_peer& peer) -> task<void> {
            co_await peer.accept();
            co_await peer.read_raw_to_end();
            client_gone.set();
        };
        websocket_pair p(ex, ws_kind::tcp, handler);
        auto ws = co_await p.client.connect_websocket({.target = "/slow"});
        using namespace asio::experimental::awaitable_operators;
        asio::steady_timer timer(ex, 50ms);
        auto winner = co_await (ws.read() || timer.async_wait(asio::use_awaitable));
        BOOST_TEST(winner.index() == 1u);
        BOOST_TEST(!ws.is_open());
        co_await client_gone.wait();  // the server sees the end of the connection
        BOOST_TEST(error_of([&] { run_task(ws.write("after")); }) == errc::unavailable);
    }());
}

BOOST_AUTO_TEST_CASE(reads_and_writes_cancelled_by_a_signal_throw_operation_aborted)
{
    for (bool cancel_write : {false, true})
    {
        BOOST_TEST_CONTEXT((cancel_write ? "write" : "read"))
        {
            run_task([&]() -> task<void> {
                auto ex = co_await asio::this_coro::executor;
                test_event release(ex), client_gone(ex);
                auto handler = [&](websocket_peer& peer) -> task<void> {
                    co_await peer.accept();
                    co_await release.wait();  // reads nothing meanwhile: a big write stalls
                    co_await peer.read_raw_to_end();
                    client_gone.set();
                };
                websocket_pair p(ex, ws_kind::unix_socket, handler);
                auto ws = co_await p.client.connect_websocket({.target = "/stuck"});
                asio::cancellation_signal cancel;
                test_event finished(ex);
                std::exception_ptr failure;
                auto op = [&]() -> task<void> {
                    if (cancel_write)
                        co_await ws.write(std::string(64 << 20, 'x'));  // more than the socket buffers hold
                    else
                        co_await ws.read();
                };
                asio::co_spawn(ex, op(),
                               asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e) {
                                   failure = e;
                                   finished.set();
                               }));
                // A signal emitted between two of the write's socket operations reaches none of them: emit
                // until one took it (the write stalls for good once the socket buffers are full).
                for (int attempt = 0; attempt < 200 && !finished.is_set(); ++attempt)
                {
                    cancel.emit(asio::cancellation_type::terminal);
                    asio::steady_timer retry(ex, 10ms);
                    co_await retry.async_wait(asio::use_awaitable);
                }
                release.set();  // should no cancellation have taken, the operation ends and the test fails
                co_await finished.wait();
                BOOST_TEST(is_operation_aborted(failure));
                BOOST_TEST(!ws.is_open());
                co_await client_gone.wait();
            }());
        }
    }
}

BOOST_AUTO_TEST_CASE(a_read_and_a_write_may_run_at_the_same_time)
{
    run_task([&]() -> task<void> {
        websocket_pair p(co_await asio::this_coro::executor, ws_kind::tcp, echo);
        auto ws = co_await p.client.connect_websocket({.target = "/duplex"});
        using namespace asio::experimental::awaitable_operators;
        auto back = co_await (ws.write(random_bytes(1 << 20)) && ws.read());
        BOOST_REQUIRE(back);
        BOOST_TEST((back->data == random_bytes(1 << 20)));
        co_await ws.close();
    }());
}

BOOST_AUTO_TEST_SUITE_END()
