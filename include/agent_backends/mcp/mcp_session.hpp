// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_MCP_MCP_SESSION_HPP
#define AGENT_BACKENDS_MCP_MCP_SESSION_HPP

#include <agent_backends/task.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace agent_backends {

/// \brief Sends one JSON-RPC message (JSON text, no trailing newline) to the client of a session.
/// \details Completes when the transport has taken the message; throws when the client is gone.
using mcp_message_sink = std::function<task<void>(std::string message)>;

/// \brief One client's MCP conversation: negotiated version, client capabilities, running calls and
/// requests the server is waiting on. Made by \ref mcp_server::make_session.
///
/// \details A transport hands every message it receives to \ref handle and may run several `handle` calls
/// concurrently (a long `tools/call` must not hold up a `ping` or the `notifications/cancelled` that stops
/// it). Messages the server sends while handling a request and on its behalf (progress notifications,
/// `elicitation/create`) go to that call's `interim` sink, so a Streamable HTTP transport can put them on
/// the request's own SSE stream; the client's answer to such a request arrives as another message.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: unsafe; use one session from one strand (or one thread).
class mcp_session
{
public:
    virtual ~mcp_session() = default;

    /// \brief Handles one message from the client and returns the response to send, if any.
    /// \param message A JSON-RPC request, notification or response, as JSON text.
    /// \param interim Where messages belonging to this request go before the response.
    /// \returns The response (result or JSON-RPC error) for a request, including an error response with
    /// id null for unparsable input; `nullopt` for a notification, for a response to one of the server's
    /// requests, and for a request the client cancelled (MCP says a cancelled request gets no response).
    /// \par Errors
    /// Never throws for anything the client sent. Tool failures are results with `isError` set.
    /// \par Cancellation
    /// Terminal: the running tool call is cancelled (a running command is killed) and the task throws
    /// `boost::asio::error::operation_aborted`.
    virtual task<std::optional<std::string>> handle(std::string message, mcp_message_sink interim) = 0;

    /// \brief Cancels every running call and every pending server request; later messages are refused.
    /// A transport calls it when the client has gone.
    virtual void close() = 0;

    /// \brief Whether `initialize` has succeeded.
    virtual bool initialized() const noexcept = 0;

    /// \brief The negotiated protocol revision (`2025-06-18`, ...); empty before `initialize`.
    virtual std::string_view protocol_version() const noexcept = 0;
};

}  // namespace agent_backends

#endif
