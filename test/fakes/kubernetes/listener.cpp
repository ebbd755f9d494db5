// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/kubernetes/listener.hpp"

#include "fakes/kubernetes/replies.hpp"
#include "fakes/kubernetes/router.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/error.hpp>

#include <exception>

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace agent_backends::test::kubernetes_fake {
namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t header_limit = 64 * 1024;
constexpr std::size_t body_limit = 16u << 20;

bool malformed(const boost::system::error_code& ec)
{
    return ec.category() == http::make_error_code(http::error::end_of_stream).category() &&
           ec != http::error::end_of_stream && ec != http::error::partial_message;
}

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
        if (ec && malformed(ec))
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

task<void> serve(std::shared_ptr<server_context> ctx, std::shared_ptr<connection> conn)
{
    server_context::connection_scope registered(*ctx, *conn);
    if (ctx->stopping())
        co_return;
    try
    {
        co_await serve_requests(ctx, conn);
    }
    catch (const std::exception&)
    {
        // The client went away mid-write or the server is stopping: this connection ends, the server serves
        // on.
    }
    conn->close();
}

task<void> accept_loop(std::shared_ptr<server_context> ctx, tcp::acceptor acceptor, asio::ssl::context* tls)
{
    if (ctx->stopping())
        co_return;
    ctx->close_listener = [&acceptor] {
        boost::system::error_code ignored;
        acceptor.close(ignored);
    };
    struct forget_listener
    {
        server_context& ctx;
        ~forget_listener() { ctx.close_listener = nullptr; }
    } forget{*ctx};
    for (;;)
    {
        auto [ec, socket] = co_await acceptor.async_accept(use_tuple);
        if (ec == asio::error::operation_aborted || !acceptor.is_open())
            co_return;
        if (ec)
            continue;  // a connection that failed while queued
        socket.set_option(tcp::no_delay(true), ec);
        auto conn =
            tls ? make_tls_connection(std::move(socket), *tls) : make_plain_connection(std::move(socket));
        asio::co_spawn(ctx->executor, serve(ctx, std::move(conn)), asio::detached);
    }
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
