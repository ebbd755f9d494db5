// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// GET (the session's own event stream) and DELETE (end the session), and how a request names its session.
#include "mcp/http/exchanges.hpp"
#include "mcp/http/message_text.hpp"
#include "mcp/http/request_checks.hpp"
#include "mcp/http/stream_io.hpp"
#include "mcp/protocol_version.hpp"

#include <boost/asio/cancellation_type.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/system/system_error.hpp>

#include <string>
#include <utility>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace agent_backends::detail::mcp_http {
namespace {

// Marks the session's GET stream open for as long as it is served.
class open_stream_mark
{
public:
    explicit open_stream_mark(std::shared_ptr<session_entry> entry) : entry_(std::move(entry))
    {
        entry_->event_stream_open = true;
    }
    ~open_stream_mark()
    {
        entry_->event_stream_open = false;
        entry_->last_used = std::chrono::steady_clock::now();
    }
    open_stream_mark(const open_stream_mark&) = delete;
    open_stream_mark& operator=(const open_stream_mark&) = delete;

private:
    std::shared_ptr<session_entry> entry_;
};

// The stream stays open, carrying a keep-alive comment now and then, until the session ends (the stream
// ends properly) or the client goes. The server sends no messages outside a request, so nothing else is
// written to it.
task<bool> serve_event_stream(http_server_state& state, beast::tcp_stream& stream,
                              std::shared_ptr<session_entry> entry, event_stream_framing framing)
{
    auto ex = co_await asio::this_coro::executor;
    co_await open_event_stream(stream, framing, entry->id);
    asio::steady_timer keepalive(ex);
    for (;;)
    {
        if (entry->closed)
        {
            if (state.stopping)
                co_return false;
            co_await close_event_stream(stream, framing);
            co_return framing.reusable();
        }
        keepalive.expires_after(transport_limits::keepalive);
        auto [order, keepalive_ec, ended_ec, hangup_error] =
            co_await asio::experimental::make_parallel_group(
                keepalive.async_wait(asio::deferred), entry->ended.async_wait(asio::deferred),
                asio::co_spawn(ex, wait_for_hangup(stream.socket()), asio::deferred))
                .async_wait(asio::experimental::wait_for_one(), asio::use_awaitable);
        if (order[0] == 2)
            co_return false;  // the client went
        if (order[0] == 0)
            co_await write_event_text(stream, framing, std::string(sse_keepalive));
        // order[0] == 1: the session ended; the loop head ends the stream.
    }
}

}  // namespace

std::variant<std::shared_ptr<session_entry>, http_response> session_of(http_server_state& state,
                                                                       const http_request& req)
{
    auto id = req[session_id_field];
    if (id.empty())
        return make_refusal(req, http::status::bad_request, transport_error_code,
                            "Bad Request: Mcp-Session-Id header is required");
    auto entry = state.sessions.find(std::string_view(id.data(), id.size()));
    if (!entry)
        return make_refusal(req, http::status::not_found, session_not_found_code, "Session not found");
    auto version = req[protocol_version_field];
    if (!version.empty() && !is_supported_protocol_version(std::string_view(version.data(), version.size())))
        return make_refusal(req, http::status::bad_request, transport_error_code,
                            "Bad Request: Unsupported protocol version: " + std::string(version) +
                                " (supported versions: " + supported_protocol_versions_text() +
                                ")");
    return entry;
}

task<bool> answer_get(http_server_state& state, beast::tcp_stream& stream, http_request req)
{
    auto accept = req[http::field::accept];
    if (!names_event_stream(std::string_view(accept.data(), accept.size())))
    {
        co_await write_reply(stream, make_refusal(req, http::status::not_acceptable, transport_error_code,
                                                  "Not Acceptable: Client must accept text/event-stream"));
        co_return req.keep_alive();
    }
    auto found = session_of(state, req);
    if (auto* refusal = std::get_if<http_response>(&found))
    {
        co_await write_reply(stream, std::move(*refusal));
        co_return req.keep_alive();
    }
    auto entry = std::get<std::shared_ptr<session_entry>>(std::move(found));
    if (entry->event_stream_open)
    {
        co_await write_reply(stream, make_refusal(req, http::status::conflict, transport_error_code,
                                                  "Conflict: Only one SSE stream is allowed per session"));
        co_return req.keep_alive();
    }
    open_stream_mark mark(entry);
    try
    {
        co_return co_await serve_event_stream(state, stream, entry, {req.version(), req.keep_alive()});
    }
    catch (const boost::system::system_error& e)
    {
        if (e.code() == asio::error::operation_aborted)
            throw;
    }
    co_return false;  // a write failed: the client is gone
}

task<bool> answer_delete(http_server_state& state, beast::tcp_stream& stream, http_request req)
{
    auto found = session_of(state, req);
    if (auto* refusal = std::get_if<http_response>(&found))
    {
        co_await write_reply(stream, std::move(*refusal));
        co_return req.keep_alive();
    }
    state.sessions.close(std::get<std::shared_ptr<session_entry>>(found));
    co_await write_reply(stream, make_reply(req, http::status::ok));
    co_return req.keep_alive();
}

}  // namespace agent_backends::detail::mcp_http
