// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/http/http_client.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "http_test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

using namespace agent_backends;
using namespace agent_backends::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using kind = test_server::transport;

namespace {

// What the client makes of a server that reads the request, sends `reply` and hangs up.
failure failure_for_reply(std::string reply, kind transport = kind::unix_socket)
{
    return failure_of([&] {
        run_task([&]() -> task<void> {
            auto handler = [reply](server_connection& c) -> task<void> {
                co_await c.read_request();
                if (!reply.empty())
                    co_await c.write(reply);
                c.close();
            };
            http_pair p(co_await asio::this_coro::executor, transport, handler, {.request_timeout = 5s});
            co_await p.client.request({.target = "/info"});
        }());
    });
}

void check(const failure& f, std::string_view expected)
{
    BOOST_TEST(f.code == errc::protocol_error);
    BOOST_TEST(f.message.find(expected) != std::string::npos, f.message << " should hold: " << expected);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(http_client_malformed)

BOOST_AUTO_TEST_CASE(bad_status_line_fails_protocol_error)
{
    check(failure_for_reply("HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n"),
          "Malformed HTTP response from unix://");
    check(failure_for_reply("HTTX/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", kind::tcp), "to GET /info: ");
}

BOOST_AUTO_TEST_CASE(garbage_fails_protocol_error)
{
    check(failure_for_reply(std::string("\x16\x03\x01 not http at all\r\n\r\n")), "Malformed HTTP response");
}

BOOST_AUTO_TEST_CASE(endless_garbage_without_line_breaks_stops_at_the_header_limit)
{
    check(failure_for_reply("HTTP/1.1 200 OK\r\nX-Endless: " + std::string(300 * 1024, 'x')),
          "exceeds the limit (max_header_bytes)");
    check(failure_for_reply(std::string(300 * 1024, 'x')), "Malformed HTTP response");
}

BOOST_AUTO_TEST_CASE(oversized_header_fails_protocol_error)
{
    check(failure_for_reply("HTTP/1.1 200 OK\r\nX-Big: " + std::string(100 * 1024, 'h') +
                            "\r\nContent-Length: 0\r\n\r\n"),
          "The response header from unix://");
    check(failure_for_reply("HTTP/1.1 200 OK\r\nX-Big: " + std::string(100 * 1024, 'h') + "\r\n\r\n"),
          "exceeds the limit (max_header_bytes)");
}

BOOST_AUTO_TEST_CASE(truncated_chunk_fails_protocol_error)
{
    check(failure_for_reply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc"),
          "closed the connection before the response to GET /info was complete");
    check(failure_for_reply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n"),
          "was complete");
}

BOOST_AUTO_TEST_CASE(bad_chunk_size_fails_protocol_error)
{
    check(failure_for_reply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"),
          "Malformed HTTP response");
}

BOOST_AUTO_TEST_CASE(truncated_content_length_body_fails_protocol_error)
{
    check(failure_for_reply("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort", kind::tcp),
          "was complete");
}

BOOST_AUTO_TEST_CASE(truncated_header_fails_protocol_error)
{
    check(failure_for_reply("HTTP/1.1 200 OK\r\nContent-Le"), "was complete");
}

BOOST_AUTO_TEST_CASE(bad_content_length_fails_protocol_error)
{
    check(failure_for_reply("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"), "Malformed HTTP response");
}

BOOST_AUTO_TEST_CASE(early_close_without_a_response_fails_protocol_error)
{
    for (auto transport : {kind::unix_socket, kind::tcp})
        check(failure_for_reply("", transport), "closed the connection without responding to GET /info");
}

BOOST_AUTO_TEST_SUITE_END()
