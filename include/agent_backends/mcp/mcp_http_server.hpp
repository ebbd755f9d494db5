// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_MCP_MCP_HTTP_SERVER_HPP
#define AGENT_BACKENDS_MCP_MCP_HTTP_SERVER_HPP

#include <agent_backends/mcp/mcp_server.hpp>
#include <agent_backends/task.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace agent_backends {

/// \brief Where and how the Streamable HTTP transport listens.
struct mcp_http_options
{
    std::string address{"127.0.0.1"};  ///< Listen address; loopback unless asked otherwise.
    std::uint16_t port{0};             ///< 0: any free port (see \ref mcp_http_server::port).
    std::string path{"/mcp"};          ///< The one MCP endpoint (POST, GET, DELETE).

    /// When not empty, every request must carry `Authorization: Bearer <token>` (else 401).
    std::string bearer_token{};

    /// Origins accepted besides `http(s)://localhost`, `127.0.0.1` and `[::1]` with any port; a request
    /// with another `Origin` (or, on a loopback listener, another `Host`) gets 403 (DNS-rebinding guard).
    std::vector<std::string> allowed_origins{};

    std::size_t max_body_bytes{16u << 20};  ///< A larger POST body gets 413.

    /// A session not used for this long is closed (its calls cancelled); its id then gets 404.
    std::chrono::seconds session_idle_timeout{std::chrono::hours(1)};
};

/// \brief The MCP Streamable HTTP transport (revision 2025-06-18) on a Beast HTTP/1.1 server.
///
/// \details One endpoint: POST carries one JSON-RPC message; a notification or response gets 202, a request
/// gets `application/json`, or `text/event-stream` when the server sends messages before the response
/// (progress, elicitation). `initialize` creates a session and returns its `Mcp-Session-Id`; later requests
/// must carry it (400 without, 404 for an unknown or closed one). GET opens the session's server-to-client
/// SSE stream; DELETE ends the session. A client that disconnects while its call runs cancels the call.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: unsafe; use from the executor's strand.
class mcp_http_server
{
public:
    /// \brief Binds and listens at once, so \ref port is known before \ref run.
    /// \par Errors
    /// `boost::system::system_error` when the address cannot be bound.
    mcp_http_server(boost::asio::any_io_executor ex, mcp_server server, mcp_http_options opts = {});
    ~mcp_http_server();

    mcp_http_server(const mcp_http_server&) = delete;
    mcp_http_server& operator=(const mcp_http_server&) = delete;

    /// \brief The port listened on (the one chosen when the options said 0).
    std::uint16_t port() const noexcept;

    /// \brief `http://ADDRESS:PORT/PATH`.
    std::string url() const;

    /// \brief Accepts and serves connections until \ref stop is called or the task is cancelled.
    /// \par Cancellation
    /// Terminal: closes the listener and every connection, cancels every session's calls.
    task<void> run();

    /// \brief Makes \ref run return: closes the listener, every connection and every session.
    void stop();

private:
    struct impl;
    std::shared_ptr<impl> impl_;
};

}  // namespace agent_backends

#endif
