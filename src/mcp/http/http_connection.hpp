// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_MCP_HTTP_HTTP_CONNECTION_HPP
#define AGENT_BACKENDS_SRC_MCP_HTTP_HTTP_CONNECTION_HPP

#include <agent_backends/task.hpp>

#include "mcp/http/http_server_state.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <memory>

namespace agent_backends::detail::mcp_http {

/// Serves the requests of one client connection (HTTP/1.1 keep-alive) until the client closes it, it
/// idles too long, a request cannot be read, or the server stops. Never throws.
task<void> serve_connection(std::shared_ptr<http_server_state> state, boost::asio::ip::tcp::socket socket);

}  // namespace agent_backends::detail::mcp_http

#endif
