// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_HTTP_WEBSOCKET_STREAM_HPP
#define AGENT_BACKENDS_HTTP_WEBSOCKET_STREAM_HPP

#include <agent_backends/error.hpp>
#include <agent_backends/http/http_response.hpp>
#include <agent_backends/task.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace agent_backends {

namespace detail {
struct websocket_stream_state;
}

/// \brief One WebSocket message, as received: a whole message, its frames joined.
struct websocket_message
{
    std::string data;
    bool binary{true};  ///< False for a text message.

    bool operator==(const websocket_message&) const = default;
};

/// \brief Why a WebSocket ended: the close frame's code and reason (1000 = normal closure).
struct websocket_close
{
    std::uint16_t code{1000};
    std::string reason{};

    bool operator==(const websocket_close&) const = default;
};

/// \brief Thrown by \ref http_client::connect_websocket when the server answered the handshake with
/// another status than 101: an `unavailable` error that keeps the answer (status, headers, body bounded
/// by `max_body_bytes`), so callers can read an API's error object.
class websocket_handshake_error : public error
{
public:
    websocket_handshake_error(http_response response, std::string message);

    /// \brief The server's answer.
    const http_response& response() const noexcept { return response_; }

private:
    http_response response_;
};

/// \brief A client WebSocket (RFC 6455) over the connection of an \ref http_client: TCP, TLS or a unix
/// socket. Returned by \ref http_client::connect_websocket.
///
/// \details Pings from the server are answered by the stream itself while a read is in progress; pongs and
/// pings are never returned by \ref read. A message split into frames is returned whole.
///
/// \par Errors
/// `unavailable` (the connection failed or was lost without a close frame), `protocol_error` (a frame
/// that breaks RFC 6455), `too_large` (a message over `max_message_bytes`), `timed_out` (no answer to a
/// keep-alive ping within `idle_timeout`).
///
/// \par Cancellation
/// Terminal: the connection is closed and `operation_aborted` is thrown.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: unsafe, except that one read and one write (or \ref ping) may be
/// in progress at the same time.
class websocket_stream
{
public:
    explicit websocket_stream(std::unique_ptr<detail::websocket_stream_state> state) noexcept;
    websocket_stream(websocket_stream&&) noexcept;
    websocket_stream& operator=(websocket_stream&&) noexcept;
    /// \brief Closes the connection at once (no close handshake: call \ref close for one).
    ~websocket_stream();

    /// \brief The server's `101 Switching Protocols` answer.
    const http_response& response() const noexcept;

    /// \brief The subprotocol the server chose; empty when it chose none.
    const std::string& subprotocol() const noexcept;

    /// \brief True until the close handshake ended, the connection failed or \ref close ran.
    bool is_open() const noexcept;

    /// \brief The next data message; empty once the server closed the WebSocket (see \ref close_reason).
    task<std::optional<websocket_message>> read();

    /// \brief Sends one message (a binary one unless `binary` is false).
    /// \details `data` is copied before the first suspension.
    task<void> write(std::string_view data, bool binary = true);

    /// \brief Sends a ping (the answering pong is consumed by a read in progress).
    task<void> ping(std::string_view payload = {});

    /// \brief Starts the close handshake with `code` and `reason`, then reads (and drops) what the server
    /// still sends until its close frame or `close_timeout`; the connection is closed in every case.
    /// Idempotent; never throws but on cancellation.
    task<void> close(std::uint16_t code = 1000, std::string_view reason = {});

    /// \brief The server's close frame, once \ref read returned empty.
    const std::optional<websocket_close>& close_reason() const noexcept;

private:
    std::unique_ptr<detail::websocket_stream_state> state_;
};

}  // namespace agent_backends

#endif
