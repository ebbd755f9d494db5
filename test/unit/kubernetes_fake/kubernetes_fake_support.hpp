// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_UNIT_KUBERNETES_FAKE_KUBERNETES_FAKE_SUPPORT_HPP
#define AGENT_BACKENDS_TEST_UNIT_KUBERNETES_FAKE_KUBERNETES_FAKE_SUPPORT_HPP

// Driving the fake API server without the Kubernetes client: REST through our http_client, exec through a
// Beast WebSocket client written here (independent of the library's own), kubectl as a subprocess.
#include <agent_backends/http/http_client.hpp>

#include "fakes/kubernetes/fake_kubernetes_api.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <sys/wait.h>

namespace agent_backends::test {

inline boost::json::value json_of(const http_response& r)
{
    return boost::json::parse(r.body);
}

inline std::string text_at(const boost::json::value& v, std::initializer_list<std::string_view> path)
{
    const boost::json::value* at = &v;
    for (auto key : path)
    {
        if (!at->is_object() || !at->as_object().contains(key))
            return {};
        at = &at->as_object().at(key);
    }
    return at->is_string() ? std::string(at->as_string()) : boost::json::serialize(*at);
}

inline http_client_options client_options(const fake_kubernetes_api& api)
{
    http_client_options opts{.connect_timeout = std::chrono::seconds(5),
                             .request_timeout = std::chrono::seconds(20)};
    opts.tls.ca_pem = api.ca_pem();
    return opts;
}

inline http_headers bearer(std::string_view token = "fake-token")
{
    return {{"Authorization", "Bearer " + std::string(token)}, {"Accept", "application/json"}};
}

inline http_request get(std::string target, std::string_view token = "fake-token")
{
    return {.target = std::move(target), .headers = bearer(token)};
}

inline http_request post_json(std::string target, std::string body, std::string_view token = "fake-token")
{
    auto headers = bearer(token);
    headers.add("Content-Type", "application/json");
    return {.method = "POST",
            .target = std::move(target),
            .headers = std::move(headers),
            .body = std::move(body)};
}

inline http_request delete_request(std::string target)
{
    return {.method = "DELETE", .target = std::move(target), .headers = bearer()};
}

/// A pod manifest with one container `main`.
inline std::string pod_json(std::string_view name, std::string_view extra_container_fields = {},
                            std::string_view image = "busybox:1.36")
{
    return R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":")" + std::string(name) +
           R"(","labels":{"app":"agent-sandbox"}},"spec":{"restartPolicy":"Never",)" +
           R"("containers":[{"name":"main","image":")" + std::string(image) +
           R"(","command":["sleep","infinity"])" + std::string(extra_container_fields) + "}]}}";
}

/// Creates `name` in `default` and reads it until it runs.
inline task<void> create_running_pod(http_client& client, std::string name, std::string extra = {})
{
    auto created =
        co_await client.request(post_json("/api/v1/namespaces/default/pods", pod_json(name, extra)));
    BOOST_REQUIRE_EQUAL(created.status, 201u);
    for (int i = 0; i < 10; ++i)
    {
        auto got = co_await client.request(get("/api/v1/namespaces/default/pods/" + name));
        if (text_at(json_of(got), {"status", "phase"}) == "Running")
            co_return;
    }
    BOOST_FAIL("the pod never ran");
}

/// What an exec WebSocket gave back.
struct ws_exec_result
{
    bool upgraded{false};
    unsigned refusal_status{0};  ///< The HTTP status when the server did not switch protocols.
    std::string refusal_body;
    std::string protocol;               ///< The subprotocol the server picked.
    std::vector<std::string> messages;  ///< Every message, channel byte included, in order.
    std::string out;
    std::string err;
    std::string status;  ///< The channel 3 payload.
    int status_messages{0};
    bool closed_normally{false};  ///< A close frame with code 1000 arrived.
    std::string read_error;       ///< How reading ended, when not by a close frame.

    boost::json::value status_json() const { return boost::json::parse(status); }
};

struct ws_exec_request
{
    std::string target;
    std::string protocols{"v5.channel.k8s.io, v4.channel.k8s.io"};
    std::string token{"fake-token"};
    std::vector<std::string> send{};              ///< Messages sent after the readiness frame.
    bool stop_reading_after_first_output{false};  ///< Then close the TCP connection (the client goes away).
    std::chrono::seconds limit{20};               ///< The connection is closed when this passes.
};

