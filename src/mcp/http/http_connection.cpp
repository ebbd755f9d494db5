// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/http/http_connection.hpp"

#include "mcp/http/exchanges.hpp"
#include "mcp/http/message_text.hpp"
#include "mcp/http/request_checks.hpp"
#include "mcp/http/stream_io.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/verb.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

namespace agent_backends::detail::mcp_http {
namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

std::string_view view(beast::string_view s) noexcept
{
    return {s.data(), s.size()};
}

// The refusals that do not depend on the method: wrong path, foreign Origin or Host, missing token.
std::optional<http_response> gatekeeper_refusal(const http_server_state& state, const http_request& req)
{
    auto target = view(req.target());
    if (target.substr(0, target.find('?')) != state.options.path)
        return make_reply(req, http::status::not_found,
                          "Not Found: the MCP endpoint is " + state.options.path, "text/plain");
    auto origin = view(req[http::field::origin]);
    if (!origin.empty() && !origin_allowed(origin, state.options.allowed_origins))
        return make_refusal(req, http::status::forbidden, transport_error_code,
                            "Forbidden: Origin '" + std::string(origin) + "' is not allowed");
    auto host = view(req[http::field::host]);
    if (state.loopback_listener && !host.empty() && !host_allowed(host, state.options.allowed_origins))
        return make_refusal(req, http::status::forbidden, transport_error_code,
                            "Forbidden: Host '" + std::string(host) + "' is not allowed");
    if (!state.options.bearer_token.empty() &&
        !bearer_matches(view(req[http::field::authorization]), state.options.bearer_token))
    {
        bool given = req.count(http::field::authorization) != 0;
        auto res = make_refusal(req, http::status::unauthorized, transport_error_code,
                                "Unauthorized: a valid bearer token is required");
        res.set(http::field::www_authenticate, given ? R"(Bearer error="invalid_token")" : "Bearer");
        return res;
    }
    return std::nullopt;
}

task<bool> answer(http_server_state& state, beast::tcp_stream& stream, http_request req)
{
    if (auto refusal = gatekeeper_refusal(state, req))
    {
        co_await write_reply(stream, std::move(*refusal));
        co_return req.keep_alive();
    }
    switch (req.method())
    {
        case http::verb::post:
            co_return co_await answer_post(state, stream, std::move(req));
        case http::verb::get:
            co_return co_await answer_get(state, stream, std::move(req));
        case http::verb::delete_:
            co_return co_await answer_delete(state, stream, std::move(req));
        default:
            break;
    }
    auto res =
        make_refusal(req, http::status::method_not_allowed, transport_error_code, "Method not allowed");
    res.set(http::field::allow, "GET, POST, DELETE");
    co_await write_reply(stream, std::move(res));
    co_return req.keep_alive();
}

// A request that cannot be read whole gets a last answer; its unread rest is drained for a moment so that
// closing does not reset the connection before the client has read that answer.
task<void> refuse_unreadable(beast::tcp_stream& stream, const http_request& head, http::status status,
                             std::string message)
{
    auto res = make_refusal(head, status, transport_error_code, message);
    res.keep_alive(false);
    co_await write_reply(stream, std::move(res));
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    std::array<char, 16 * 1024> sink;
    std::size_t drained = 0;
    stream.expires_after(std::chrono::seconds(2));
    while (drained < (8u << 20))
    {
        auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), use_tuple);
        if (ec)
            break;
        drained += n;
    }
    stream.expires_never();
}

task<void> serve_requests(http_server_state& state, beast::tcp_stream& stream)
{
    beast::flat_buffer buffer;
    while (!state.stopping)
    {
        http::request_parser<http::string_body> parser;
        parser.header_limit(transport_limits::header_bytes);
        parser.body_limit(state.options.max_body_bytes);
        stream.expires_after(transport_limits::idle_connection);
        auto [ec, n] = co_await http::async_read(stream, buffer, parser, use_tuple);
        stream.expires_never();
        if (ec == http::error::body_limit)
        {
            co_await refuse_unreadable(stream, parser.get(), http::status::payload_too_large,
                                       "Payload Too Large: the request body exceeds " +
                                           std::to_string(state.options.max_body_bytes) + " bytes");
            co_return;
        }
        if (ec == http::error::header_limit)
        {
            co_await refuse_unreadable(stream, parser.get(), http::status::request_header_fields_too_large,
                                       "Request Header Fields Too Large");
            co_return;
        }
        if (ec && ec.category() == http::make_error_code(http::error::end_of_stream).category() &&
            ec != http::error::end_of_stream && ec != http::error::partial_message)
        {
            co_await refuse_unreadable(stream, {}, http::status::bad_request,
                                       "Bad Request: malformed HTTP request");
            co_return;
        }
        if (ec)
            co_return;  // closed, reset, timed out
        if (!co_await answer(state, stream, parser.release()))
            co_return;
    }
}

}  // namespace

task<void> serve_connection(std::shared_ptr<http_server_state> state, tcp::socket socket)
{
    if (state->stopping)
        co_return;
    beast::tcp_stream stream(std::move(socket));
    connection_registration registration(*state, stream.socket());
    try
    {
        co_await serve_requests(*state, stream);
    }
    catch (const std::exception&)
    {
        // A write failed or the server is stopping: the connection ends here, the server serves on.
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream.socket().close(ignored);
}

}  // namespace agent_backends::detail::mcp_http
