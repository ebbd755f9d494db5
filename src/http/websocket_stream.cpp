// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/http/websocket_stream.hpp>

#include "http/exchange_io.hpp"
#include "http/websocket_stream_state.hpp"

#include <boost/asio/cancellation_state.hpp>
#include <boost/asio/cancellation_type.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/system/system_error.hpp>

#include <utility>

namespace asio = boost::asio;

namespace agent_backends {
namespace {

using detail::websocket_failure;
using detail::websocket_stream_state;

constexpr std::size_t max_ping_payload = 125;
constexpr std::size_t max_close_reason = 123;

// Codes an endpoint may send in a close frame (RFC 6455 section 7.4).
bool is_sendable_close_code(std::uint16_t code) noexcept
{
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

// At most `limit` bytes, cut before a UTF-8 continuation byte so the text stays valid.
std::string truncate_utf8(std::string text, std::size_t limit)
{
    if (text.size() <= limit)
        return text;
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    text.resize(end);
    return text;
}

void mark_closed(websocket_stream_state& s, std::string because)
{
    s.session->close_socket();
    if (!s.closed)
        s.closed_because = std::move(because);
    s.closed = true;
}

[[noreturn]] void throw_closed(const websocket_stream_state& s)
{
    std::string message = "The WebSocket connection to " + s.url + " is closed";
    if (!s.closed_because.empty())
        message += " (" + s.closed_because + ")";
    throw error(errc::unavailable, message);
}

void require_open(const websocket_stream_state& s)
{
    if (s.closed || !s.session->is_open())
        throw_closed(s);
}

// Turns the failure of an operation into the error the caller sees; the connection is closed in every case.
[[noreturn]] void fail(websocket_stream_state& s, const boost::system::error_code& ec, bool cancelled,
                       const char* doing)
{
    auto kind = detail::classify_websocket_error(ec);
    if (kind == websocket_failure::aborted)
    {
        if (cancelled)
        {
            mark_closed(s, std::string("cancelled while ") + doing);
            throw boost::system::system_error(asio::error::operation_aborted);
        }
        s.session->close_socket();
        throw_closed(s);  // closed meanwhile by close() or a failure of another operation
    }
    switch (kind)
    {
        case websocket_failure::too_large: {
            auto limit = std::to_string(s.options.max_message_bytes);
            mark_closed(s, "a message exceeded max_message_bytes");
            throw error(errc::too_large, "A WebSocket message from " + s.url + " exceeds the limit of " +
                                             limit + " bytes (max_message_bytes)");
        }
        case websocket_failure::timed_out: {
            auto idle = detail::describe_duration(s.options.idle_timeout);
            mark_closed(s, "timed out");
            throw error(errc::timed_out, "The WebSocket connection to " + s.url +
                                             " timed out: nothing arrived for " + idle +
                                             " and a keep-alive ping got no answer within another " + idle +
                                             " (idle_timeout)");
        }
        case websocket_failure::protocol:
            mark_closed(s, "the server broke the protocol");
            throw error(errc::protocol_error, "The WebSocket server at " + s.url +
                                                  " broke the protocol (RFC 6455) while " + doing + ": " +
                                                  ec.message());
        default:
            mark_closed(s, "the connection was lost");
            throw error(errc::unavailable, "The WebSocket connection to " + s.url + " was lost while " +
                                               doing + " (no close frame): " + ec.message());
    }
}

bool is_cancelled(const asio::cancellation_state& state) noexcept
{
    return state.cancelled() != asio::cancellation_type::none;
}

// A cancellation that came before a session operation started is thrown by its first co_await instead of
// being returned: report it as one that interrupted the operation.
boost::system::error_code aborted_or_rethrow(const boost::system::system_error& e)
{
    if (e.code() != asio::error::operation_aborted)
        throw;
    return e.code();
}

task<void> write_message(websocket_stream_state& s, std::string data, bool binary)
{
    require_open(s);
    auto cancellation = co_await asio::this_coro::cancellation_state;
    boost::system::error_code ec;
    try
    {
        ec = co_await s.session->write(data, binary);
    }
    catch (const boost::system::system_error& e)
    {
        ec = aborted_or_rethrow(e);
    }
    if (ec)
        fail(s, ec, is_cancelled(cancellation), "writing a message");
}

task<void> send_ping(websocket_stream_state& s, std::string payload)
{
    if (payload.size() > max_ping_payload)
        throw error(errc::invalid_argument,
                    "A WebSocket ping carries at most 125 bytes, not " + std::to_string(payload.size()));
    require_open(s);
    auto cancellation = co_await asio::this_coro::cancellation_state;
    boost::system::error_code ec;
    try
    {
        ec = co_await s.session->ping(payload);
    }
    catch (const boost::system::system_error& e)
    {
        ec = aborted_or_rethrow(e);
    }
    if (ec)
        fail(s, ec, is_cancelled(cancellation), "sending a ping");
}

task<void> close_handshake(websocket_stream_state& s, std::uint16_t code, std::string reason)
{
    if (s.closed || !s.session->is_open())
    {
        mark_closed(s, "closed by this side");
        co_return;
    }
    if (code == 1005)
        code = 0;  // "no status": a close frame without a payload
    else if (!is_sendable_close_code(code))
        code = 1000;
    s.closed = true;
    s.closed_because = "closed by this side";
    auto cancellation = co_await asio::this_coro::cancellation_state;
    reason = truncate_utf8(std::move(reason), max_close_reason);
    boost::system::error_code ec;
    try
    {
        ec = co_await s.session->close(code, reason);
    }
    catch (const boost::system::system_error& e)
    {
        ec = aborted_or_rethrow(e);
    }
    if (!ec)
        s.close_reason = s.session->peer_close().value_or(websocket_close{1005, {}});
    if (ec && is_cancelled(cancellation))
    {
        s.session->close_socket();
        throw boost::system::system_error(asio::error::operation_aborted);
    }
}

}  // namespace

websocket_handshake_error::websocket_handshake_error(http_response response, std::string message)
    : error(errc::unavailable, std::move(message)), response_(std::move(response))
{}

websocket_stream::websocket_stream(std::unique_ptr<detail::websocket_stream_state> state) noexcept
    : state_(std::move(state))
{}

websocket_stream::websocket_stream(websocket_stream&&) noexcept = default;
websocket_stream& websocket_stream::operator=(websocket_stream&&) noexcept = default;
websocket_stream::~websocket_stream() = default;

const http_response& websocket_stream::response() const noexcept
{
    return state_->response;
}

const std::string& websocket_stream::subprotocol() const noexcept
{
    return state_->subprotocol;
}

bool websocket_stream::is_open() const noexcept
{
    return state_ && !state_->closed && state_->session->is_open();
}

const std::optional<websocket_close>& websocket_stream::close_reason() const noexcept
{
    return state_->close_reason;
}

task<std::optional<websocket_message>> websocket_stream::read()
{
    auto& s = *state_;
    if (s.close_reason)
        co_return std::nullopt;
    require_open(s);
    auto cancellation = co_await asio::this_coro::cancellation_state;
    websocket_message message;
    boost::system::error_code ec;
    try
    {
        ec = co_await s.session->read(message.data, message.binary);
    }
    catch (const boost::system::system_error& e)
    {
        ec = aborted_or_rethrow(e);
    }
    if (!ec)
        co_return message;
    bool cancelled = is_cancelled(cancellation);
    auto kind = detail::classify_websocket_error(ec);
    // The server's close frame ends the stream; so does one that arrived while close() ran beside this read.
    auto peer_close = s.session->peer_close();
    if (kind == websocket_failure::closed || (kind == websocket_failure::aborted && !cancelled && peer_close))
    {
        s.close_reason = peer_close.value_or(websocket_close{1005, {}});
        mark_closed(s, "closed by the server with code " + std::to_string(s.close_reason->code));
        co_return std::nullopt;
    }
    fail(s, ec, cancelled, "reading");
}

// Not coroutines: the views are copied at call time, so the returned task may be stored or spawned.
task<void> websocket_stream::write(std::string_view data, bool binary)
{
    return write_message(*state_, std::string(data), binary);
}

task<void> websocket_stream::ping(std::string_view payload)
{
    return send_ping(*state_, std::string(payload));
}

task<void> websocket_stream::close(std::uint16_t code, std::string_view reason)
{
    return close_handshake(*state_, code, std::string(reason));
}

}  // namespace agent_backends
