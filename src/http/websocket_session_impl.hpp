// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_HTTP_WEBSOCKET_SESSION_IMPL_HPP
#define AGENT_BACKENDS_SRC_HTTP_WEBSOCKET_SESSION_IMPL_HPP

// Beast's WebSocket behind websocket_session: included only by the files that instantiate it for one kind
// of socket each (it is the heaviest code of the client to compile).
#include "http/websocket_session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/role.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <chrono>
#include <utility>

namespace agent_backends::detail {

/// A socket or TLS stream whose WebSocket teardown closes it at once. Beast's own teardown (after the close
/// frames, or after failing the connection) waits without a limit for the server to close the TCP
/// connection first, and over TLS for its close_notify: a server that never does would hang a read.
template <class Stream>
class prompt_teardown : public Stream
{
public:
    explicit prompt_teardown(Stream&& stream) : Stream(std::move(stream)) {}
};

// Found by Beast through argument-dependent lookup; an exact match, so preferred over Beast's overloads for
// the base classes.
template <class Stream>
void teardown(boost::beast::role_type, prompt_teardown<Stream>& stream, boost::system::error_code& ec)
{
    auto& socket = boost::beast::get_lowest_layer(stream);
    socket.shutdown(socket.shutdown_send, ec);
    socket.close(ec);
}

template <class Stream, class Handler>
void async_teardown(boost::beast::role_type role, prompt_teardown<Stream>& stream, Handler&& handler)
{
    boost::system::error_code ec;
    teardown(role, stream, ec);
    boost::asio::post(stream.get_executor(),
                      boost::beast::bind_front_handler(std::forward<Handler>(handler), ec));
}

/// The session over `Stream` (a unix socket, a TCP socket or a TLS stream).
template <class Stream>
class beast_websocket_session final : public websocket_session
{
public:
    explicit beast_websocket_session(Stream&& stream) : ws_(std::move(stream)) {}

    ~beast_websocket_session() override { close_socket(); }

    task<boost::system::error_code> handshake(const websocket_handshake& request,
                                              http_response& response) override
    {
        namespace websocket = boost::beast::websocket;
        // No timer of Beast's here: the caller's deadline covers connect and handshake together.
        ws_.set_option(websocket::stream_base::timeout{websocket::stream_base::none(),
                                                       websocket::stream_base::none(), false});
        ws_.set_option(
            websocket::stream_base::decorator([fields = request.fields](websocket::request_type& req) {
                for (const auto& [name, value] : fields)
                    req.insert(name, value);
            }));
        websocket::response_type answer;
        auto [ec] = co_await ws_.async_handshake(answer, request.host, request.target, use_tuple());
        // Beast hands the answer over once it was read whole: on success, or when it was no valid switch.
        bool answered =
            !ec || ec.category() == websocket::make_error_code(websocket::error::closed).category();
        if (answered)
        {
            response.status = answer.result_int();
            response.reason = std::string(answer.reason());
            for (const auto& field : answer)
                response.headers.add(std::string(field.name_string()), std::string(field.value()));
            response.body = std::move(answer.body());
        }
        co_return ec;
    }

    void configure(const websocket_options& opts) override
    {
        namespace websocket = boost::beast::websocket;
        ws_.read_message_max(opts.max_message_bytes);
        ws_.auto_fragment(false);
        ws_.write_buffer_bytes(64 * 1024);  // a client masks every byte through this buffer
        websocket::stream_base::timeout limits{};
        limits.handshake_timeout =
            opts.close_timeout.count() > 0
                ? std::chrono::duration_cast<std::chrono::steady_clock::duration>(opts.close_timeout)
                : websocket::stream_base::none();
        // Beast pings after half its idle period and gives up after the whole.
        limits.idle_timeout =
            opts.idle_timeout.count() > 0
                ? std::chrono::duration_cast<std::chrono::steady_clock::duration>(2 * opts.idle_timeout)
                : websocket::stream_base::none();
        limits.keep_alive_pings = opts.idle_timeout.count() > 0;
        ws_.set_option(limits);
    }

    task<boost::system::error_code> read(std::string& into, bool& binary) override
    {
        into.clear();
        auto buffer = boost::asio::dynamic_buffer(into);
        auto [ec, n] = co_await ws_.async_read(buffer, use_tuple());
        binary = ws_.got_binary();
        co_return ec;
    }

    task<boost::system::error_code> write(std::string_view data, bool binary) override
    {
        ws_.binary(binary);
        auto [ec, n] = co_await ws_.async_write(boost::asio::buffer(data.data(), data.size()), use_tuple());
        co_return ec;
    }

    task<boost::system::error_code> ping(std::string_view payload) override
    {
        boost::beast::websocket::ping_data data;
        data.assign(payload.data(), payload.size());
        auto [ec] = co_await ws_.async_ping(data, use_tuple());
        co_return ec;
    }

    task<boost::system::error_code> close(std::uint16_t code, std::string_view reason) override
    {
        namespace websocket = boost::beast::websocket;
        websocket::close_reason frame(static_cast<websocket::close_code>(code), reason);
        auto [ec] = co_await ws_.async_close(frame, use_tuple());
        close_socket();
        co_return ec;
    }

    std::optional<websocket_close> peer_close() const override
    {
        const auto& reason = ws_.reason();
        if (reason.code == boost::beast::websocket::close_code::none)
            return std::nullopt;
        return websocket_close{static_cast<std::uint16_t>(reason.code),
                               std::string(reason.reason.data(), reason.reason.size())};
    }

    bool is_open() const noexcept override { return ws_.is_open(); }

    void close_socket() noexcept override
    {
        boost::system::error_code ignored;
        boost::beast::get_lowest_layer(ws_).close(ignored);
    }

private:
    static constexpr auto use_tuple() { return boost::asio::as_tuple(boost::asio::use_awaitable); }

    boost::beast::websocket::stream<prompt_teardown<Stream>> ws_;
};

}  // namespace agent_backends::detail

#endif
