// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/http/http_client.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "http_test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <string>

#include <unistd.h>

using namespace agent_backends;
using namespace agent_backends::test;
namespace asio = boost::asio;
using kind = test_server::transport;

namespace {

std::size_t resident_bytes()
{
    std::ifstream statm("/proc/self/statm");
    std::size_t size = 0, resident = 0;
    statm >> size >> resident;
    return resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

// The byte at offset `i` of a test body: a pattern that catches reordered, lost or repeated pieces.
char pattern_byte(std::uint64_t i)
{
    return static_cast<char>('a' + (i * 7 + i / 65521) % 26);
}

std::string pattern_piece(std::uint64_t offset, std::size_t n)
{
    std::string s(n, '\0');
    for (std::size_t k = 0; k < n; ++k)
        s[k] = pattern_byte(offset + k);
    return s;
}

// A body source producing `total` pattern bytes in pieces of whatever size the client asks for.
http_body_source pattern_source(std::uint64_t total, bool announce_size)
{
    auto offset = std::make_shared<std::uint64_t>(0);
    http_body_source source;
    source.read = [offset, total](std::span<char> buffer) -> task<std::size_t> {
        auto n = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), total - *offset));
        for (std::size_t k = 0; k < n; ++k)
            buffer[k] = pattern_byte(*offset + k);
        *offset += n;
        co_return n;
    };
    if (announce_size)
        source.size = total;
    return source;
}

body_hash pattern_hash(std::uint64_t total)
{
    body_hash h;
    for (std::uint64_t off = 0; off < total; off += 1 << 20)
        h.update(pattern_piece(off, static_cast<std::size_t>(std::min<std::uint64_t>(1 << 20, total - off))));
    return h;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(http_client_streaming)

BOOST_AUTO_TEST_CASE(large_chunked_response_streams_to_a_sink_with_bounded_memory)
{
    constexpr std::uint64_t total = 100ull << 20;
    constexpr std::size_t piece = 64 * 1024;
    auto handler = [](server_connection& c) -> task<void> {
        co_await c.read_request();
        co_await c.write(
            "HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n");
        // One buffer rewritten in place: the server allocates nothing per chunk, so the process's memory
        // growth is the client's.
        std::string block = "10000\r\n" + std::string(piece, '\0') + "\r\n";
        for (std::uint64_t off = 0; off < total; off += piece)
        {
            for (std::size_t k = 0; k < piece; ++k)
                block[7 + k] = pattern_byte(off + k);
            if (!co_await c.write_all(block))
                co_return;
        }
        co_await c.write("0\r\n\r\n");
    };
    std::uint64_t received = 0;
    body_hash hash;
    std::size_t baseline = 0, peak = 0;
    auto started = std::chrono::steady_clock::now();
    auto r = run_task([&]() -> task<http_response> {
        http_pair p(co_await asio::this_coro::executor, kind::unix_socket, handler);
        baseline = resident_bytes();
        peak = baseline;
        auto response = co_await p.client.request(
            {.target = "/containers/x/archive?path=/", .timeout = std::chrono::milliseconds(0)},
            [&](std::string_view data) -> task<void> {
                hash.update(data);
                received += data.size();
                if (received % (4 << 20) < data.size())
                    peak = std::max(peak, resident_bytes());
                co_return;
            });
        peak = std::max(peak, resident_bytes());
        co_return response;
    }());
    auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    BOOST_TEST(r.status == 200u);
    BOOST_TEST(r.body.empty());
    BOOST_TEST(received == total);
    BOOST_TEST(hash.value == pattern_hash(total).value);
    auto growth = peak > baseline ? peak - baseline : 0;
    BOOST_TEST_MESSAGE("100 MiB chunked response: " << seconds << " s, RSS growth " << (growth >> 10)
                                                    << " KiB");
    BOOST_TEST(growth < (16u << 20));
}

BOOST_AUTO_TEST_CASE(open_reads_the_body_piecewise_and_returns_the_connection_at_its_end)
{
    constexpr std::size_t total = 8 << 20;
    auto handler = [](server_connection& c) -> task<void> {
        while (auto req = co_await c.read_request())
        {
            if (req->target == "/big")
                co_await c.write("HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(total) + "\r\n\r\n" +
                                 pattern_piece(0, total));
            else
                co_await c.write(http_reply(200, "small"));
        }
    };
    run_task([&]() -> task<void> {
        http_pair p(co_await asio::this_coro::executor, kind::tcp, handler);
        auto stream = co_await p.client.open({.target = "/big"});
        BOOST_TEST(stream.status() == 200u);
        BOOST_TEST(stream.response().headers.find("Content-Length").value_or("") == std::to_string(total));
        std::string buffer(10000, '\0');
        std::size_t got = 0;
        bool in_order = true;
        while (auto n = co_await stream.read_some(buffer))
        {
            in_order = in_order && std::string_view(buffer.data(), n) == pattern_piece(got, n);
            got += n;
        }
        BOOST_TEST(in_order);
        BOOST_TEST(got == total);
        BOOST_TEST(stream.done());
        BOOST_TEST(co_await stream.read_some(buffer) == 0u);
        BOOST_TEST(p.client.idle_connections() == 1u);
        auto next = co_await p.client.request({.target = "/small"});
        BOOST_TEST(next.body == "small");
        BOOST_TEST(p.server.accepted() == 1);
    }());
}

BOOST_AUTO_TEST_CASE(dropping_an_unfinished_response_stream_closes_its_connection)
{
    auto handler = [](server_connection& c) -> task<void> {
        while (co_await c.read_request())
            co_await c.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + std::string(100000, 'z'));
    };
    run_task([&]() -> task<void> {
        http_pair p(co_await asio::this_coro::executor, kind::unix_socket, handler);
        {
            auto stream = co_await p.client.open({});
            char some[10];
            BOOST_TEST(co_await stream.read_some(some) > 0u);
        }
        BOOST_TEST(p.client.idle_connections() == 0u);
        auto r = co_await p.client.request({});
        BOOST_TEST(r.body.size() == 100000u);
        BOOST_TEST(p.server.accepted() == 2);
    }());
}

