// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_HTTP_HTTP_CLIENT_OPTIONS_HPP
#define AGENT_BACKENDS_HTTP_HTTP_CLIENT_OPTIONS_HPP

#include <agent_backends/http/tls_options.hpp>

#include <chrono>
#include <cstddef>
#include <string>

namespace agent_backends {

/// \brief Limits, timeouts and TLS settings of an \ref http_client.
struct http_client_options
{
    /// Limit for opening a connection: connect, plus the TLS handshake for `https://`. Zero means none.
    std::chrono::milliseconds connect_timeout{10'000};

    /// Limit for a whole exchange (connect, send, receive the complete response) unless the request sets
    /// its own; for \ref http_client::open and \ref http_client::upgrade, until the response header has
    /// arrived. Zero means none.
    std::chrono::milliseconds request_timeout{60'000};

    /// Largest response body \ref http_client::request holds in memory; bodies streamed to a sink or read
    /// from an \ref http_response_stream have no limit.
    std::size_t max_body_bytes{64 * 1024 * 1024};

    /// Largest response header block (status line and fields).
    std::size_t max_header_bytes{64 * 1024};

    /// How many idle keep-alive connections are kept for reuse; zero disables reuse.
    std::size_t max_idle_connections{4};

    /// An idle connection older than this is closed instead of reused.
    std::chrono::milliseconds idle_timeout{30'000};

    /// `Host` sent when the request has none. Empty: `host[:port]`, or `localhost` for unix sockets.
    std::string host_header{};

    /// `User-Agent` sent when the request has none; empty sends none.
    std::string user_agent{"agent-backends"};

    /// Certificate checks and client certificates for `https://` endpoints.
    tls_options tls{};
};

}  // namespace agent_backends

#endif
