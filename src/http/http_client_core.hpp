// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_HTTP_HTTP_CLIENT_CORE_HPP
#define AGENT_BACKENDS_SRC_HTTP_HTTP_CLIENT_CORE_HPP

#include <agent_backends/http/http_body_sink.hpp>
#include <agent_backends/http/http_client_options.hpp>
#include <agent_backends/http/http_endpoint.hpp>
#include <agent_backends/http/http_request.hpp>
#include <agent_backends/http/http_response.hpp>
#include <agent_backends/http/http_response_stream.hpp>
#include <agent_backends/http/upgraded_stream.hpp>
#include <agent_backends/http/websocket_options.hpp>
#include <agent_backends/http/websocket_stream.hpp>
#include <agent_backends/task.hpp>

#include "http/connection.hpp"
#include "http/connection_pool.hpp"
#include "http/connector.hpp"
#include "http/exchange_io.hpp"
#include "http/request_encoder.hpp"
#include "http/response_decoder.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ssl/context.hpp>

#include <memory>

namespace agent_backends::detail {

/// A connection whose response header has arrived.
struct opened_response
{
    std::unique_ptr<connection> conn;
    response_decoder decoder;
    exchange_context ctx;
    bool keep_alive{true};  ///< False when the request or a failed send rules reuse out.
};

/// What an http_client shares with the streams it returns: endpoint, options, TLS context, pool.
class http_client_core : public std::enable_shared_from_this<http_client_core>
{
public:
    http_client_core(boost::asio::any_io_executor ex, http_endpoint endpoint, http_client_options opts);

    task<http_response> request(http_request req, http_body_sink sink);
    task<http_response_stream> open(http_request req);
    task<upgraded_stream> upgrade(http_request req);
    task<websocket_stream> connect_websocket(http_request req, websocket_options opts);

    /// Gives a connection whose exchange is complete back to the pool, or closes it.
    void release(opened_response& exchange);

    const http_endpoint& endpoint() const noexcept { return endpoint_; }
    const http_client_options& options() const noexcept { return opts_; }
    boost::asio::any_io_executor executor() const noexcept { return ex_; }
    connection_pool& pool() noexcept { return pool_; }

private:
    task<std::unique_ptr<connection>> connect();
    task<opened_response> send(http_request& req, const encoded_head& head);
    task<http_response> read_whole(http_request& req, const encoded_head& head, http_body_sink& sink);
    task<upgraded_stream> switch_protocols(http_request& req, const encoded_head& head);
    task<websocket_stream> open_websocket(http_request req, websocket_options opts, std::string url);
    std::chrono::milliseconds limit_of(const http_request& req) const;
    std::string timeout_message(const encoded_head& head, std::chrono::milliseconds limit) const;

    boost::asio::any_io_executor ex_;
    http_endpoint endpoint_;
    http_client_options opts_;
    std::unique_ptr<boost::asio::ssl::context> tls_;
    connector connector_;
    connection_pool pool_;
    std::string url_;
};

/// The state behind an http_response_stream.
struct response_stream_state
{
    response_stream_state(std::shared_ptr<http_client_core> core, opened_response exchange)
        : core(std::move(core)), exchange(std::move(exchange)), head(this->exchange.decoder.head())
    {}

    std::shared_ptr<http_client_core> core;
    opened_response exchange;
    http_response head;
    bool failed{false};
};

/// The state behind an upgraded_stream.
struct upgraded_stream_state
{
    std::unique_ptr<connection> conn;  ///< Null when the server refused to switch.
    std::string pending;               ///< Bytes that arrived with the header, not yet read.
    std::size_t pending_offset{0};
    bool closed{false};  ///< Closed by close(), a failure or a cancellation.
    http_response response;
    std::string endpoint;
};

}  // namespace agent_backends::detail

#endif
