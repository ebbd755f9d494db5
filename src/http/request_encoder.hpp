// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_HTTP_REQUEST_ENCODER_HPP
#define AGENT_BACKENDS_SRC_HTTP_REQUEST_ENCODER_HPP

#include <agent_backends/http/http_client_options.hpp>
#include <agent_backends/http/http_endpoint.hpp>
#include <agent_backends/http/http_request.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// How the body follows the head.
enum class body_framing
{
    none,            ///< No body.
    content_length,  ///< `Content-Length` bytes (in-memory body, or a source of known size).
    chunked,         ///< `Transfer-Encoding: chunked` (a source of unknown size).
};

/// A validated request head, serialised.
struct encoded_head
{
    std::string text;          ///< Request line and fields, ending with the empty line.
    std::string request_line;  ///< `METHOD target`, for messages.
    body_framing framing{body_framing::none};
    bool keep_alive{true};  ///< False when the request itself asks for `Connection: close`.
};

/// Validates `req` and serialises its head for `ep`: base path, Host, User-Agent, framing fields, and for
/// `upgrade` the `Connection: Upgrade` / `Upgrade: tcp` pair. Throws error(invalid_argument) for a bad
/// method, target or field, or a request with both a body and a body source.
encoded_head encode_request_head(const http_request& req, const http_endpoint& ep,
                                 const http_client_options& opts, bool upgrade);

/// The line that opens a chunk of `size` bytes (`"1a2b\r\n"`).
std::string chunk_size_line(std::size_t size);

/// The last chunk and the empty trailer.
inline constexpr std::string_view last_chunk = "0\r\n\r\n";

/// GET, HEAD, PUT, DELETE, OPTIONS, TRACE: safe to send again when the first attempt got no answer.
bool is_idempotent(std::string_view method) noexcept;

}  // namespace agent_backends::detail

#endif
