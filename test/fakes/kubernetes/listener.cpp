// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/kubernetes/listener.hpp"

#include "fakes/common/serving.hpp"
#include "fakes/kubernetes/replies.hpp"
#include "fakes/kubernetes/router.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/error.hpp>


namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace agent_backends::test::kubernetes_fake {
namespace {

constexpr std::size_t header_limit = 64 * 1024;
constexpr std::size_t body_limit = 16u << 20;

task<void> serve_requests(std::shared_ptr<server_context> ctx, std::shared_ptr<connection> conn)
{
    if (!co_await conn->handshake())
        co_return;
    while (!ctx->stopping())
    {
        auto [ec, request] = co_await conn->read_request(header_limit, body_limit);
        if (ec == http::error::body_limit)
        {
            co_await conn->write(
                serialize(status_reply(413, "Request entity too large: limit is 16777216"), true));
            co_return;
        }
        if (ec && is_malformed_request(ec))
        {
            co_await conn->write(serialize(status_reply(400, "malformed HTTP request"), true));
            co_return;
        }
        if (ec)
            co_return;
        if (!co_await answer(ctx, conn, std::move(request)))
            co_return;
    }
}

task<void> accept_loop(std::shared_ptr<server_context> ctx, tcp::acceptor acceptor, asio::ssl::context* tls)
{
    co_await accept_connections(ctx, std::move(acceptor), [ctx, tls](tcp::socket socket) {
        boost::system::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        auto conn =
            tls ? make_tls_connection(std::move(socket), *tls) : make_plain_connection(std::move(socket));
        asio::co_spawn(ctx->executor, serve_registered(ctx, conn, serve_requests(ctx, conn)), asio::detached);
    });
}

}  // namespace

std::string start_listening(const std::shared_ptr<server_context>& ctx, asio::ssl::context* tls)
{
    tcp::acceptor acceptor(ctx->executor, tcp::endpoint(asio::ip::make_address_v4("127.0.0.1"), 0));
    auto port = acceptor.local_endpoint().port();
    asio::co_spawn(ctx->executor, accept_loop(ctx, std::move(acceptor), tls), asio::detached);
    return std::string(tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port);
}

}  // namespace agent_backends::test::kubernetes_fake
