// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_KUBERNETES_CONNECTION_HPP
#define AGENT_BACKENDS_TEST_FAKES_KUBERNETES_CONNECTION_HPP

// One client connection, plain TCP or TLS: the routes see it through this interface only, so everything
// above the transport is written once.
#include <agent_backends/task.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/system/error_code.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace agent_backends::test::kubernetes_fake {

using http_request_message = boost::beast::http::request<boost::beast::http::string_body>;

/// The server side of an exec WebSocket (binary messages).
class exec_socket
{
public:
    virtual ~exec_socket() = default;

    /// Sends one binary message; false once the client has gone.
    virtual task<bool> send(std::string_view message) = 0;

    /// The next message from the client (fragments joined); nothing once it closed or the connection
    /// failed.
    virtual task<std::optional<std::string>> receive() = 0;

    /// Sends a close frame with code 1000 and waits (bounded) for the client's.
    virtual task<void> close_normally() = 0;

    /// Writes `bytes` on the connection below the WebSocket, unframed.
    virtual task<void> send_raw(std::string_view bytes) = 0;
};

/// How reading a request ended.
struct read_request_result
{
    boost::system::error_code ec;  ///< Empty: `request` is complete.
    http_request_message request;
};

class connection
{
public:
    virtual ~connection() = default;

    /// Completes a TLS handshake (nothing for plain TCP); false when it failed.
    virtual task<bool> handshake() = 0;

    /// Reads the next request (header at most `header_limit` bytes, body at most `body_limit`).
    virtual task<read_request_result> read_request(std::size_t header_limit, std::size_t body_limit) = 0;

    /// Writes all of `data`; false when the client has gone.
    virtual task<bool> write(std::string_view data) = 0;

    /// Reads and discards until the client closes its side (or the connection fails).
    virtual task<void> wait_closed() = 0;

    /// Answers the WebSocket handshake of `request` with `protocol` as `Sec-WebSocket-Protocol`; null
    /// when the handshake failed. The socket uses this connection, which must outlive it.
    virtual task<std::unique_ptr<exec_socket>> accept_websocket(http_request_message request,
                                                                std::string protocol) = 0;

    /// Closes at once (no TLS close_notify, no WebSocket close frame).
    virtual void close() noexcept = 0;
    virtual bool is_open() const noexcept = 0;
};

std::shared_ptr<connection> make_plain_connection(boost::asio::ip::tcp::socket socket);
std::shared_ptr<connection> make_tls_connection(boost::asio::ip::tcp::socket socket,
                                                boost::asio::ssl::context& tls);

}  // namespace agent_backends::test::kubernetes_fake

#endif
