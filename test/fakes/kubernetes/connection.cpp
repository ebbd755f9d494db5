// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/kubernetes/connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <array>
#include <chrono>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;

namespace agent_backends::test::kubernetes_fake {
namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t max_message_bytes = 64u << 20;
constexpr std::chrono::seconds close_handshake_limit{5};

using tcp = asio::ip::tcp;
using tls_stream = asio::ssl::stream<tcp::socket>;

template <class Stream>
class websocket_exec_socket final : public exec_socket
{
public:
    explicit websocket_exec_socket(Stream& next) : ws_(next) {}

    websocket::stream<Stream&>& ws() noexcept { return ws_; }

    task<bool> send(std::string_view message) override
    {
        auto [ec, n] = co_await ws_.async_write(asio::buffer(message.data(), message.size()), use_tuple);
        co_return !ec;
    }

    task<std::optional<std::string>> receive() override
    {
        buffer_.clear();
        auto [ec, n] = co_await ws_.async_read(buffer_, use_tuple);
        if (ec)
            co_return std::nullopt;
        co_return beast::buffers_to_string(buffer_.data());
    }

    task<void> close_normally() override
    {
        co_await ws_.async_close(websocket::close_code::normal, use_tuple);
    }

    task<void> send_raw(std::string_view bytes) override
    {
        co_await asio::async_write(ws_.next_layer(), asio::buffer(bytes.data(), bytes.size()), use_tuple);
    }

private:
    websocket::stream<Stream&> ws_;
    beast::flat_buffer buffer_;
};

template <class Stream>
class stream_connection final : public connection
{
public:
    template <class... Args>
    explicit stream_connection(Args&&... args) : stream_(std::forward<Args>(args)...)
    {}

    task<bool> handshake() override
    {
        if constexpr (std::is_same_v<Stream, tls_stream>)
        {
            auto [ec] = co_await stream_.async_handshake(asio::ssl::stream_base::server, use_tuple);
            co_return !ec;
        }
        co_return true;
    }

    task<read_request_result> read_request(std::size_t header_limit, std::size_t body_limit) override
    {
        http::request_parser<http::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(header_limit));
        parser.body_limit(body_limit);
        auto [ec, n] = co_await http::async_read(stream_, buffer_, parser, use_tuple);
        read_request_result result{ec, {}};
        if (!ec)
            result.request = parser.release();
        co_return result;
    }

    task<bool> write(std::string_view data) override
    {
        auto [ec, n] = co_await asio::async_write(stream_, asio::buffer(data.data(), data.size()), use_tuple);
        co_return !ec;
    }

    task<void> wait_closed() override
    {
        std::array<char, 4096> sink;
        for (;;)
        {
            auto [ec, n] = co_await stream_.async_read_some(asio::buffer(sink), use_tuple);
            if (ec)
                co_return;
        }
    }

    task<std::unique_ptr<exec_socket>> accept_websocket(http_request_message request,
                                                        std::string protocol) override
    {
        auto socket = std::make_unique<websocket_exec_socket<Stream>>(stream_);
        auto& ws = socket->ws();
        ws.set_option(websocket::stream_base::timeout{.handshake_timeout = close_handshake_limit,
                                                      .idle_timeout = websocket::stream_base::none(),
                                                      .keep_alive_pings = false});
        ws.set_option(websocket::stream_base::decorator([protocol](websocket::response_type& res) {
            res.set(http::field::sec_websocket_protocol, protocol);
        }));
        ws.binary(true);
        ws.auto_fragment(false);
        ws.read_message_max(max_message_bytes);
        // The API server upgrades `POST` as well; a WebSocket handshake is a `GET` to Beast.
        request.method(http::verb::get);
        auto [ec] = co_await ws.async_accept(request, use_tuple);
        if (ec)
            co_return nullptr;
        co_return socket;
    }

    void close() noexcept override
    {
        boost::system::error_code ignored;
        auto& socket = beast::get_lowest_layer(stream_);
        socket.shutdown(tcp::socket::shutdown_both, ignored);
        socket.close(ignored);
    }

    bool is_open() const noexcept override { return beast::get_lowest_layer(stream_).is_open(); }

private:
    Stream stream_;
    beast::flat_buffer buffer_;
};

}  // namespace

std::shared_ptr<connection> make_plain_connection(tcp::socket socket)
{
    return std::make_shared<stream_connection<tcp::socket>>(std::move(socket));
}

std::shared_ptr<connection> make_tls_connection(tcp::socket socket, asio::ssl::context& tls)
{
    return std::make_shared<stream_connection<tls_stream>>(std::move(socket), tls);
}

}  // namespace agent_backends::test::kubernetes_fake
