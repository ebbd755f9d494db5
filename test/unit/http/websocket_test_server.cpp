// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "websocket_test_server.hpp"

#include "core/base64.hpp"
#include "fakes/common/tls_test_certificates.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/generic/stream_protocol.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <type_traits>

#include <netinet/in.h>
#include <openssl/sha.h>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using generic_protocol = asio::generic::stream_protocol;

namespace agent_backends::test {
namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

template <class Stream>
class beast_peer final : public websocket_peer
{
public:
    template <class... Args>
    explicit beast_peer(Args&&... args) : ws_(std::forward<Args>(args)...)
    {}

    // The TLS handshake (for TLS) and the client's upgrade request; false when the client went away.
    task<bool> start()
    {
        if constexpr (!std::is_same_v<Stream, generic_protocol::socket>)
        {
            auto [ec] = co_await ws_.next_layer().async_handshake(asio::ssl::stream_base::server, use_tuple);
            if (ec)
                co_return false;
        }
        auto [ec, n] = co_await http::async_read(ws_.next_layer(), buffer_, upgrade_, use_tuple);
        if (ec)
            co_return false;
        request.target = std::string(upgrade_.target());
        for (const auto& field : upgrade_)
            request.headers.add(std::string(field.name_string()), std::string(field.value()));
        co_return true;
    }

    task<void> accept(std::string subprotocol) override
    {
        ws_.set_option(websocket::stream_base::decorator([subprotocol](websocket::response_type& res) {
            if (!subprotocol.empty())
                res.set(http::field::sec_websocket_protocol, subprotocol);
        }));
        ws_.control_callback([this](websocket::frame_type kind, beast::string_view payload) {
            if (kind == websocket::frame_type::ping)
                pings.emplace_back(payload);
            else if (kind == websocket::frame_type::pong)
                pongs.emplace_back(payload);
        });
        co_await ws_.async_accept(upgrade_, asio::use_awaitable);
    }

    task<void> refuse(unsigned status, std::string body) override
    {
        http::response<http::string_body> res{static_cast<http::status>(status), 11};
        res.set(http::field::content_type, "application/json");
        res.body() = std::move(body);
        res.prepare_payload();
        co_await http::async_write(ws_.next_layer(), res, use_tuple);
        drop();
    }

    task<std::optional<websocket_message>> read() override
    {
        beast::flat_buffer buffer;
        auto [ec, n] = co_await ws_.async_read(buffer, use_tuple);
        if (ws_.reason().code != websocket::close_code::none)  // the client's close frame arrived
            close_reason =
                websocket_close{static_cast<std::uint16_t>(ws_.reason().code),
                                std::string(ws_.reason().reason.data(), ws_.reason().reason.size())};
        if (ec)
        {
            if (ec != websocket::error::closed)
                failure = ec;
            co_return std::nullopt;
        }
        co_return websocket_message{beast::buffers_to_string(buffer.data()), ws_.got_binary()};
    }

    task<void> write(std::string data, bool binary) override
    {
        ws_.binary(binary);
        co_await ws_.async_write(asio::buffer(data), asio::use_awaitable);
    }

    task<void> write_fragments(std::vector<std::string> parts, bool binary) override
    {
        ws_.binary(binary);
        for (std::size_t i = 0; i < parts.size(); ++i)
            co_await ws_.async_write_some(i + 1 == parts.size(), asio::buffer(parts[i]), asio::use_awaitable);
    }

    task<void> ping(std::string payload) override
    {
        websocket::ping_data data;
        data.assign(payload.data(), payload.size());
        co_await ws_.async_ping(data, asio::use_awaitable);
    }

    task<void> close(std::uint16_t code, std::string reason) override
    {
        co_await ws_.async_close(websocket::close_reason(static_cast<websocket::close_code>(code), reason),
                                 asio::use_awaitable);
    }

    task<std::string> read_raw_to_end() override
    {
        std::string out;
        char piece[4096];
        for (;;)
        {
            auto [ec, n] = co_await ws_.next_layer().async_read_some(asio::buffer(piece), use_tuple);
            out.append(piece, n);
            if (ec)
                co_return out;
        }
    }

    void drop() override
    {
        boost::system::error_code ignored;
        beast::get_lowest_layer(ws_).close(ignored);
    }

private:
    websocket::stream<Stream> ws_;
    beast::flat_buffer buffer_;
    http::request<http::string_body> upgrade_;
};

using plain_peer = beast_peer<generic_protocol::socket>;
using tls_peer = beast_peer<asio::ssl::stream<generic_protocol::socket>>;

}  // namespace

struct websocket_test_server::state
{
    state(asio::any_io_executor ex, handler_type handler, asio::ssl::context* tls)
        : ex(ex), acceptor(ex), handler(std::move(handler)), tls(tls)
    {}

