// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "http/websocket_session.hpp"

#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/websocket/error.hpp>

namespace agent_backends::detail {

websocket_failure classify_websocket_error(const boost::system::error_code& ec) noexcept
{
    namespace beast = boost::beast;
    namespace websocket = beast::websocket;
    if (ec == websocket::error::upgrade_declined)
        return websocket_failure::declined;
    if (ec == websocket::error::closed)
        return websocket_failure::closed;
    if (ec == websocket::error::message_too_big)
        return websocket_failure::too_large;
    if (ec == beast::error::timeout)
        return websocket_failure::timed_out;
    if (ec == boost::asio::error::operation_aborted)
        return websocket_failure::aborted;
    // The answer to the upgrade request was not HTTP, or not the 101 RFC 6455 asks for.
    if (ec == websocket::condition::handshake_failed ||
        ec.category() == make_error_code(beast::http::error::end_of_stream).category())
        return websocket_failure::handshake;
    if (ec == websocket::condition::protocol_violation)
        return websocket_failure::protocol;
    return websocket_failure::lost;
}

}  // namespace agent_backends::detail
