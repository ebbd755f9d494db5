// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_HTTP_WEBSOCKET_SESSION_HPP
#define AGENT_BACKENDS_SRC_HTTP_WEBSOCKET_SESSION_HPP

#include <agent_backends/http/http_headers.hpp>
#include <agent_backends/http/http_response.hpp>
#include <agent_backends/http/websocket_options.hpp>
#include <agent_backends/http/websocket_stream.hpp>
#include <agent_backends/task.hpp>

#include "http/connection.hpp"

#include <boost/system/error_code.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// The upgrade request of a WebSocket handshake, as the client sends it.
struct websocket_handshake
{
    std::string host;     ///< Value of `Host`.
    std::string target;   ///< Request target, the endpoint's base path included.
    http_headers fields;  ///< Sent after the handshake's own fields (`Upgrade`, `Sec-WebSocket-Key`, ...).
};

/// A WebSocket (Beast's) over one of the sockets the connector makes, behind a Beast-free interface.
/// Operations return the error code as Beast reports it; \ref classify_websocket_error sorts it.
class websocket_session
{
public:
    virtual ~websocket_session() = default;

    /// Sends the upgrade request and reads the answer into `response`, body included (up to 8 MiB).
    /// An answer other than 101 yields `upgrade_declined` with `response` filled.
    virtual task<boost::system::error_code> handshake(const websocket_handshake& request,
                                                      http_response& response) = 0;

    /// Message limit, keep-alive pings and the close handshake's limit; called once the stream is open.
    virtual void configure(const websocket_options& opts) = 0;

    /// Reads one whole message into `into` (replacing its content).
    virtual task<boost::system::error_code> read(std::string& into, bool& binary) = 0;

    virtual task<boost::system::error_code> write(std::string_view data, bool binary) = 0;

    /// `payload` is at most 125 bytes.
    virtual task<boost::system::error_code> ping(std::string_view payload) = 0;

    /// Sends a close frame, drops what arrives until the peer's close frame, then closes the socket.
    /// `reason` is at most 123 bytes.
    virtual task<boost::system::error_code> close(std::uint16_t code, std::string_view reason) = 0;

    /// The peer's close frame, once a read or close saw one that carries a status code.
    virtual std::optional<websocket_close> peer_close() const = 0;

    /// True while messages may still flow (no close frame exchanged, no failure).
    virtual bool is_open() const noexcept = 0;

    /// Closes the socket at once; pending operations complete with operation_aborted.
    virtual void close_socket() noexcept = 0;
};

std::unique_ptr<websocket_session> make_websocket_session(unix_socket socket);
std::unique_ptr<websocket_session> make_websocket_session(tcp_socket socket);
std::unique_ptr<websocket_session> make_websocket_session(std::unique_ptr<tls_stream> stream);

/// What a failed WebSocket operation means for the caller.
enum class websocket_failure
{
    declined,   ///< The server answered the handshake with another status than 101.
    handshake,  ///< The answer was a 101 that breaks RFC 6455 (accept key, missing fields) or not HTTP.
    closed,     ///< The peer's close frame ended the stream (an orderly end, not an error).
    too_large,  ///< A message over the limit.
    timed_out,  ///< Beast's timer fired: no answer to a keep-alive ping, or a close handshake too slow.
    protocol,   ///< A frame that breaks RFC 6455.
    aborted,    ///< The operation was cancelled, or the stream was already closed.
    lost,       ///< The connection failed or ended without a close frame.
};

websocket_failure classify_websocket_error(const boost::system::error_code& ec) noexcept;

}  // namespace agent_backends::detail

#endif
