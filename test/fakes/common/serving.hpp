// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_COMMON_SERVING_HPP
#define AGENT_BACKENDS_TEST_FAKES_COMMON_SERVING_HPP

// The accept loop and the life of one connection, the same for every fake server; what a connection
// serves (its request loop) is the server's own.

#include <agent_backends/task.hpp>

#include "fakes/common/server_registry.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/error.hpp>

#include <exception>
#include <memory>
#include <utility>

namespace agent_backends::test {

/// True for a request that broke HTTP (as opposed to a client that closed or cut it short).
inline bool is_malformed_request(const boost::system::error_code& ec)
{
    namespace http = boost::beast::http;
    return ec.category() == http::make_error_code(http::error::end_of_stream).category() &&
           ec != http::error::end_of_stream && ec != http::error::partial_message;
}

/// Accepts connections until the registry closes the listener, handing each accepted socket to
/// `on_accept` (which spawns its serving coroutine).
template <class Acceptor, class OnAccept>
task<void> accept_connections(std::shared_ptr<server_registry> registry, Acceptor acceptor, OnAccept on_accept)
{
    namespace asio = boost::asio;
    if (registry->stopping())
        co_return;
    registry->close_listener = [&acceptor] {
        boost::system::error_code ignored;
        acceptor.close(ignored);
    };
    struct forget_listener
    {
        server_registry& registry;
        ~forget_listener() { registry.close_listener = nullptr; }
    } forget{*registry};
    for (;;)
    {
        auto [ec, peer] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
        if (ec == asio::error::operation_aborted || !acceptor.is_open())
            co_return;
        if (ec)
            continue;  // a connection that failed while queued
        on_accept(std::move(peer));
    }
}

/// Runs `requests` (the connection's request loop, not started yet) with the connection registered, then
/// closes it.
template <class Connection>
task<void> serve_registered(std::shared_ptr<server_registry> registry, std::shared_ptr<Connection> conn,
                            task<void> requests)
{
    server_registry::connection_scope registered(*registry, *conn);
    if (registry->stopping())
        co_return;
    try
    {
        co_await std::move(requests);
    }
    catch (const std::exception&)
    {
        // The client went away mid-write or the server is stopping: this connection ends, the server
        // serves on.
    }
    conn->close();
}

}  // namespace agent_backends::test

#endif
