// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_MCP_HTTP_HTTP_SERVER_STATE_HPP
#define AGENT_BACKENDS_SRC_MCP_HTTP_HTTP_SERVER_STATE_HPP

#include <agent_backends/mcp/mcp_http_server.hpp>
#include <agent_backends/mcp/mcp_server.hpp>

#include "mcp/http/session_registry.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <unordered_set>

namespace agent_backends::detail::mcp_http {

/// Fixed limits of the transport (not options: no client or deployment has needed other values).
struct transport_limits
{
    static constexpr std::chrono::seconds idle_connection{60};  ///< Waiting for the next request.
    static constexpr std::chrono::seconds write{30};       ///< One write to a client that stopped reading.
    static constexpr std::chrono::seconds keepalive{15};   ///< Between comments on a quiet GET stream.
    static constexpr std::size_t header_bytes{16 * 1024};  ///< Request line and headers (else 431).
};

/// Everything the listener and the connections of one server share. Lives as long as any of them; used
/// from `executor` (a strand) only, so a session is never entered from two threads.
struct http_server_state
{
    http_server_state(boost::asio::any_io_executor strand, mcp_server mcp, mcp_http_options opts);

    /// Closes the listener, every connection and every session. Idempotent.
    void shut_down();

    boost::asio::any_io_executor executor;
    mcp_server server;
    mcp_http_options options;
    boost::asio::ip::tcp::acceptor acceptor;
    std::uint16_t port{0};
    bool loopback_listener{false};  ///< Host headers are checked (DNS-rebinding guard).
    session_registry sessions;
    std::unordered_set<boost::asio::ip::tcp::socket*> connections;
    boost::asio::steady_timer connections_closed;  ///< Cancelled whenever the last connection ends.
    bool stopping{false};
    bool stop_requested{false};  ///< stop() was called (as opposed to run() being cancelled).
};

/// Marks a descriptor close-on-exec, so that commands the tools run do not inherit the listener or a
/// client connection (a command holding a connection would keep the client from seeing it close).
void keep_from_child_processes(int fd) noexcept;

/// Keeps a connection's socket in \ref http_server_state::connections while it is served.
class connection_registration
{
public:
    connection_registration(http_server_state& state, boost::asio::ip::tcp::socket& socket);
    ~connection_registration();
    connection_registration(const connection_registration&) = delete;
    connection_registration& operator=(const connection_registration&) = delete;

private:
    http_server_state& state_;
    boost::asio::ip::tcp::socket* socket_;
};

}  // namespace agent_backends::detail::mcp_http

#endif
