// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/http/stream_io.hpp"

#include "mcp/http/http_server_state.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/cancellation_type.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/system/system_error.hpp>

#include <utility>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

namespace agent_backends::detail::mcp_http {
namespace {

// Clears the stream's deadline however the write ends.
struct write_deadline
{
    explicit write_deadline(beast::tcp_stream& s) : stream(s)
    {
        stream.expires_after(transport_limits::write);
    }
    ~write_deadline() { stream.expires_never(); }
    beast::tcp_stream& stream;
};

}  // namespace

task<void> write_reply(beast::tcp_stream& stream, http_response res)
{
    write_deadline deadline(stream);
    co_await http::async_write(stream, res, asio::use_awaitable);
}

task<void> open_event_stream(beast::tcp_stream& stream, event_stream_framing framing, std::string session_id)
{
    http::response<http::empty_body> res(http::status::ok, framing.version);
    res.set(http::field::content_type, "text/event-stream");
    res.set(http::field::cache_control, "no-cache, no-transform");
    res.set("X-Accel-Buffering", "no");  // reverse proxies must not hold events back
    if (!session_id.empty())
        res.set(session_id_field, session_id);
    res.keep_alive(framing.reusable());
    if (framing.chunked())
        res.chunked(true);
    http::response_serializer<http::empty_body> serializer(res);
    write_deadline deadline(stream);
    co_await http::async_write_header(stream, serializer, asio::use_awaitable);
}

task<void> write_event_text(beast::tcp_stream& stream, event_stream_framing framing, std::string text)
{
    write_deadline deadline(stream);
    if (framing.chunked())
        co_await asio::async_write(stream, http::make_chunk(asio::buffer(text)), asio::use_awaitable);
    else
        co_await asio::async_write(stream, asio::buffer(text), asio::use_awaitable);
}

task<void> close_event_stream(beast::tcp_stream& stream, event_stream_framing framing)
{
    if (!framing.chunked())
        co_return;
    write_deadline deadline(stream);
    co_await asio::async_write(stream, http::make_chunk_last(), asio::use_awaitable);
}

task<void> wait_for_hangup(tcp::socket& socket)
{
    auto [ec] = co_await socket.async_wait(tcp::socket::wait_read, asio::as_tuple(asio::use_awaitable));
    auto cancelled = (co_await asio::this_coro::cancellation_state).cancelled();
    if (cancelled != asio::cancellation_type::none)
        throw boost::system::system_error(asio::error::operation_aborted);
    if (ec)
        co_return;  // closed under us or failed: either way nobody is listening any more
    // Readable: end of file (the client went) or early data. Peek, so a pipelined request stays queued.
    char byte = 0;
    boost::system::error_code peek_ec;
    auto n = socket.receive(asio::buffer(&byte, 1), tcp::socket::message_peek, peek_ec);
    if (peek_ec || n == 0)
        co_return;
    // A pipelined request: the client is still there and nothing more can be learnt without reading.
    asio::steady_timer forever(socket.get_executor(), asio::steady_timer::time_point::max());
    co_await forever.async_wait(asio::use_awaitable);
}

}  // namespace agent_backends::detail::mcp_http
