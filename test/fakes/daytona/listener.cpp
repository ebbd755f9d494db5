// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/daytona/listener.hpp"

#include "fakes/daytona/router.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>

#include <exception>

#include <netinet/in.h>
#include <sys/socket.h>

namespace asio = boost::asio;
namespace http = boost::beast::http;

namespace agent_backends::test::daytona_fake {
namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t header_limit = 64 * 1024;

bool malformed(const boost::system::error_code& ec)
{
    return ec.category() == http::make_error_code(http::error::end_of_stream).category() &&
           ec != http::error::end_of_stream && ec != http::error::partial_message;
}

task<void> serve_requests(std::shared_ptr<server_context> ctx, std::shared_ptr<connection> conn)
{
    const auto& opts = ctx->state->options;
    while (!ctx->stopping())
    {
        http::request_parser<http::string_body> parser;
        parser.header_limit(header_limit);
        parser.body_limit(opts.max_request_body_bytes);
        auto [ec, n] = co_await http::async_read(conn->socket(), conn->buffer(), parser, use_tuple);
        if (ec == http::error::body_limit)
        {
            co_await conn->write(
                serialize(error_reply(plane::control, 413, "request body too large", "", ""), true));
            co_return;
        }
        if (ec && malformed(ec))
        {
            co_await conn->write(
                serialize(error_reply(plane::control, 400, "malformed HTTP request", "", ""), true));
            co_return;
        }
        if (ec)
            co_return;
        if (!co_await answer(ctx, conn, parser.release()))
            co_return;
    }
}

task<void> serve(std::shared_ptr<server_context> ctx, socket_type socket)
{
    auto conn = std::make_shared<connection>(std::move(socket));
    server_context::connection_scope registered(*ctx, *conn);
    if (ctx->stopping())
        co_return;
    try
    {
        co_await serve_requests(ctx, conn);
    }
    catch (const std::exception&)
    {
        // The client went away mid-write or the server is stopping: this connection ends, the server
        // serves on.
    }
    conn->close();
}

task<void> accept_loop(std::shared_ptr<server_context> ctx, asio::ip::tcp::acceptor acceptor)
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
        auto [ec, peer] = co_await acceptor.async_accept(use_tuple);
        if (ec == asio::error::operation_aborted || !acceptor.is_open())
            co_return;
        if (ec)
            continue;  // a connection that failed while queued
        peer.set_option(asio::ip::tcp::no_delay(true), ec);
        socket_type socket(ctx->executor);
        socket.assign(socket_type::protocol_type(AF_INET, IPPROTO_TCP), peer.release(), ec);
        if (!ec)
            asio::co_spawn(ctx->executor, serve(ctx, std::move(socket)), asio::detached);
    }
}

}  // namespace

std::string start_listening(const std::shared_ptr<server_context>& ctx)
{
    asio::ip::tcp::acceptor acceptor(ctx->executor,
                                     asio::ip::tcp::endpoint(asio::ip::make_address_v4("127.0.0.1"), 0));
    auto port = acceptor.local_endpoint().port();
    asio::co_spawn(ctx->executor, accept_loop(ctx, std::move(acceptor)), asio::detached);
    return "http://127.0.0.1:" + std::to_string(port);
}

}  // namespace agent_backends::test::daytona_fake
