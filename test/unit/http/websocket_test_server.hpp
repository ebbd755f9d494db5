// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_WEBSOCKET_TEST_SERVER_HPP
#define AGENT_BACKENDS_TEST_WEBSOCKET_TEST_SERVER_HPP

// A WebSocket server built on Beast (independent of the client's code paths above the socket) on 127.0.0.1,
// a unix socket, or TLS over TCP. Each connection runs a handler written by the test; Beast stays inside
// the server's own translation unit so the test files compile quickly.
#include <agent_backends/http/http_client.hpp>
#include <agent_backends/http/http_endpoint.hpp>
#include <agent_backends/http/http_headers.hpp>
#include <agent_backends/http/websocket_stream.hpp>
#include <agent_backends/task.hpp>

#include "common/temp_dir.hpp"
#include "http_test_server.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/system/error_code.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::test {

/// The upgrade request a client sent.
struct websocket_upgrade
{
    std::string target;
    http_headers headers;
};

/// The server's side of one connection, once the client's upgrade request has been read.
class websocket_peer
{
public:
    virtual ~websocket_peer() = default;

    /// Answers `101 Switching Protocols`, choosing `subprotocol` (none when empty).
    virtual task<void> accept(std::string subprotocol = {}) = 0;

    /// Answers with another status and `body` (JSON), then closes the connection.
    virtual task<void> refuse(unsigned status, std::string body) = 0;

    /// The next message; empty when the client closed (see \ref close_reason) or the connection ended
    /// otherwise (see \ref failure). Pings and pongs that arrive meanwhile go to \ref pings / \ref pongs.
    virtual task<std::optional<websocket_message>> read() = 0;

    virtual task<void> write(std::string data, bool binary = true) = 0;

    /// Sends one message split into these frames (the first, then continuation frames).
    virtual task<void> write_fragments(std::vector<std::string> parts, bool binary = true) = 0;

    virtual task<void> ping(std::string payload) = 0;

    /// The close handshake, started by the server.
    virtual task<void> close(std::uint16_t code, std::string reason) = 0;

    /// Reads raw bytes (no WebSocket processing, so pings stay unanswered) until the client closes.
    virtual task<std::string> read_raw_to_end() = 0;

    /// Closes the socket without a close frame.
    virtual void drop() = 0;

    websocket_upgrade request;
    std::optional<websocket_close> close_reason;  ///< The client's close frame, once a read saw it.
    boost::system::error_code failure;            ///< Why the last read ended, when not by a close frame.
    std::vector<std::string> pings;               ///< Payloads of pings a read consumed.
    std::vector<std::string> pongs;               ///< Payloads of pongs a read consumed.
};

/// Listens until destroyed; every accepted connection whose upgrade request arrived runs `handler`.
class websocket_test_server
{
public:
    using handler_type = std::function<task<void>(websocket_peer&)>;

    /// `socket_path` is where a unix socket listens; `tls` (when given) makes a TCP server speak TLS.
    websocket_test_server(boost::asio::any_io_executor ex, test_server::transport kind, handler_type handler,
                          std::string socket_path = {}, boost::asio::ssl::context* tls = nullptr);
    ~websocket_test_server();
    websocket_test_server(const websocket_test_server&) = delete;
    websocket_test_server& operator=(const websocket_test_server&) = delete;

    /// `http://127.0.0.1:port`, `https://127.0.0.1:port` or `unix:///path`.
    std::string url() const;
    http_endpoint endpoint() const { return http_endpoint::parse(url()); }

    /// Stops accepting and drops every connection.
    void stop();

    struct state;

private:
    std::shared_ptr<state> state_;
};

/// How a \ref websocket_pair connects.
enum class websocket_transport
{
    tcp,
    unix_socket,
    tls,
};

const char* transport_name(websocket_transport kind);

/// True when the transport can be tested here (TLS needs the test certificates); logs why not.
bool transport_available(websocket_transport kind);

/// A WebSocket server of the given transport (its unix socket in a temp dir, TLS with the test
/// certificates) and a client for it that trusts the server.
struct websocket_pair
{
    websocket_pair(boost::asio::any_io_executor ex, websocket_transport kind,
                   websocket_test_server::handler_type handler, http_client_options opts = {});

    temp_dir dir;
    std::unique_ptr<boost::asio::ssl::context> tls;
    websocket_test_server server;
    http_client client;
};

/// `Sec-WebSocket-Accept` for a `Sec-WebSocket-Key` (RFC 6455 section 4.2.2), for hand-made handshakes.
std::string websocket_accept_key(std::string_view key);

}  // namespace agent_backends::test

#endif
