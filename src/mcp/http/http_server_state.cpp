// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/http/http_server_state.hpp"

#include <boost/asio/ip/address.hpp>

#include <utility>

#include <fcntl.h>

namespace asio = boost::asio;
using asio::ip::tcp;

namespace agent_backends::detail::mcp_http {
namespace {

tcp::acceptor bound_acceptor(const asio::any_io_executor& ex, const mcp_http_options& opts)
{
    tcp::endpoint endpoint(asio::ip::make_address(opts.address), opts.port);
    tcp::acceptor acceptor(ex);
    acceptor.open(endpoint.protocol());
    keep_from_child_processes(acceptor.native_handle());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
    return acceptor;
}

}  // namespace

http_server_state::http_server_state(asio::any_io_executor strand, mcp_server mcp, mcp_http_options opts)
    : executor(std::move(strand)),
      server(std::move(mcp)),
      options(std::move(opts)),
      acceptor(bound_acceptor(executor, options)),
      port(acceptor.local_endpoint().port()),
      loopback_listener(acceptor.local_endpoint().address().is_loopback()),
      sessions(executor),
      connections_closed(executor, asio::steady_timer::time_point::max())
{}

void keep_from_child_processes(int fd) noexcept
{
    ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC);
}

void http_server_state::shut_down()
{
    stopping = true;
    boost::system::error_code ignored;
    acceptor.close(ignored);
    // Closing a socket completes its pending operations with operation_aborted; each connection then
    // cancels the call it was answering and ends.
    for (auto* socket : connections)
        socket->close(ignored);
    sessions.close_all();
}

connection_registration::connection_registration(http_server_state& state, tcp::socket& socket)
    : state_(state), socket_(&socket)
{
    state_.connections.insert(socket_);
}

connection_registration::~connection_registration()
{
    state_.connections.erase(socket_);
    if (state_.connections.empty())
        state_.connections_closed.cancel();
}

}  // namespace agent_backends::detail::mcp_http
