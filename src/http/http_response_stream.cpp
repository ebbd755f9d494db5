// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/http/http_response_stream.hpp>

#include "http/http_client_core.hpp"

#include <utility>

namespace agent_backends {
namespace {

[[noreturn]] void throw_closed(const detail::response_stream_state& s)
{
    throw error(errc::unavailable, "The response stream of " + s.exchange.ctx.request_line + " from " +
                                       s.exchange.ctx.endpoint + " failed earlier and is closed");
}

}  // namespace

http_response_stream::http_response_stream(std::unique_ptr<detail::response_stream_state> state) noexcept
    : state_(std::move(state))
{}

http_response_stream::http_response_stream(http_response_stream&&) noexcept = default;
http_response_stream& http_response_stream::operator=(http_response_stream&&) noexcept = default;
http_response_stream::~http_response_stream() = default;  // an unfinished exchange closes its connection

const http_response& http_response_stream::response() const noexcept
{
    return state_->head;
}

bool http_response_stream::done() const noexcept
{
    return !state_->failed && state_->exchange.decoder.done();
}

task<std::size_t> http_response_stream::read_some(std::span<char> buffer)
{
    auto& s = *state_;
    auto& exchange = s.exchange;
    if (done())
        co_return 0;
    if (s.failed || !exchange.conn)
        throw_closed(s);
    std::size_t n = 0;
    try
    {
        n = co_await detail::receive_body(*exchange.conn, exchange.decoder, buffer, exchange.ctx);
    }
    catch (...)
    {
        s.failed = true;
        exchange.conn.reset();  // mid-message: the connection cannot carry another request
        throw;
    }
    if (exchange.decoder.done())
        s.core->release(exchange);
    co_return n;
}

task<std::string> http_response_stream::read_all(std::size_t max_bytes)
{
    auto& s = *state_;
    std::string body;
    if (done())
        co_return body;
    if (s.failed || !s.exchange.conn)
        throw_closed(s);
    try
    {
        co_await detail::receive_whole_body(*s.exchange.conn, s.exchange.decoder, body, max_bytes,
                                            s.exchange.ctx);
    }
    catch (...)
    {
        s.failed = true;
        s.exchange.conn.reset();
        throw;
    }
    if (s.exchange.decoder.done())
        s.core->release(s.exchange);
    co_return body;
}

}  // namespace agent_backends
