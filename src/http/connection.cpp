// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "http/connection.hpp"

#include "http/websocket_session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/system/system_error.hpp>

#include <cerrno>
#include <utility>

#include <sys/socket.h>

namespace asio = boost::asio;

namespace agent_backends::detail {
namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// Orderly end of the peer's data. A TLS peer closing without close_notify is taken as one too: HTTP framing
// (Content-Length, chunks) tells a complete message from a truncated one.
bool is_end_of_stream(const boost::system::error_code& ec)
{
    return ec == asio::error::eof || ec == asio::ssl::error::stream_truncated;
}

template <class Socket>
class socket_connection final : public connection
{
public:
    explicit socket_connection(Socket socket) : socket_(std::move(socket)) {}

    task<std::size_t> read_some(std::span<char> into) override
    {
        auto [ec, n] = co_await socket_.async_read_some(asio::buffer(into.data(), into.size()), use_tuple);
        if (ec && !is_end_of_stream(ec))
            throw boost::system::system_error(ec);
        co_return n;
    }

    task<void> write(std::span<const asio::const_buffer> buffers) override
    {
        co_await asio::async_write(socket_, buffers, asio::use_awaitable);
    }

    void shutdown_send() override { socket_.shutdown(Socket::shutdown_send); }

    void close() noexcept override
    {
        boost::system::error_code ignored;
        socket_.close(ignored);
    }

    std::unique_ptr<websocket_session> into_websocket() override
    {
        return make_websocket_session(std::move(socket_));
    }

protected:
    int native_handle() noexcept override { return socket_.is_open() ? socket_.native_handle() : -1; }

private:
    Socket socket_;
};

class tls_connection final : public connection
{
public:
    explicit tls_connection(std::unique_ptr<tls_stream> stream) : stream_(std::move(stream)) {}

    task<std::size_t> read_some(std::span<char> into) override
    {
        auto [ec, n] = co_await stream_->async_read_some(asio::buffer(into.data(), into.size()), use_tuple);
        if (ec && !is_end_of_stream(ec))
            throw boost::system::system_error(ec);
        co_return n;
    }

    task<void> write(std::span<const asio::const_buffer> buffers) override
    {
        co_await asio::async_write(*stream_, buffers, asio::use_awaitable);
    }

    // No close_notify: that needs a full TLS shutdown, which waits for the peer's own close_notify.
    void shutdown_send() override { stream_->lowest_layer().shutdown(tcp_socket::shutdown_send); }

    void close() noexcept override
    {
        boost::system::error_code ignored;
        if (stream_)
            stream_->lowest_layer().close(ignored);
    }

    std::unique_ptr<websocket_session> into_websocket() override
    {
        return make_websocket_session(std::move(stream_));
    }

protected:
    int native_handle() noexcept override
    {
        if (!stream_)
            return -1;
        auto& socket = stream_->lowest_layer();
        return socket.is_open() ? socket.native_handle() : -1;
    }

private:
    std::unique_ptr<tls_stream> stream_;  // asio's ssl stream is not reliably movable once handshaken
};

}  // namespace

bool connection::is_stale() noexcept
{
    int fd = native_handle();
    if (fd < 0)
        return true;
    char byte;
    auto n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n < 0)
        return errno != EAGAIN && errno != EWOULDBLOCK;
    return true;  // 0: the peer closed; > 0: bytes that belong to no request of ours
}

std::unique_ptr<connection> make_connection(unix_socket socket)
{
    return std::make_unique<socket_connection<unix_socket>>(std::move(socket));
}

std::unique_ptr<connection> make_connection(tcp_socket socket)
{
    return std::make_unique<socket_connection<tcp_socket>>(std::move(socket));
}

std::unique_ptr<connection> make_connection(std::unique_ptr<tls_stream> stream)
{
    return std::make_unique<tls_connection>(std::move(stream));
}

}  // namespace agent_backends::detail
