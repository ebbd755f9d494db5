// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_MCP_HTTP_EXCHANGES_HPP
#define AGENT_BACKENDS_SRC_MCP_HTTP_EXCHANGES_HPP

// The answers to the three methods of the MCP endpoint. Each returns whether the connection can carry
// another request.

#include <agent_backends/task.hpp>

#include "mcp/http/http_replies.hpp"
#include "mcp/http/http_server_state.hpp"

#include <boost/beast/core/tcp_stream.hpp>

#include <memory>
#include <variant>

namespace agent_backends::detail::mcp_http {

/// POST: one JSON-RPC message in; 202, a JSON answer, or an event stream out.
task<bool> answer_post(http_server_state& state, boost::beast::tcp_stream& stream, http_request req);

/// GET: the session's server-to-client event stream, open until the session or the client ends.
task<bool> answer_get(http_server_state& state, boost::beast::tcp_stream& stream, http_request req);

/// DELETE: ends the session.
task<bool> answer_delete(http_server_state& state, boost::beast::tcp_stream& stream, http_request req);

/// The session a request names, or the refusal to send: 400 without `Mcp-Session-Id`, 404 for an
/// unknown or ended session, 400 for an `MCP-Protocol-Version` the server does not speak.
std::variant<std::shared_ptr<session_entry>, http_response> session_of(http_server_state& state,
                                                                       const http_request& req);

}  // namespace agent_backends::detail::mcp_http

#endif
