// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_MCP_HTTP_MESSAGE_TEXT_HPP
#define AGENT_BACKENDS_SRC_MCP_HTTP_MESSAGE_TEXT_HPP

// What the transport needs to know about a JSON-RPC message, and the texts it writes itself. Sans-io.

#include <string>
#include <string_view>

namespace agent_backends::detail::mcp_http {

/// What a POST body is, as far as routing is concerned (the session judges everything else).
struct message_outline
{
    bool well_formed{false};  ///< The body is JSON.
    bool initialize{false};   ///< An object with `"method": "initialize"` and an `id`.
    bool request{false};      ///< An object with a `method` and an `id` (so it expects an answer).
};

/// Looks at `body` without judging it as JSON-RPC.
message_outline outline_message(std::string_view body);

/// `{"jsonrpc":"2.0","error":{"code":CODE,"message":MESSAGE},"id":null}`: the body of a refused POST.
std::string rpc_error_body(int code, std::string_view message);

/// One Server-Sent Event carrying `json`: `event: message\ndata: JSON\n\n` (a `data:` line per line of
/// text, so a message with line breaks stays one event).
std::string sse_event(std::string_view json);

/// A comment line that keeps an idle event stream (and the proxies on its way) open.
inline constexpr std::string_view sse_keepalive = ": keepalive\n\n";

/// JSON-RPC and MCP transport error codes.
inline constexpr int parse_error_code = -32700;
inline constexpr int transport_error_code = -32000;
inline constexpr int session_not_found_code = -32001;

}  // namespace agent_backends::detail::mcp_http

#endif
