// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// Opening a WebSocket: connect with the client's connector, then the RFC 6455 handshake.
#include <agent_backends/error.hpp>

#include "http/deadline.hpp"
#include "http/http_client_core.hpp"
#include "http/text.hpp"
#include "http/websocket_session.hpp"
#include "http/websocket_stream_state.hpp"

#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>

#include <algorithm>
#include <string_view>
#include <utility>

namespace asio = boost::asio;

namespace agent_backends::detail {
namespace {

constexpr std::size_t body_preview_bytes = 200;

[[noreturn]] void invalid(const std::string& what)
{
    throw error(errc::invalid_argument, "Invalid WebSocket request: " + what);
}

// Fields the handshake itself writes; a request cannot replace them.
bool is_handshake_field(std::string_view name)
{
    for (std::string_view own :
         {"Host", "Connection", "Upgrade", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
          "Sec-WebSocket-Extensions", "Content-Length", "Transfer-Encoding"})
        if (iequals(name, own))
            return true;
    return false;
}

// A subprotocol is an HTTP token (RFC 6455 section 4.1): no separators, spaces or control characters.
bool is_token(std::string_view s)
{
    if (s.empty())
        return false;
    for (unsigned char c : s)
        if (c <= 0x20 || c >= 0x7f ||
            std::string_view("()<>@,;:\\\"/[]?={}").find(static_cast<char>(c)) != std::string_view::npos)
            return false;
    return true;
}

std::string joined(const std::vector<std::string>& items)
{
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : ", ") + item;
    return out;
}

// As request_encoder writes it: `host[:port]` (brackets around IPv6), `localhost` for unix sockets.
std::string host_field(const http_endpoint& ep, const http_client_options& opts, const http_request& req)
{
    if (auto given = req.headers.find("Host"))
        return std::string(*given);
    if (!opts.host_header.empty())
        return opts.host_header;
    if (ep.transport == http_transport::unix_socket)
        return "localhost";
    std::string host = ep.host.find(':') != std::string::npos ? "[" + ep.host + "]" : ep.host;
    std::uint16_t default_port = ep.transport == http_transport::tls ? 443 : 80;
    if (ep.port != default_port)
        host += ":" + std::to_string(ep.port);
    return host;
}

websocket_handshake make_handshake(const http_endpoint& ep, const http_client_options& client_opts,
                                   const http_request& req, const websocket_options& opts)
{
    websocket_handshake hs{host_field(ep, client_opts, req), ep.base_path + req.target, {}};
    if (!req.headers.contains("User-Agent") && !client_opts.user_agent.empty())
        hs.fields.add("User-Agent", client_opts.user_agent);
    for (const auto& [name, value] : req.headers)
    {
        if (is_handshake_field(name) ||
            (!opts.subprotocols.empty() && iequals(name, "Sec-WebSocket-Protocol")))
            continue;
        hs.fields.add(name, value);
    }
    if (!opts.subprotocols.empty())
        hs.fields.add("Sec-WebSocket-Protocol", joined(opts.subprotocols));
    return hs;
}

std::string trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return std::string(s);
}

[[noreturn]] void refused(http_response response, const std::string& url, std::size_t max_body_bytes)
{
    if (response.body.size() > max_body_bytes)
        response.body.resize(max_body_bytes);
    std::string message = "WebSocket handshake with " + url + " refused: " + std::to_string(response.status);
    if (!response.reason.empty())
        message += " " + response.reason;
    if (!response.body.empty())
    {
        message += ": " + response.body.substr(0, body_preview_bytes);
        if (response.body.size() > body_preview_bytes)
            message += "...";
    }
    throw websocket_handshake_error(std::move(response), std::move(message));
}

[[noreturn]] void handshake_failed(const boost::system::error_code& ec, const http_response& response,
                                   const std::string& url)
{
    switch (classify_websocket_error(ec))
    {
        case websocket_failure::aborted:
            throw boost::system::system_error(asio::error::operation_aborted);
        case websocket_failure::handshake:
            if (response.status == 0)
                throw error(errc::protocol_error, "WebSocket handshake with " + url +
                                                      " failed: no valid HTTP answer (" + ec.message() + ")");
            throw error(errc::protocol_error, "WebSocket handshake with " + url + " failed: the " +
                                                  std::to_string(response.status) +
                                                  " answer breaks RFC 6455 (" + ec.message() + ")");
        default:
            throw error(errc::unavailable, "The connection to " + url +
                                               " failed during the WebSocket handshake: " + ec.message());
    }
}

// The server's choice must be one we offered; with require_subprotocol it must make one.
std::string checked_subprotocol(const http_response& response, const websocket_options& opts,
                                const std::string& url)
{
    std::string chosen = trimmed(response.headers.find("Sec-WebSocket-Protocol").value_or(""));
    auto offered = opts.subprotocols;
    if (!chosen.empty() && std::find(offered.begin(), offered.end(), chosen) == offered.end())
        throw error(errc::protocol_error, "The WebSocket server at " + url + " chose the subprotocol '" +
                                              chosen + "', which was not offered (offered: " +
                                              (offered.empty() ? "none" : joined(offered)) + ")");
    if (chosen.empty() && opts.require_subprotocol)
        throw error(errc::protocol_error, "The WebSocket server at " + url +
                                              " chose none of the offered subprotocols (" + joined(offered) +
                                              "); it may not support them");
    return chosen;
}

}  // namespace

task<websocket_stream> http_client_core::connect_websocket(http_request req, websocket_options opts)
{
    if (req.method != "GET")
        invalid("the handshake is a GET request, not " + req.method);
    if (!req.body.empty() || req.body_source)
        invalid("the handshake carries no body");
    for (const auto& protocol : opts.subprotocols)
        if (!is_token(protocol))
            invalid("subprotocol '" + protocol + "' is not an HTTP token");
    encode_request_head(req, endpoint_, opts_, false);  // checks the target and the fields
    auto limit = limit_of(req);
    std::string url = url_ + req.target;
    auto message = "WebSocket handshake with " + url + " timed out after " + describe_duration(limit);
    co_return co_await with_deadline(open_websocket(std::move(req), std::move(opts), url), limit,
                                     std::move(message));
}

task<websocket_stream> http_client_core::open_websocket(http_request req, websocket_options opts,
                                                        std::string url)
{
    auto handshake = make_handshake(endpoint_, opts_, req, opts);
    auto session = (co_await connect())->into_websocket();
    http_response response;
    auto ec = co_await session->handshake(handshake, response);
    if (ec)
    {
        session->close_socket();
        if (classify_websocket_error(ec) == websocket_failure::declined)
            refused(std::move(response), url, opts_.max_body_bytes);
        handshake_failed(ec, response, url);
    }
    auto state = std::make_unique<websocket_stream_state>();
    state->subprotocol = checked_subprotocol(response, opts, url);
    session->configure(opts);
    state->session = std::move(session);
    state->response = std::move(response);
    state->url = std::move(url);
    state->options = std::move(opts);
    co_return websocket_stream(std::move(state));
}

}  // namespace agent_backends::detail
