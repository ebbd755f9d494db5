// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// POST: hands one JSON-RPC message to its session and streams the answer back. Messages the session sends
// before its answer (progress, elicitation) turn the reply into an event stream; a client that hangs up
// cancels the call.
#include <agent_backends/error.hpp>

#include "mcp/http/exchanges.hpp"
#include "mcp/http/message_text.hpp"
#include "mcp/http/request_checks.hpp"
#include "mcp/http/session_id.hpp"
#include "mcp/http/stream_io.hpp"
#include "mcp/http/write_lock.hpp"

#include <boost/asio/cancellation_type.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/system/system_error.hpp>

#include <exception>
#include <optional>
#include <string>
#include <utility>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace agent_backends::detail::mcp_http {
namespace {

// How one POST is being answered. Shared with the interim sink the session holds, which may outlive the
// exchange: once the reply is finished or broken the sink refuses instead of touching the stream.
struct post_reply
{
    enum class phase
    {
        waiting,    // nothing sent yet
        streaming,  // the event stream is open
        finished,   // the answer was sent (or is being sent)
        broken,     // a write failed or the client went
    };

    post_reply(beast::tcp_stream& s, const http_request& req, accepted_types types)
        : stream(&s), framing{req.version(), req.keep_alive()}, accept(types)
    {}

    beast::tcp_stream* stream;
    event_stream_framing framing;
    accepted_types accept;
    std::string session_id{};
    write_lock lock{};
    phase state{phase::waiting};
};

bool cancelled(asio::cancellation_type type)
{
    return type != asio::cancellation_type::none;
}

// The interim sink: the first message opens the event stream, each one becomes an event.
task<void> send_interim(std::shared_ptr<post_reply> reply, std::string message)
{
    co_await reply->lock.lock();
    write_lock_guard guard(reply->lock);
    if (reply->state == post_reply::phase::broken)
        throw error(errc::unavailable, "The MCP client has disconnected");
    if (reply->state == post_reply::phase::finished)
        throw error(errc::unavailable, "The request this message belongs to has already been answered");
    if (!reply->accept.event_stream)
    {
        // The client takes a JSON answer only: a notification is dropped, a question cannot be asked.
        if (outline_message(message).request)
            throw error(errc::unavailable,
                        "The MCP client does not accept text/event-stream, so it cannot be asked anything "
                        "while this request runs");
        co_return;
    }
    try
    {
        if (reply->state == post_reply::phase::waiting)
        {
            co_await open_event_stream(*reply->stream, reply->framing, reply->session_id);
            reply->state = post_reply::phase::streaming;
        }
        co_await write_event_text(*reply->stream, reply->framing, sse_event(message));
    }
    catch (const boost::system::system_error&)
    {
        reply->state = post_reply::phase::broken;  // a part of a chunk may have gone out
        throw;
    }
}

// Sends the session's answer (or its absence) once handle() is done.
task<bool> finish(std::shared_ptr<post_reply> reply, const http_request& req,
                  std::optional<std::string> answer, bool session_ended)
{
    co_await reply->lock.lock();
    write_lock_guard guard(reply->lock);
    if (reply->state == post_reply::phase::broken)
        co_return false;
    auto was = std::exchange(reply->state, post_reply::phase::finished);
    try
    {
        if (was == post_reply::phase::waiting && (!answer || reply->accept.json))
        {
            if (answer)
                co_await write_reply(*reply->stream,
                                     make_json_answer(req, std::move(*answer), reply->session_id));
            else if (session_ended)
                co_await write_reply(
                    *reply->stream,
                    make_refusal(req, http::status::not_found, session_not_found_code, "Session not found"));
            else
                co_await write_reply(*reply->stream, make_reply(req, http::status::accepted));
            co_return req.keep_alive();
        }
        if (was == post_reply::phase::waiting)  // the client takes event streams only
            co_await open_event_stream(*reply->stream, reply->framing, reply->session_id);
        if (answer)
            co_await write_event_text(*reply->stream, reply->framing, sse_event(*answer));
        co_await close_event_stream(*reply->stream, reply->framing);
        co_return reply->framing.reusable();
    }
    catch (const boost::system::system_error&)
    {
        reply->state = post_reply::phase::broken;
        throw;
    }
}

// Runs the message through its session and answers. `entry` is null while `initialize` creates a session,
// which is registered once it has succeeded.
task<bool> answer_message(http_server_state& state, std::shared_ptr<mcp_session> session,
                          std::shared_ptr<session_entry> entry, std::shared_ptr<post_reply> reply,
                          const http_request& req, std::string body)
{
    mcp_message_sink sink = [reply](std::string message) { return send_interim(reply, std::move(message)); };
    std::optional<std::string> answer;
    bool ended = false;
    try
    {
        answer = co_await session->handle(std::move(body), std::move(sink));
    }
    catch (const boost::system::system_error& e)
    {
        if (e.code() != asio::error::operation_aborted)
            throw;
        ended = true;  // the session was closed under the call (DELETE, idle, stop) or we were cancelled
    }
    if (cancelled((co_await asio::this_coro::cancellation_state).cancelled()))
        throw boost::system::system_error(asio::error::operation_aborted);

    if (!entry && session->initialized() && !state.stopping)
    {
        auto id = new_session_id();
        while (state.sessions.find(id))
            id = new_session_id();
        reply->session_id = id;
        state.sessions.add(std::move(id), session);
    }
    if (entry && entry->closed)
        ended = true;
    co_return co_await finish(std::move(reply), req, std::move(answer), ended);
}

std::string what_of(const std::exception_ptr& e)
{
    try
    {
        std::rethrow_exception(e);
    }
    catch (const std::exception& x)
    {
        return x.what();
    }
    catch (...)
    {
        return "unknown exception";
    }
}

}  // namespace