    asio::any_io_executor ex;
    asio::basic_socket_acceptor<generic_protocol> acceptor;
    handler_type handler;
    asio::ssl::context* tls;
    std::string url;
    std::string socket_path;
    bool stopped{false};
    std::vector<std::weak_ptr<websocket_peer>> peers;
};

namespace {

template <class Peer>
task<void> serve(std::shared_ptr<websocket_test_server::state> s, std::shared_ptr<Peer> peer)
{
    s->peers.push_back(peer);
    if (!co_await peer->start())
        co_return;
    try
    {
        co_await s->handler(*peer);
    }
    catch (const std::exception&)
    {
        // The client went away in the middle of what the handler was doing.
    }
    peer->drop();
}

task<void> accept_loop(std::shared_ptr<websocket_test_server::state> s)
{
    for (;;)
    {
        auto [ec, socket] = co_await s->acceptor.async_accept(use_tuple);
        if (ec || s->stopped)
            co_return;
        if (s->tls)
            asio::co_spawn(s->ex, serve(s, std::make_shared<tls_peer>(std::move(socket), *s->tls)),
                           asio::detached);
        else
            asio::co_spawn(s->ex, serve(s, std::make_shared<plain_peer>(std::move(socket))), asio::detached);
    }
}

}  // namespace

websocket_test_server::websocket_test_server(asio::any_io_executor ex, test_server::transport kind,
                                             handler_type handler, std::string socket_path,
                                             asio::ssl::context* tls)
    : state_(std::make_shared<state>(ex, std::move(handler), tls))
{
    if (kind == test_server::transport::tcp)
    {
        generic_protocol::endpoint ep{asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
        state_->acceptor.open(ep.protocol());
        state_->acceptor.bind(ep);
        state_->acceptor.listen();
        auto local = state_->acceptor.local_endpoint();
        auto* in = reinterpret_cast<const sockaddr_in*>(local.data());
        state_->url =
            std::string(tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(ntohs(in->sin_port));
    }
    else
    {
        generic_protocol::endpoint ep{asio::local::stream_protocol::endpoint(socket_path)};
        state_->acceptor.open(ep.protocol());
        state_->acceptor.bind(ep);
        state_->acceptor.listen();
        state_->url = "unix://" + socket_path;
        state_->socket_path = socket_path;
    }
    asio::co_spawn(ex, accept_loop(state_), asio::detached);
}

websocket_test_server::~websocket_test_server()
{
    stop();
    if (!state_->socket_path.empty())
    {
        std::error_code ignored;
        std::filesystem::remove(state_->socket_path, ignored);
    }
}

std::string websocket_test_server::url() const
{
    return state_->url;
}

void websocket_test_server::stop()
{
    state_->stopped = true;
    boost::system::error_code ignored;
    state_->acceptor.close(ignored);
    for (auto& weak : state_->peers)
        if (auto peer = weak.lock())
            peer->drop();
}

const char* transport_name(websocket_transport kind)
{
    switch (kind)
    {
        case websocket_transport::tcp:
            return "tcp";
        case websocket_transport::unix_socket:
            return "unix";
        case websocket_transport::tls:
            return "tls";
    }
    return "?";
}

bool transport_available(websocket_transport kind)
{
    if (kind != websocket_transport::tls || test_certificates().available)
        return true;
    BOOST_TEST_MESSAGE("skipped over TLS: " << test_certificates().why_not);
    return false;
}

namespace {

std::unique_ptr<asio::ssl::context> server_tls_for(websocket_transport kind)
{
    if (kind != websocket_transport::tls)
        return nullptr;
    const auto& c = test_certificates();
    return make_server_tls(c.server_cert, c.server_key);
}

http_client_options trusting_server(http_client_options opts, websocket_transport kind)
{
    if (kind == websocket_transport::tls)
        opts.tls.ca_file = test_certificates().ca_cert;
    return opts;
}

}  // namespace

websocket_pair::websocket_pair(asio::any_io_executor ex, websocket_transport kind,
                               websocket_test_server::handler_type handler, http_client_options opts)
    : tls(server_tls_for(kind)),
      server(ex,
             kind == websocket_transport::unix_socket ? test_server::transport::unix_socket
                                                      : test_server::transport::tcp,
             std::move(handler), dir.str() + "/ws.sock", tls.get()),
      client(ex, server.endpoint(), trusting_server(std::move(opts), kind))
{}

std::string websocket_accept_key(std::string_view key)
{
    std::string text = std::string(key) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    unsigned char digest[SHA_DIGEST_LENGTH];
    ::SHA1(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
    return detail::base64_encode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

}  // namespace agent_backends::test