namespace detail {

template <class Stream>
task<ws_exec_result> run_ws_exec(boost::beast::websocket::stream<Stream>& ws, std::uint16_t port,
                                 ws_exec_request req)
{
    namespace asio = boost::asio;
    namespace beast = boost::beast;
    namespace websocket = beast::websocket;
    ws_exec_result result;
    ws.set_option(websocket::stream_base::decorator([&req](websocket::request_type& r) {
        r.set(beast::http::field::authorization, "Bearer " + req.token);
        if (!req.protocols.empty())
            r.set(beast::http::field::sec_websocket_protocol, req.protocols);
    }));
    websocket::response_type response;
    auto [hec] = co_await ws.async_handshake(response, "127.0.0.1:" + std::to_string(port), req.target,
                                             asio::as_tuple(asio::use_awaitable));
    if (hec)
    {
        result.refusal_status = response.result_int();
        result.refusal_body = response.body();
        co_return result;
    }
    result.upgraded = true;
    result.protocol = std::string(response[beast::http::field::sec_websocket_protocol]);
    ws.binary(true);
    for (;;)
    {
        beast::flat_buffer buffer;
        auto [ec, n] = co_await ws.async_read(buffer, asio::as_tuple(asio::use_awaitable));
        if (ec)
        {
            result.closed_normally =
                ec == websocket::error::closed && ws.reason().code == websocket::close_code::normal;
            if (!result.closed_normally)
                result.read_error = ec.message();
            break;
        }
        auto m = beast::buffers_to_string(buffer.data());
        result.messages.push_back(m);
        if (m.size() == 1 && result.messages.size() == 1)
        {
            for (const auto& s : req.send)
                co_await ws.async_write(asio::buffer(s), asio::use_awaitable);
            continue;
        }
        if (m.empty())
            continue;
        auto payload = m.substr(1);
        switch (static_cast<unsigned char>(m[0]))
        {
            case 1:
                result.out += payload;
                break;
            case 2:
                result.err += payload;
                break;
            case 3:
                result.status += payload;
                ++result.status_messages;
                break;
        }
        if (req.stop_reading_after_first_output && (m[0] == 1 || m[0] == 2))
        {
            beast::get_lowest_layer(ws).close();
            break;
        }
    }
    co_return result;
}

}  // namespace detail

/// Runs one exec over a WebSocket (plain or TLS, as the fake serves), bounded by `req.limit`.
inline task<ws_exec_result> ws_exec(const fake_kubernetes_api& api, ws_exec_request req)
{
    namespace asio = boost::asio;
    namespace websocket = boost::beast::websocket;
    auto ex = co_await asio::this_coro::executor;
    auto port = api.endpoint().port;
    asio::ip::tcp::endpoint at(asio::ip::make_address_v4("127.0.0.1"), port);
    asio::steady_timer watchdog(ex, req.limit);
    if (api.ca_pem().empty())
    {
        websocket::stream<asio::ip::tcp::socket> ws(ex);
        co_await ws.next_layer().async_connect(at, asio::use_awaitable);
        watchdog.async_wait([&ws](boost::system::error_code ec) {
            if (!ec)
                ws.next_layer().close();
        });
        auto r = co_await detail::run_ws_exec(ws, port, std::move(req));
        watchdog.cancel();
        co_return r;
    }
    asio::ssl::context tls(asio::ssl::context::tls_client);
    tls.add_certificate_authority(asio::buffer(api.ca_pem()));
    tls.set_verify_mode(asio::ssl::verify_peer);
    websocket::stream<asio::ssl::stream<asio::ip::tcp::socket>> ws(ex, tls);
    co_await ws.next_layer().next_layer().async_connect(at, asio::use_awaitable);
    watchdog.async_wait([&ws](boost::system::error_code ec) {
        if (!ec)
            ws.next_layer().next_layer().close();
    });
    co_await ws.next_layer().async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
    auto r = co_await detail::run_ws_exec(ws, port, std::move(req));
    watchdog.cancel();
    co_return r;
}

/// The exec target for `argv` in pod `name` of `default`.
inline std::string exec_target(std::string_view pod, const std::vector<std::string>& argv, bool stdin = false,
                               std::string_view container = "main")
{
    std::string target = "/api/v1/namespaces/default/pods/" + std::string(pod) + "/exec?";
    if (!container.empty())
        target += "container=" + std::string(container) + "&";
    for (const auto& a : argv)
    {
        target += "command=";
        for (unsigned char c : a)
        {
            if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
                target += static_cast<char>(c);
            else
            {
                static constexpr char hex[] = "0123456789ABCDEF";
                target += '%';
                target += hex[c >> 4];
                target += hex[c & 15];
            }
        }
        target += "&";
    }
    return target + "stdin=" + (stdin ? "true" : "false") + "&stdout=true&stderr=true&tty=false";
}

/// Waits (bounded) until `done()` holds, polling.
template <class Predicate>
task<bool> eventually(Predicate done, std::chrono::milliseconds limit = std::chrono::milliseconds(10'000))
{
    namespace asio = boost::asio;
    asio::steady_timer timer(co_await asio::this_coro::executor);
    for (auto deadline = std::chrono::steady_clock::now() + limit;
         std::chrono::steady_clock::now() < deadline;)
    {
        if (done())
            co_return true;
        timer.expires_after(std::chrono::milliseconds(10));
        co_await timer.async_wait(asio::use_awaitable);
    }
    co_return done();
}

/// True while a process whose command line contains `needle` runs (zombies excluded).
inline bool host_process_running(const std::string& needle)
{
    for (const auto& entry : std::filesystem::directory_iterator("/proc"))
    {
        std::ifstream cmdline(entry.path() / "cmdline", std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(cmdline)), std::istreambuf_iterator<char>());
        for (auto& c : text)
            if (c == '\0')
                c = ' ';
        if (text.find(needle) == std::string::npos)
            continue;
        std::ifstream stat(entry.path() / "stat");
        std::string line;
        std::getline(stat, line);
        auto close = line.rfind(')');
        if (close != std::string::npos && close + 2 < line.size() && line[close + 2] != 'Z')
            return true;
    }
    return false;
}

}  // namespace agent_backends::test

#endif
