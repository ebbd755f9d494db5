// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/http/http_client.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "http_test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace agent_backends;
using namespace agent_backends::test;
namespace asio = boost::asio;
using kind = test_server::transport;

BOOST_AUTO_TEST_SUITE(http_client_requests)

BOOST_AUTO_TEST_CASE(get_returns_status_headers_and_json_body_over_unix_and_tcp)
{
    for (auto transport : {kind::unix_socket, kind::tcp})
    {
        BOOST_TEST_CONTEXT(transport_name(transport))
        {
            std::optional<received_request> seen;
            auto handler = [&](server_connection& c) -> task<void> {
                seen = co_await c.read_request();
                co_await c.write(http_reply(200, R"({"ApiVersion":"1.43"})", "Api-Version: 1.43\r\n"));
            };
            auto r = run_task([&]() -> task<http_response> {
                http_pair p(co_await asio::this_coro::executor, transport, handler);
                co_return co_await p.client.request({.target = "/v1.43/version"});
            }());
            BOOST_TEST(r.status == 200u);
            BOOST_TEST(r.reason == "OK");
            BOOST_TEST(r.body == R"({"ApiVersion":"1.43"})");
            BOOST_TEST(r.headers.find("api-version").value_or("") == "1.43");
            BOOST_TEST(r.headers.find("Content-Type").value_or("") == "application/json");
            BOOST_REQUIRE(seen);
            BOOST_TEST(seen->method == "GET");
            BOOST_TEST(seen->target == "/v1.43/version");
            BOOST_TEST(seen->headers.find("Host").value_or("") ==
                       (transport == kind::tcp ? seen->headers.find("Host").value_or("?") : "localhost"));
            BOOST_TEST(seen->headers.find("User-Agent").value_or("") == "agent-backends");
            BOOST_TEST(!seen->headers.contains("Content-Length"));
        }
    }
}

BOOST_AUTO_TEST_CASE(post_sends_json_body_with_content_length_over_unix_and_tcp)
{
    for (auto transport : {kind::unix_socket, kind::tcp})
    {
        BOOST_TEST_CONTEXT(transport_name(transport))
        {
            std::optional<received_request> seen;
            auto handler = [&](server_connection& c) -> task<void> {
                seen = co_await c.read_request();
                co_await c.write(http_reply(201, R"({"Id":"abc","Warnings":[]})"));
            };
            auto r = run_task([&]() -> task<http_response> {
                http_pair p(co_await asio::this_coro::executor, transport, handler);
                co_return co_await p.client.request({.method = "POST",
                                                     .target = "/containers/create?name=box",
                                                     .headers = {{"Content-Type", "application/json"}},
                                                     .body = R"({"Image":"alpine"})"});
            }());
            BOOST_TEST(r.status == 201u);
            BOOST_TEST(r.body == R"({"Id":"abc","Warnings":[]})");
            BOOST_REQUIRE(seen);
            BOOST_TEST(seen->method == "POST");
            BOOST_TEST(seen->target == "/containers/create?name=box");
            BOOST_TEST(seen->headers.find("Content-Type").value_or("") == "application/json");
            BOOST_TEST(seen->headers.find("Content-Length").value_or("") == "18");
            BOOST_TEST(!seen->chunked);
            BOOST_TEST(seen->body == R"({"Image":"alpine"})");
        }
    }
}

BOOST_AUTO_TEST_CASE(tcp_host_header_names_host_and_port)
{
    std::optional<received_request> seen;
    auto handler = [&](server_connection& c) -> task<void> {
        seen = co_await c.read_request();
        co_await c.write(http_reply(204, ""));
    };
    std::string authority;
    run_task([&]() -> task<void> {
        http_pair p(co_await asio::this_coro::executor, kind::tcp, handler);
        authority = p.server.url().substr(std::string("http://").size());
        co_await p.client.request({});
    }());
    BOOST_REQUIRE(seen);
    BOOST_TEST(seen->headers.find("Host").value_or("") == authority);
}

BOOST_AUTO_TEST_CASE(empty_post_sends_content_length_zero)
{
    std::optional<received_request> seen;
    auto handler = [&](server_connection& c) -> task<void> {
        seen = co_await c.read_request();
        co_await c.write(http_reply(204, ""));
    };
    auto r = run_task([&]() -> task<http_response> {
        http_pair p(co_await asio::this_coro::executor, kind::unix_socket, handler);
        co_return co_await p.client.request({.method = "POST", .target = "/containers/abc/start"});
    }());
    BOOST_TEST(r.status == 204u);
    BOOST_REQUIRE(seen);
    BOOST_TEST(seen->headers.find("Content-Length").value_or("") == "0");
}

