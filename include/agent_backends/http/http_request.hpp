// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_HTTP_HTTP_REQUEST_HPP
#define AGENT_BACKENDS_HTTP_HTTP_REQUEST_HPP

#include <agent_backends/http/http_body_source.hpp>
#include <agent_backends/http/http_headers.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace agent_backends {

/// \brief An HTTP/1.1 request, as given to \ref http_client.
///
/// \details The client adds `Host` (when absent), `User-Agent` (when absent) and the framing fields
/// (`Content-Length` or `Transfer-Encoding: chunked`; values given for those two are replaced).
/// ```
/// http_request req{.method = "POST", .target = "/containers/create?name=box",
///                  .headers = {{"Content-Type", "application/json"}}, .body = R"({"Image":"alpine"})"};
/// ```
struct http_request
{
    std::string method{"GET"};  ///< Request method, an HTTP token (`GET`, `POST`, `PUT`, `DELETE`, ...).
    std::string target{"/"};    ///< Origin-form path and query (`/v1.43/_ping`); the endpoint's base path is
                                ///< prepended.
    http_headers headers{};     ///< Fields sent in this order after `Host`.
    std::string body{};         ///< The body, when it is small enough to hold in memory.
    http_body_source body_source{};  ///< A streamed body instead of `body` (which must then be empty).

    /// Limit for this request instead of the client's `request_timeout`; zero means none.
    std::optional<std::chrono::milliseconds> timeout{};
};

}  // namespace agent_backends

#endif
