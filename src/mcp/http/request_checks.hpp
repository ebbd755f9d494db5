// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_MCP_HTTP_REQUEST_CHECKS_HPP
#define AGENT_BACKENDS_SRC_MCP_HTTP_REQUEST_CHECKS_HPP

// Header checks of the Streamable HTTP transport. Sans-io: plain strings in, verdicts out.

#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::detail::mcp_http {

/// Whether `host` (a Host header: `name` or `name:port`, IPv6 in brackets) names this machine:
/// `localhost`, `127.0.0.1` or `[::1]`, with any port.
bool is_loopback_host(std::string_view host) noexcept;

/// Whether an `Origin` header may call the server: `http(s)://` a loopback host (any port), or exactly one
/// of `allowed` (compared without case and without a trailing slash).
bool origin_allowed(std::string_view origin, const std::vector<std::string>& allowed);

/// Whether a `Host` header may reach a loopback listener: a loopback host, or the host (with port, when
/// given) of one of `allowed_origins`. Guards against DNS rebinding.
bool host_allowed(std::string_view host, const std::vector<std::string>& allowed_origins);

/// The media types an `Accept` header lets the server answer with.
struct accepted_types
{
    bool json{false};          ///< `application/json` (or `application/*`, `*/*`).
    bool event_stream{false};  ///< `text/event-stream` (or `text/*`, `*/*`).
};

/// Reads an `Accept` header; an empty one accepts everything. Types with `q=0` are refused.
accepted_types parse_accept(std::string_view accept);

/// Whether an `Accept` header names `text/event-stream` itself (what a GET stream requires).
bool names_event_stream(std::string_view accept);

/// Whether a `Content-Type` header is `application/json` (parameters such as `charset` allowed).
bool is_json_content_type(std::string_view content_type);

/// Whether an `Authorization` header is `Bearer <token>` with exactly `token` (constant-time compare).
bool bearer_matches(std::string_view authorization, std::string_view token) noexcept;

}  // namespace agent_backends::detail::mcp_http

#endif