BOOST_AUTO_TEST_CASE(error_statuses_are_responses_not_errors)
{
    auto r = run_task([&]() -> task<http_response> {
        http_pair p(co_await asio::this_coro::executor, kind::unix_socket,
                    answer_every_request(http_reply(404, R"({"message":"No such container: x"})")));
        co_return co_await p.client.request({.target = "/containers/x/json"});
    }());
    BOOST_TEST(r.status == 404u);
    BOOST_TEST(r.body == R"({"message":"No such container: x"})");
}

BOOST_AUTO_TEST_CASE(base_path_of_the_endpoint_prefixes_every_target)
{
    std::optional<received_request> seen;
    auto handler = [&](server_connection& c) -> task<void> {
        seen = co_await c.read_request();
        co_await c.write(http_reply(200, "{}"));
    };
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        test_server server(ex, kind::tcp, handler);
        http_client client(ex, http_endpoint::parse(server.url() + "/api/"));
        co_await client.request({.target = "/sandbox?labels=x"});
    }());
    BOOST_REQUIRE(seen);
    BOOST_TEST(seen->target == "/api/sandbox?labels=x");
}

BOOST_AUTO_TEST_CASE(chunked_response_is_reassembled)
{
    auto handler = [](server_connection& c) -> task<void> {
        co_await c.read_request();
        co_await c.write(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n");
        co_await c.write("d\r\n{\"status\":\"Pu\r\n");
        co_await c.write("a;ext=1\r\nlling\"}{\"s\r\n");
        co_await c.write("e\r\ntatus\":\"Done\"}\r\n0\r\nX-Trailer: 1\r\n\r\n");
        while (co_await c.read_request())
            co_await c.write(http_reply(200, "again"));
    };
    auto [first, second] = run_task([&]() -> task<std::pair<http_response, http_response>> {
        http_pair p(co_await asio::this_coro::executor, kind::unix_socket, handler);
        auto a = co_await p.client.request({.target = "/images/create"});
        auto b = co_await p.client.request({.target = "/next"});
        BOOST_TEST(p.server.accepted() == 1);  // the chunked response ended cleanly: connection reused
        co_return std::pair{a, b};
    }());
    BOOST_TEST(first.status == 200u);
    BOOST_TEST(first.body == R"({"status":"Pulling"}{"status":"Done"})");
    BOOST_TEST(second.body == "again");
}

BOOST_AUTO_TEST_CASE(response_delimited_by_close_is_read_to_the_end_and_not_reused)
{
    auto handler = [](server_connection& c) -> task<void> {
        co_await c.read_request();
        co_await c.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
        c.close();
    };
    run_task([&]() -> task<void> {
        http_pair p(co_await asio::this_coro::executor, kind::tcp, handler);
        auto r = co_await p.client.request({});
        BOOST_TEST(r.body == "until the end");
        BOOST_TEST(p.client.idle_connections() == 0u);
    }());
}

BOOST_AUTO_TEST_CASE(head_response_has_no_body_whatever_its_content_length)
{
    auto handler = [](server_connection& c) -> task<void> {
        while (auto req = co_await c.read_request())
        {
            if (req->method == "HEAD")
                co_await c.write(
                    "HTTP/1.1 200 OK\r\nContent-Length: 12345\r\nX-Docker-Container-Path-Stat: e30=\r\n\r\n");
            else
                co_await c.write(http_reply(200, "after head"));
        }
    };
    run_task([&]() -> task<void> {
        http_pair p(co_await asio::this_coro::executor, kind::unix_socket, handler);
        auto head = co_await p.client.request({.method = "HEAD", .target = "/containers/x/archive?path=/a"});
        BOOST_TEST(head.status == 200u);
        BOOST_TEST(head.body.empty());
        BOOST_TEST(head.headers.find("X-Docker-Container-Path-Stat").value_or("") == "e30=");
        auto next = co_await p.client.request({});
        BOOST_TEST(next.body == "after head");
        BOOST_TEST(p.server.accepted() == 1);
    }());
}

BOOST_AUTO_TEST_CASE(interim_100_continue_is_skipped)
{
    auto handler = [](server_connection& c) -> task<void> {
        co_await c.read_request();
        co_await c.write("HTTP/1.1 100 Continue\r\n\r\n" + http_reply(200, "final"));
    };
    auto r = run_task([&]() -> task<http_response> {
        http_pair p(co_await asio::this_coro::executor, kind::unix_socket, handler);
        co_return co_await p.client.request({.method = "PUT", .body = "x"});
    }());
    BOOST_TEST(r.status == 200u);
    BOOST_TEST(r.body == "final");
}

BOOST_AUTO_TEST_CASE(body_over_max_body_bytes_fails_too_large)
{
    for (std::string reply : {http_reply(200, std::string(2000, 'x')),
                              std::string("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n") +
                                  std::string(2000, 'x') + "\r\n0\r\n\r\n"})
    {
        std::string message;
        auto code = error_of(
            [&] {
                run_task([&]() -> task<void> {
                    http_pair p(co_await asio::this_coro::executor, kind::unix_socket,
                                answer_every_request(reply), {.max_body_bytes = 1000});
                    co_await p.client.request({.target = "/big"});
                }());
            },
            message);
        BOOST_TEST(code == errc::too_large);
        BOOST_TEST(message.find("GET /big") != std::string::npos);
        BOOST_TEST(message.find("1000 bytes (max_body_bytes)") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(body_exactly_at_max_body_bytes_is_accepted)
{
    auto r = run_task([&]() -> task<http_response> {
        http_pair p(co_await asio::this_coro::executor, kind::unix_socket,
                    answer_every_request(http_reply(200, std::string(1000, 'y'))), {.max_body_bytes = 1000});
        co_return co_await p.client.request({});
    }());
    BOOST_TEST(r.body.size() == 1000u);
}

BOOST_AUTO_TEST_CASE(invalid_requests_fail_before_connecting)
{
    http_request bad[] = {
        {.method = "GE T"},
        {.target = "no-slash"},
        {.target = "/a b"},
        {.headers = {{"X-Injected", "a\r\nEvil: 1"}}},
        {.headers = {{"Bad Name", "v"}}},
        {.body = "x", .body_source = {.read = [](std::span<char>) -> task<std::size_t> { co_return 0; }}},
    };
    for (auto& req : bad)
    {
        std::string message;
        auto code = error_of(
            [&] {
                run_task([&]() -> task<void> {
                    // No server at all: an I/O attempt would fail `unavailable` instead.
                    http_client client(co_await asio::this_coro::executor,
                                       http_endpoint::parse("unix:///nonexistent/agent-backends.sock"));
                    co_await client.request(req);
                }());
            },
            message);
        BOOST_TEST(code == errc::invalid_argument);
        BOOST_TEST(message.starts_with("Invalid HTTP request: "));
    }
}

BOOST_AUTO_TEST_CASE(missing_unix_socket_fails_unavailable_naming_the_endpoint)
{
    std::string message;
    auto code = error_of(
        [&] {
            run_task([&]() -> task<void> {
                http_client client(co_await asio::this_coro::executor,
                                   http_endpoint::parse("unix:///nonexistent/docker.sock"));
                co_await client.request({.target = "/_ping"});
            }());
        },
        message);
    BOOST_TEST(code == errc::unavailable);
    BOOST_TEST(message.starts_with("Cannot connect to unix:///nonexistent/docker.sock: "));
}

BOOST_AUTO_TEST_CASE(overlong_unix_socket_path_fails_unavailable)
{
    std::string url = "unix:///tmp/" + std::string(200, 'p') + ".sock";
    std::string message;
    auto code = error_of(
        [&] {
            run_task([&]() -> task<void> {
                http_client client(co_await asio::this_coro::executor, http_endpoint::parse(url));
                co_await client.request({});
            }());
        },
        message);
    BOOST_TEST(code == errc::unavailable);
    BOOST_TEST(message.find("longer than the system allows") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(refused_tcp_port_fails_unavailable_naming_the_endpoint)
{
    std::string url;
    {
        asio::io_context io;
        test_server closed(io.get_executor(), kind::tcp, answer_every_request(""));
        url = closed.url();
    }  // nobody listens on that port any more
    std::string message;
    auto code = error_of(
        [&] {
            run_task([&]() -> task<void> {
                http_client client(co_await asio::this_coro::executor, http_endpoint::parse(url));
                co_await client.request({});
            }());
        },
        message);
    BOOST_TEST(code == errc::unavailable);
    BOOST_TEST(message.find("Cannot connect to " + url) == 0u);
}

BOOST_AUTO_TEST_CASE(name_endpoint_is_resolved)
{
    auto r = run_task([&]() -> task<http_response> {
        auto ex = co_await asio::this_coro::executor;
        test_server server(ex, kind::tcp, answer_every_request(http_reply(200, "by name")));
        auto ep = server.endpoint();
        ep.host = "localhost";
        http_client client(ex, ep);
        co_return co_await client.request({});
    }());
    BOOST_TEST(r.body == "by name");
}

BOOST_AUTO_TEST_SUITE_END()
