// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "http/http_client_core.hpp"

#include <agent_backends/error.hpp>

#include "http/deadline.hpp"
#include "http/tls_context.hpp"

#include <utility>

namespace asio = boost::asio;

namespace agent_backends::detail {
namespace {

constexpr std::size_t body_piece = 64 * 1024;

std::unique_ptr<asio::ssl::context> tls_context_for(const http_endpoint& ep, const tls_options& opts)
{
    if (ep.transport != http_transport::tls)
        return nullptr;
    return make_tls_context(opts);
}

}  // namespace

http_client_core::http_client_core(asio::any_io_executor ex, http_endpoint endpoint, http_client_options opts)
    : ex_(ex),
      endpoint_(std::move(endpoint)),
      opts_(std::move(opts)),
      tls_(tls_context_for(endpoint_, opts_.tls)),
      connector_(ex, endpoint_, tls_.get(), opts_.tls),
      pool_(opts_.max_idle_connections, opts_.idle_timeout),
      url_(endpoint_.url())
{}

std::chrono::milliseconds http_client_core::limit_of(const http_request& req) const
{
    return req.timeout.value_or(opts_.request_timeout);
}

std::string http_client_core::timeout_message(const encoded_head& head, std::chrono::milliseconds limit) const
{
    return "HTTP request " + head.request_line + " to " + url_ + " timed out after " +
           describe_duration(limit);
}

task<std::unique_ptr<connection>> http_client_core::connect()
{
    return with_deadline(
        connector_.connect(), opts_.connect_timeout,
        "Connecting to " + url_ + " timed out after " + describe_duration(opts_.connect_timeout));
}

task<opened_response> http_client_core::send(http_request& req, const encoded_head& head)
{
    exchange_context ctx{url_, head.request_line};
    bool retryable = is_idempotent(req.method) && !req.body_source;
    for (int attempt = 0;; ++attempt)
    {
        auto conn = attempt == 0 ? pool_.take() : nullptr;
        bool reused = conn != nullptr;
        if (!conn)
            conn = co_await connect();
        response_decoder decoder(opts_.max_header_bytes, req.method == "HEAD");
        auto write_failure = co_await send_request(*conn, head, req);
        // Read even after a failed send: a server may answer (413, 404) and close before taking the body.
        auto read_failure = co_await receive_header(*conn, decoder);
        if (!read_failure)
            co_return opened_response{std::move(conn), std::move(decoder), std::move(ctx),
                                      head.keep_alive && !write_failure};
        // A reused connection the server had closed meanwhile: nothing was processed, so try a fresh one.
        if (reused && retryable && attempt == 0 && !decoder.received_any())
            continue;
        throw_exchange_failure(ctx, decoder, write_failure, read_failure);
    }
}

void http_client_core::release(opened_response& exchange)
{
    if (exchange.conn && exchange.keep_alive && exchange.decoder.reusable())
        pool_.put(std::move(exchange.conn));
    exchange.conn.reset();
}

task<http_response> http_client_core::request(http_request req, http_body_sink sink)
{
    auto head = encode_request_head(req, endpoint_, opts_, false);
    auto limit = limit_of(req);
    co_return co_await with_deadline(read_whole(req, head, sink), limit, timeout_message(head, limit));
}

task<http_response> http_client_core::read_whole(http_request& req, const encoded_head& head,
                                                 http_body_sink& sink)
{
    auto exchange = co_await send(req, head);
    http_response response = exchange.decoder.head();
    auto& decoder = exchange.decoder;
    auto& conn = *exchange.conn;
    if (sink)
    {
        auto buffer = std::make_unique_for_overwrite<char[]>(body_piece);
        while (auto n = co_await receive_body(conn, decoder, {buffer.get(), body_piece}, exchange.ctx))
            co_await sink(std::string_view(buffer.get(), n));
    }
    else
    {
        co_await receive_whole_body(conn, decoder, response.body, opts_.max_body_bytes, exchange.ctx);
    }
    release(exchange);
    co_return response;
}

task<http_response_stream> http_client_core::open(http_request req)
{
    auto head = encode_request_head(req, endpoint_, opts_, false);
    auto limit = limit_of(req);
    auto exchange = co_await with_deadline(send(req, head), limit, timeout_message(head, limit));
    auto state = std::make_unique<response_stream_state>(shared_from_this(), std::move(exchange));
    if (state->exchange.decoder.done())
        release(state->exchange);
    co_return http_response_stream(std::move(state));
}

task<upgraded_stream> http_client_core::upgrade(http_request req)
{
    auto head = encode_request_head(req, endpoint_, opts_, true);
    auto limit = limit_of(req);
    co_return co_await with_deadline(switch_protocols(req, head), limit, timeout_message(head, limit));
}

task<upgraded_stream> http_client_core::switch_protocols(http_request& req, const encoded_head& head)
{
    auto exchange = co_await send(req, head);
    auto state = std::make_unique<upgraded_stream_state>();
    state->response = exchange.decoder.head();
    state->endpoint = url_;
    unsigned status = state->response.status;
    if (status == 101 || (status >= 200 && status < 300))
    {
        state->pending = exchange.decoder.take_unparsed();
        state->conn = std::move(exchange.conn);
        co_return upgraded_stream(std::move(state));
    }
    // Refused: keep the explanation (Docker's JSON error), bounded like any in-memory body.
    co_await receive_whole_body(*exchange.conn, exchange.decoder, state->response.body, opts_.max_body_bytes,
                                exchange.ctx);
    co_return upgraded_stream(std::move(state));
}

}  // namespace agent_backends::detail
