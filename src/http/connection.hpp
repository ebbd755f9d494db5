// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_HTTP_CONNECTION_HPP
#define AGENT_BACKENDS_SRC_HTTP_CONNECTION_HPP

#include <agent_backends/task.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/ssl/stream.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <span>

namespace agent_backends::detail {

class websocket_session;

/// One open byte stream to a server: a unix socket, a TCP socket or TLS over TCP. Errors surface as
/// boost::system::system_error (the caller knows the request and words the message).
class connection
{
public:
    virtual ~connection() = default;

    /// Reads some bytes; 0 when the peer has closed its side (a TLS peer that skips close_notify too).
    virtual task<std::size_t> read_some(std::span<char> into) = 0;

    /// Writes every byte of the buffers.
    virtual task<void> write(std::span<const boost::asio::const_buffer> buffers) = 0;

    /// Half-closes the sending direction.
    virtual void shutdown_send() = 0;

    /// Closes the socket; pending operations complete with operation_aborted.
    virtual void close() noexcept = 0;

    /// Hands the socket over to a WebSocket (which then owns it); the connection is left closed. Call it
    /// with no operation in progress.
    virtual std::unique_ptr<websocket_session> into_websocket() = 0;

    /// True when an idle connection can no longer carry a request: the peer closed it, reset it, or sent
    /// bytes nobody asked for.
    bool is_stale() noexcept;

    /// When the connection went back to the pool.
    std::chrono::steady_clock::time_point idle_since{};

protected:
    virtual int native_handle() noexcept = 0;
};

using unix_socket = boost::asio::local::stream_protocol::socket;
using tcp_socket = boost::asio::ip::tcp::socket;
using tls_stream = boost::asio::ssl::stream<tcp_socket>;

std::unique_ptr<connection> make_connection(unix_socket socket);
std::unique_ptr<connection> make_connection(tcp_socket socket);
std::unique_ptr<connection> make_connection(std::unique_ptr<tls_stream> stream);

}  // namespace agent_backends::detail

#endif
