// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_HTTP_WEBSOCKET_OPTIONS_HPP
#define AGENT_BACKENDS_HTTP_WEBSOCKET_OPTIONS_HPP

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace agent_backends {

/// \brief How \ref http_client::connect_websocket opens and keeps a WebSocket.
struct websocket_options
{
    /// Subprotocols offered in `Sec-WebSocket-Protocol`, most preferred first (Kubernetes exec:
    /// `v5.channel.k8s.io`, `v4.channel.k8s.io`). The server's choice is \ref websocket_stream::subprotocol.
    std::vector<std::string> subprotocols{};

    /// The server must pick one of \ref subprotocols; a handshake without a choice fails (`protocol_error`).
    bool require_subprotocol{false};

    /// After this long without any frame from the server a ping is sent; when another such period passes
    /// without an answer the stream fails with `timed_out`. Zero: no keep-alive (reads wait forever unless
    /// cancelled).
    std::chrono::milliseconds idle_timeout{0};

    /// Largest message \ref websocket_stream::read accepts (frames of one message are joined); larger ones
    /// fail with `too_large`.
    std::size_t max_message_bytes{64 * 1024 * 1024};

    /// Limit for the close handshake of \ref websocket_stream::close before the socket is closed anyway.
    std::chrono::milliseconds close_timeout{5'000};
};

}  // namespace agent_backends

#endif
