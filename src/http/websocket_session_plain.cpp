// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// WebSocket sessions over a unix socket or plain TCP.
#include "http/websocket_session_impl.hpp"

#include <memory>
#include <utility>

namespace agent_backends::detail {

std::unique_ptr<websocket_session> make_websocket_session(unix_socket socket)
{
    return std::make_unique<beast_websocket_session<unix_socket>>(std::move(socket));
}

std::unique_ptr<websocket_session> make_websocket_session(tcp_socket socket)
{
    return std::make_unique<beast_websocket_session<tcp_socket>>(std::move(socket));
}

}  // namespace agent_backends::detail
