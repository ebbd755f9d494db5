// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_HTTP_EXCHANGE_IO_HPP
#define AGENT_BACKENDS_SRC_HTTP_EXCHANGE_IO_HPP

#include <agent_backends/http/http_endpoint.hpp>
#include <agent_backends/http/http_request.hpp>
#include <agent_backends/task.hpp>

#include "http/connection.hpp"
#include "http/request_encoder.hpp"
#include "http/response_decoder.hpp"

#include <boost/system/error_code.hpp>

#include <chrono>
#include <cstddef>
#include <span>
#include <string>

namespace agent_backends::detail {

/// Which request on which endpoint, for messages.
struct exchange_context
{
    std::string endpoint;      ///< The endpoint's URL.
    std::string request_line;  ///< `METHOD target`.
};

/// Sends the head and the body (in memory or from the source). Returns the I/O failure, if any (the
/// server may have answered and closed early: read the response anyway). Throws operation_aborted on
/// cancellation, error(invalid_argument) when the source breaks its size, and what the source throws.
task<boost::system::error_code> send_request(connection& conn, const encoded_head& head, http_request& req);

/// Reads until the response header is complete. Returns the I/O or decoding failure, if any; throws
/// operation_aborted on cancellation.
task<boost::system::error_code> receive_header(connection& conn, response_decoder& decoder);

/// Decodes the next piece of the body into `out`; 0 at its end. Throws error(protocol_error) for a
/// malformed or truncated body, error(unavailable) for a failed connection, operation_aborted on
/// cancellation.
task<std::size_t> receive_body(connection& conn, response_decoder& decoder, std::span<char> out,
                               const exchange_context& ctx);

/// Decodes the rest of the body into `body`. Throws as receive_body, and error(too_large) beyond `limit`
/// (at once when the Content-Length announces more).
task<void> receive_whole_body(connection& conn, response_decoder& decoder, std::string& body,
                              std::size_t limit, const exchange_context& ctx);

/// Throws the error for a failure returned by send_request / receive_header: `write_failure` (may be
/// empty) happened while sending, `read_failure` while receiving the header.
[[noreturn]] void throw_exchange_failure(const exchange_context& ctx, const response_decoder& decoder,
                                         boost::system::error_code write_failure,
                                         boost::system::error_code read_failure);

/// error(protocol_error) for a decoding failure.
[[noreturn]] void throw_decode_failure(const exchange_context& ctx, const boost::system::error_code& ec);

/// error(too_large) for a body over `limit`.
[[noreturn]] void throw_body_too_large(const exchange_context& ctx, std::size_t limit);

/// "5 s" or "250 ms".
std::string describe_duration(std::chrono::milliseconds d);

}  // namespace agent_backends::detail

#endif
