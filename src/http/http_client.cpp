// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/http/http_client.hpp>

#include "http/http_client_core.hpp"

#include <utility>

namespace agent_backends {

http_client::http_client(boost::asio::any_io_executor ex, http_endpoint endpoint, http_client_options opts)
    : core_(std::make_shared<detail::http_client_core>(std::move(ex), std::move(endpoint), std::move(opts)))
{}

http_client::~http_client() = default;
http_client::http_client(http_client&&) noexcept = default;
http_client& http_client::operator=(http_client&&) noexcept = default;

// Not coroutines: the core (shared, so streams may outlive the client) runs the exchange.
task<http_response> http_client::request(http_request req)
{
    return core_->request(std::move(req), {});
}

task<http_response> http_client::request(http_request req, http_body_sink sink)
{
    return core_->request(std::move(req), std::move(sink));
}

task<http_response_stream> http_client::open(http_request req)
{
    return core_->open(std::move(req));
}

task<upgraded_stream> http_client::upgrade(http_request req)
{
    return core_->upgrade(std::move(req));
}

task<websocket_stream> http_client::connect_websocket(http_request req, websocket_options opts)
{
    return core_->connect_websocket(std::move(req), std::move(opts));
}

const http_endpoint& http_client::endpoint() const noexcept
{
    return core_->endpoint();
}

boost::asio::any_io_executor http_client::get_executor() const noexcept
{
    return core_->executor();
}

std::size_t http_client::idle_connections() const noexcept
{
    return core_->pool().size();
}

void http_client::close_idle_connections() noexcept
{
    core_->pool().clear();
}

}  // namespace agent_backends