BOOST_AUTO_TEST_CASE(read_all_collects_the_rest_of_a_stream_within_a_limit)
{
    run_task([&]() -> task<void> {
        http_pair p(co_await asio::this_coro::executor, kind::unix_socket,
                    answer_every_request(http_reply(404, R"({"message":"No such image: foo:latest"})")));
        auto stream = co_await p.client.open({.target = "/images/foo/json"});
        BOOST_TEST(stream.status() == 404u);
        BOOST_TEST(co_await stream.read_all(1000) == R"({"message":"No such image: foo:latest"})");
        BOOST_TEST(p.client.idle_connections() == 1u);

        auto again = co_await p.client.open({.target = "/images/foo/json"});
        std::string message;
        try
        {
            co_await again.read_all(10);
        }
        catch (const error& e)
        {
            message = e.what();
            BOOST_TEST(e.condition() == errc::too_large);
        }
        BOOST_TEST(!message.empty());
    }());
}

BOOST_AUTO_TEST_CASE(streamed_upload_of_known_size_is_sent_with_content_length)
{
    constexpr std::uint64_t total = 20 << 20;
    std::optional<received_request> seen;
    auto handler = [&](server_connection& c) -> task<void> {
        seen = co_await c.read_request(16);
        co_await c.write(http_reply(200, ""));
    };
    auto r = run_task([&]() -> task<http_response> {
        http_pair p(co_await asio::this_coro::executor, kind::unix_socket, handler);
        co_return co_await p.client.request({.method = "PUT",
                                             .target = "/containers/x/archive?path=/work",
                                             .headers = {{"Content-Type", "application/x-tar"}},
                                             .body_source = pattern_source(total, true)});
    }());
    BOOST_TEST(r.status == 200u);
    BOOST_REQUIRE(seen);
    BOOST_TEST(!seen->chunked);
    BOOST_TEST(seen->headers.find("Content-Length").value_or("") == std::to_string(total));
    BOOST_TEST(seen->body_bytes == total);
    BOOST_TEST(seen->hash.value == pattern_hash(total).value);
}

