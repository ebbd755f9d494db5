// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/docker/listener.hpp"

#include "fakes/common/serving.hpp"
#include "fakes/docker/replies.hpp"
#include "fakes/docker/router.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>

#include <filesystem>

#include <netinet/in.h>
#include <sys/socket.h>

namespace asio = boost::asio;
namespace http = boost::beast::http;

namespace agent_backends::test::docker_fake {
namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t header_limit = 64 * 1024;

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
            co_await conn->write(serialize(opts, error_reply(413, "request body too large"), false, true));
            co_return;
        }
        if (ec && is_malformed_request(ec))
        {
            co_await conn->write(serialize(opts, error_reply(400, "malformed HTTP request"), false, true));
            co_return;
        }
        if (ec)
            co_return;
        if (!co_await answer(ctx, conn, parser.release()))
            co_return;
    }
}

// Accepts on a TCP or unix acceptor; the connection sees a generic stream socket either way.
template <class Acceptor>
task<void> accept_loop(std::shared_ptr<server_context> ctx, Acceptor acceptor,
                       socket_type::protocol_type protocol)
{
    co_await accept_connections(ctx, std::move(acceptor), [ctx, protocol](auto peer) {
        boost::system::error_code ec;
        if constexpr (std::is_same_v<Acceptor, asio::ip::tcp::acceptor>)
            peer.set_option(asio::ip::tcp::no_delay(true), ec);
        socket_type socket(ctx->executor);
        socket.assign(protocol, peer.release(), ec);
        if (ec)
            return;
        auto conn = std::make_shared<connection>(std::move(socket));
        asio::co_spawn(ctx->executor, serve_registered(ctx, conn, serve_requests(ctx, conn)), asio::detached);
    });
}

}  // namespace

std::string start_listening(const std::shared_ptr<server_context>& ctx, const std::string& socket_path)
{
    if (!socket_path.empty())
    {
        std::error_code ignored;
        std::filesystem::remove(socket_path, ignored);
        asio::local::stream_protocol::acceptor acceptor(ctx->executor,
                                                        asio::local::stream_protocol::endpoint(socket_path));
        asio::co_spawn(ctx->executor,
                       accept_loop(ctx, std::move(acceptor), socket_type::protocol_type(AF_UNIX, 0)),
                       asio::detached);
        return "unix://" + socket_path;
    }
    asio::ip::tcp::acceptor acceptor(ctx->executor,
                                     asio::ip::tcp::endpoint(asio::ip::make_address_v4("127.0.0.1"), 0));
    auto port = acceptor.local_endpoint().port();
    asio::co_spawn(ctx->executor,
                   accept_loop(ctx, std::move(acceptor), socket_type::protocol_type(AF_INET, IPPROTO_TCP)),
                   asio::detached);
    return "http://127.0.0.1:" + std::to_string(port);
}

}  // namespace agent_backends::test::docker_fake
