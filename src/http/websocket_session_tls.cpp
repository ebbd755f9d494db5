// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// WebSocket sessions over TLS.
#include "http/websocket_session_impl.hpp"

#include <memory>
#include <utility>

namespace agent_backends::detail {

// The TLS stream moves into the WebSocket: asio allows moving an ssl::stream that has no operation in
// progress (its engine, SSL object and buffers move along), which holds once the handshake has completed.
std::unique_ptr<websocket_session> make_websocket_session(std::unique_ptr<tls_stream> stream)
{
    return std::make_unique<beast_websocket_session<tls_stream>>(std::move(*stream));
}

}  // namespace agent_backends::detail