task<bool> answer_post(http_server_state& state, beast::tcp_stream& stream, http_request req)
{
    if (!is_json_content_type(req[http::field::content_type]))
    {
        co_await write_reply(stream,
                             make_refusal(req, http::status::unsupported_media_type, transport_error_code,
                                          "Unsupported Media Type: Content-Type must be application/json"));
        co_return req.keep_alive();
    }
    auto accept = parse_accept(req[http::field::accept]);
    if (!accept.json && !accept.event_stream)
    {
        co_await write_reply(stream, make_refusal(req, http::status::not_acceptable, transport_error_code,
                                                  "Not Acceptable: Client must accept application/json and "
                                                  "text/event-stream"));
        co_return req.keep_alive();
    }
    auto outline = outline_message(req.body());
    if (!outline.well_formed)
    {
        co_await write_reply(stream, make_refusal(req, http::status::bad_request, parse_error_code,
                                                  "Parse error: Invalid JSON"));
        co_return req.keep_alive();
    }

    std::shared_ptr<session_entry> entry;
    std::shared_ptr<mcp_session> session;
    if (outline.initialize && req[session_id_field].empty())
    {
        session = state.server.make_session();
    }
    else
    {
        auto found = session_of(state, req);
        if (auto* refusal = std::get_if<http_response>(&found))
        {
            co_await write_reply(stream, std::move(*refusal));
            co_return req.keep_alive();
        }
        entry = std::get<std::shared_ptr<session_entry>>(std::move(found));
        session = entry->session;
    }

    std::optional<exchange_activity> activity;
    auto reply = std::make_shared<post_reply>(stream, req, accept);
    if (entry)
    {
        activity.emplace(entry);
        reply->session_id = entry->id;
    }

    // The answer races the client hanging up; whichever ends first cancels the other (a running command
    // is killed when the client goes).
    auto body = std::move(req.body());
    auto ex = co_await asio::this_coro::executor;
    auto [order, answer_error, reusable, hangup_error] =
        co_await asio::experimental::make_parallel_group(
            asio::co_spawn(ex, answer_message(state, session, entry, reply, req, std::move(body)),
                           asio::deferred),
            asio::co_spawn(ex, wait_for_hangup(stream.socket()), asio::deferred))
            .async_wait(asio::experimental::wait_for_one(), asio::use_awaitable);
    if (order[0] == 1)
    {
        reply->state = post_reply::phase::broken;
        co_return false;
    }
    if (answer_error)
    {
        bool nothing_sent = reply->state == post_reply::phase::waiting;
        reply->state = post_reply::phase::broken;
        if (nothing_sent)
            co_await write_reply(stream,
                                 make_refusal(req, http::status::internal_server_error, transport_error_code,
                                              "Internal error: " + what_of(answer_error)));
        co_return false;
    }
    co_return reusable;
}

}  // namespace agent_backends::detail::mcp_http
