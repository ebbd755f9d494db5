// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_HTTP_HTTP_RESPONSE_HPP
#define AGENT_BACKENDS_HTTP_HTTP_RESPONSE_HPP

#include <agent_backends/http/http_headers.hpp>

#include <string>

namespace agent_backends {

/// \brief An HTTP response: any status, as the server sent it.
/// \details A 4xx or 5xx status is a response, not an error: the caller decides what it means (the Docker
/// and Kubernetes layers read their JSON error bodies).
struct http_response
{
    unsigned status{0};      ///< Status code (200, 404, ...).
    std::string reason{};    ///< Reason phrase as sent (`OK`, `UPGRADED`, or empty).
    http_headers headers{};  ///< Header fields as received.
    std::string body{};      ///< The decoded body (chunked framing removed); empty when streamed elsewhere.

    bool operator==(const http_response&) const = default;
};

}  // namespace agent_backends

#endif