BOOST_AUTO_TEST_CASE(streamed_upload_of_unknown_size_is_sent_chunked)
{
    constexpr std::uint64_t total = (20 << 20) + 12345;
    std::optional<received_request> seen;
    auto handler = [&](server_connection& c) -> task<void> {
        seen = co_await c.read_request(16);
        co_await c.write(http_reply(200, "stored"));
        while (co_await c.read_request())
            co_await c.write(http_reply(200, "next"));
    };
    run_task([&]() -> task<void> {
        http_pair p(co_await asio::this_coro::executor, kind::tcp, handler);
        auto r = co_await p.client.request(
            {.method = "POST", .target = "/build", .body_source = pattern_source(total, false)});
        BOOST_TEST(r.body == "stored");
        auto next = co_await p.client.request({});  // the chunked upload ended cleanly: same connection
        BOOST_TEST(next.body == "next");
        BOOST_TEST(p.server.accepted() == 1);
    }());
    BOOST_REQUIRE(seen);
    BOOST_TEST(seen->chunked);
    BOOST_TEST(!seen->headers.contains("Content-Length"));
    BOOST_TEST(seen->body_bytes == total);
    BOOST_TEST(seen->hash.value == pattern_hash(total).value);
}

BOOST_AUTO_TEST_CASE(body_source_that_breaks_its_size_fails_invalid_argument)
{
    for (std::uint64_t announced : {1000ull, 3000ull})
    {
        std::string message;
        auto source = pattern_source(2000, false);
        source.size = announced;
        auto code = error_of(
            [&] {
                run_task([&]() -> task<void> {
                    http_pair p(co_await asio::this_coro::executor, kind::unix_socket,
                                answer_every_request(http_reply(200, "")));
                    co_await p.client.request({.method = "PUT", .body_source = source});
                }());
            },
            message);
        BOOST_TEST(code == errc::invalid_argument);
        BOOST_TEST(message.find("announced " + std::to_string(announced) + " bytes") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(answer_sent_before_the_upload_finished_is_returned)
{
    auto handler = [](server_connection& c) -> task<void> {
        co_await c.read_request_head();
        co_await c.write(http_reply(404, R"({"message":"No such container: x"})", "Connection: close\r\n"));
        c.close();
    };
    run_task([&]() -> task<void> {
        http_pair p(co_await asio::this_coro::executor, kind::unix_socket, handler);
        auto r = co_await p.client.request({.method = "PUT",
                                            .target = "/containers/x/archive?path=/",
                                            .body_source = pattern_source(50 << 20, true)});
        BOOST_TEST(r.status == 404u);
        BOOST_TEST(r.body == R"({"message":"No such container: x"})");
        BOOST_TEST(p.client.idle_connections() == 0u);
    }());
}

BOOST_AUTO_TEST_CASE(sink_exception_propagates_and_closes_the_connection)
{
    run_task([&]() -> task<void> {
        http_pair p(co_await asio::this_coro::executor, kind::unix_socket,
                    answer_every_request(http_reply(200, std::string(200000, 'q'))));
        bool thrown = false;
        try
        {
            co_await p.client.request({}, [](std::string_view) -> task<void> {
                throw std::runtime_error("disk full");
                co_return;
            });
        }
        catch (const std::runtime_error& e)
        {
            thrown = std::string(e.what()) == "disk full";
        }
        BOOST_TEST(thrown);
        BOOST_TEST(p.client.idle_connections() == 0u);
    }());
}

BOOST_AUTO_TEST_SUITE_END()
