// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_MCP_MCP_STDIO_HPP
#define AGENT_BACKENDS_MCP_MCP_STDIO_HPP

#include <agent_backends/mcp/mcp_server.hpp>
#include <agent_backends/task.hpp>

#include <cstddef>

namespace agent_backends {

/// \brief Limits of the stdio transport.
struct mcp_stdio_options
{
    int input_fd{0};   ///< Newline-delimited JSON-RPC messages from the client.
    int output_fd{1};  ///< Newline-delimited JSON-RPC messages to the client.

    /// A longer line is answered with a JSON-RPC error (id null) and skipped; reading goes on.
    std::size_t max_message_bytes{16u << 20};
};

/// \brief Serves one MCP client over a pair of file descriptors (the stdio transport: one JSON message per
/// line, UTF-8, no embedded newlines).
/// \details Requests are handled concurrently; writes are serialised so lines never interleave. Returns
/// when the input ends (the client closed it) or the output breaks (the client is gone), after cancelling
/// the calls still running. The descriptors are not closed.
/// \par Errors
/// None for anything the client sends; a read or write error other than end-of-file or a broken pipe
/// is thrown as `boost::system::system_error`.
/// \par Cancellation
/// Terminal: stops reading, cancels the running calls, throws `boost::asio::error::operation_aborted`.
task<void> serve_mcp_stdio(const mcp_server& server, mcp_stdio_options opts = {});

}  // namespace agent_backends

#endif
