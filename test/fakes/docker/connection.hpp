// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_DOCKER_CONNECTION_HPP
#define AGENT_BACKENDS_TEST_FAKES_DOCKER_CONNECTION_HPP

#include <agent_backends/task.hpp>

#include <boost/asio/generic/stream_protocol.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <string_view>

namespace agent_backends::test::docker_fake {

using socket_type = boost::asio::generic::stream_protocol::socket;

/// One client connection (unix socket or TCP) and the bytes read past the current request.
class connection
{
public:
    explicit connection(socket_type socket) : socket_(std::move(socket)) {}

    socket_type& socket() noexcept { return socket_; }

    /// Bytes the request parser read beyond the current request (early stdin of an exec stream).
    boost::beast::flat_buffer& buffer() noexcept { return buffer_; }

    /// Writes all of `data` (kept alive by the caller until done); false when the client has gone.
    task<bool> write(std::string_view data);

    /// Reads and discards until the client closes its side (or the connection fails).
    task<void> wait_closed();

    /// Ends our sending side: the client reads the end of the stream.
    void shutdown_send() noexcept;

    void close() noexcept;
    bool is_open() const noexcept { return socket_.is_open(); }

private:
    socket_type socket_;
    boost::beast::flat_buffer buffer_;
};

}  // namespace agent_backends::test::docker_fake

#endif
