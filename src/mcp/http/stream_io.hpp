// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_MCP_HTTP_STREAM_IO_HPP
#define AGENT_BACKENDS_SRC_MCP_HTTP_STREAM_IO_HPP

// Writing responses and Server-Sent Event streams to a client connection, and noticing when it hangs up.

#include <agent_backends/task.hpp>

#include "mcp/http/http_replies.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <string>

namespace agent_backends::detail::mcp_http {

/// How one event stream is framed: chunked on HTTP/1.1; on HTTP/1.0 the stream ends with the connection.
struct event_stream_framing
{
    unsigned version{11};
    bool keep_alive{true};

    bool chunked() const noexcept { return version >= 11; }
    /// Whether the connection can carry another request once the stream has ended.
    bool reusable() const noexcept { return chunked() && keep_alive; }
};

/// Writes `res` (bounded by the write timeout).
/// \par Errors
/// `boost::system::system_error` when the client cannot be written to.
task<void> write_reply(boost::beast::tcp_stream& stream, http_response res);

/// Writes the header of a `200 text/event-stream` response (no caching; `Mcp-Session-Id` when given).
task<void> open_event_stream(boost::beast::tcp_stream& stream, event_stream_framing framing,
                             std::string session_id);

/// Writes `text` (one or more events, or a comment) to an open event stream.
task<void> write_event_text(boost::beast::tcp_stream& stream, event_stream_framing framing, std::string text);

/// Ends an event stream (the last chunk; nothing on HTTP/1.0).
task<void> close_event_stream(boost::beast::tcp_stream& stream, event_stream_framing framing);

/// Completes when the client has gone: end of file, a reset, or the socket closed under it. Data sent
/// early (a pipelined request) is left unread, and watching stops.
/// \par Cancellation
/// Terminal: throws `operation_aborted`.
task<void> wait_for_hangup(boost::asio::ip::tcp::socket& socket);

}  // namespace agent_backends::detail::mcp_http

#endif
