// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/mcp/mcp_http_server.hpp>

#include "mcp/http/http_connection.hpp"
#include "mcp/http/http_server_state.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/cancellation_type.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <algorithm>
#include <chrono>
#include <utility>

namespace asio = boost::asio;
using asio::ip::tcp;

namespace agent_backends {

struct mcp_http_server::impl : detail::mcp_http::http_server_state
{
    using http_server_state::http_server_state;
};

namespace {

using detail::mcp_http::http_server_state;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

task<void> accept_connections(std::shared_ptr<http_server_state> state)
{
    auto ex = co_await asio::this_coro::executor;
    for (;;)
    {
        auto [ec, socket] = co_await state->acceptor.async_accept(use_tuple);
        if (state->stopping || !state->acceptor.is_open() ||
            (co_await asio::this_coro::cancellation_state).cancelled() != asio::cancellation_type::none)
            co_return;
        if (ec)
        {
            // Out of descriptors, or a connection reset before it was accepted: pause so that a full
            // descriptor table does not turn this loop into a busy one, then go on.
            asio::steady_timer pause(ex, std::chrono::milliseconds(50));
            co_await pause.async_wait(use_tuple);
            continue;
        }
        detail::mcp_http::keep_from_child_processes(socket.native_handle());
        asio::co_spawn(ex, detail::mcp_http::serve_connection(state, std::move(socket)), asio::detached);
    }
}

task<void> close_idle_sessions(std::shared_ptr<http_server_state> state)
{
    auto ex = co_await asio::this_coro::executor;
    asio::steady_timer timer(ex, asio::steady_timer::time_point::max());
    auto limit =
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(state->options.session_idle_timeout);
    if (limit <= limit.zero())
    {
        co_await timer.async_wait(asio::use_awaitable);  // never: only cancellation ends it
        co_return;
    }
    auto period = std::clamp<std::chrono::steady_clock::duration>(limit / 4, std::chrono::milliseconds(100),
                                                                  std::chrono::seconds(30));
    for (;;)
    {
        timer.expires_after(period);
        co_await timer.async_wait(asio::use_awaitable);
        state->sessions.close_idle(std::chrono::steady_clock::now(), limit);
    }
}

// Runs on the server's strand.
task<void> serve(std::shared_ptr<http_server_state> state)
{
    auto ex = co_await asio::this_coro::executor;
    co_await asio::experimental::make_parallel_group(
        asio::co_spawn(ex, accept_connections(state), asio::deferred),
        asio::co_spawn(ex, close_idle_sessions(state), asio::deferred))
        .async_wait(asio::experimental::wait_for_one(), use_tuple);
    bool cancelled =
        (co_await asio::this_coro::cancellation_state).cancelled() != asio::cancellation_type::none;

    // Close everything and wait until every connection has ended, so that nothing runs after run().
    co_await asio::this_coro::reset_cancellation_state();
    state->shut_down();
    while (!state->connections.empty())
        co_await state->connections_closed.async_wait(use_tuple);
    if (cancelled && !state->stop_requested)
        throw boost::system::system_error(asio::error::operation_aborted);
}

}  // namespace

mcp_http_server::mcp_http_server(asio::any_io_executor ex, mcp_server server, mcp_http_options opts)
    : impl_(std::make_shared<impl>(asio::make_strand(ex), std::move(server), std::move(opts)))
{}

mcp_http_server::~mcp_http_server()
{
    stop();
}

std::uint16_t mcp_http_server::port() const noexcept
{
    return impl_->port;
}

std::string mcp_http_server::url() const
{
    const auto& address = impl_->options.address;
    bool v6 = address.find(':') != std::string::npos;
    return "http://" + (v6 ? "[" + address + "]" : address) + ":" + std::to_string(impl_->port) +
           impl_->options.path;
}

task<void> mcp_http_server::run()
{
    std::shared_ptr<http_server_state> state = impl_;
    return asio::co_spawn(state->executor, serve(state), asio::use_awaitable);
}

void mcp_http_server::stop()
{
    asio::post(impl_->executor, [state = impl_] {
        state->stop_requested = true;
        state->shut_down();
    });
}

}  // namespace agent_backends
