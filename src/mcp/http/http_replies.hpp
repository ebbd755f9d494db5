// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_MCP_HTTP_HTTP_REPLIES_HPP
#define AGENT_BACKENDS_SRC_MCP_HTTP_HTTP_REPLIES_HPP

// The plain (non-streamed) responses of the transport. Building them is sans-io.

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string>
#include <string_view>

namespace agent_backends::detail::mcp_http {

using http_request = boost::beast::http::request<boost::beast::http::string_body>;
using http_response = boost::beast::http::response<boost::beast::http::string_body>;

/// The `Mcp-Session-Id` header (a custom field, so Beast has no enumerator for it).
inline constexpr std::string_view session_id_field = "Mcp-Session-Id";

/// The `MCP-Protocol-Version` header.
inline constexpr std::string_view protocol_version_field = "MCP-Protocol-Version";

/// A response to `req` (same HTTP version, keep-alive as the client asked) with `body` of `content_type`.
http_response make_reply(const http_request& req, boost::beast::http::status status, std::string body = {},
                         std::string_view content_type = {});

/// A refusal: `status` with a JSON-RPC error body (id null) carrying `code` and `message`.
http_response make_refusal(const http_request& req, boost::beast::http::status status, int code,
                           std::string_view message);

/// A 200 `application/json` answer carrying one JSON-RPC message.
http_response make_json_answer(const http_request& req, std::string json, std::string_view session_id);

}  // namespace agent_backends::detail::mcp_http

#endif
