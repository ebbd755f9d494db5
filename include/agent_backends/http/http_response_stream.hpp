// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_HTTP_HTTP_RESPONSE_STREAM_HPP
#define AGENT_BACKENDS_HTTP_HTTP_RESPONSE_STREAM_HPP

#include <agent_backends/http/http_response.hpp>
#include <agent_backends/task.hpp>

#include <cstddef>
#include <memory>
#include <span>
#include <string>

namespace agent_backends {

namespace detail {
struct response_stream_state;
}

/// \brief A response whose header has arrived and whose body is read piece by piece.
///
/// \details Returned by \ref http_client::open. The body is decoded (chunked framing removed) straight into
/// the caller's buffer, so a body of any size (a tar download, a log stream) is read with bounded memory.
/// Once the body has been read to its end the connection goes back to its client's pool; destroying the
/// stream earlier closes the connection.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: unsafe.
class http_response_stream
{
public:
    explicit http_response_stream(std::unique_ptr<detail::response_stream_state> state) noexcept;
    http_response_stream(http_response_stream&&) noexcept;
    http_response_stream& operator=(http_response_stream&&) noexcept;
    ~http_response_stream();

    /// \brief Status, reason and header fields; `body` is empty.
    const http_response& response() const noexcept;

    /// \brief The status code.
    unsigned status() const noexcept { return response().status; }

    /// \brief True once the whole body has been read.
    bool done() const noexcept;

    /// \brief Reads the next piece of the body into `buffer`; returns its length, 0 at the end of the body.
    /// \details `buffer` must stay valid until the task completes. No time limit applies: bound the call
    /// with `with_timeout` or cancel it.
    /// \par Errors
    /// `protocol_error`: malformed framing, or the server closed the connection before the end of the body.
    /// `unavailable`: the connection failed.
    /// \par Cancellation
    /// Terminal: the connection is closed (never reused) and `operation_aborted` is thrown; later reads
    /// throw `unavailable`.
    task<std::size_t> read_some(std::span<char> buffer);

    /// \brief Reads the rest of the body into a string (for error bodies and other small answers).
    /// \par Errors
    /// `too_large` when the rest exceeds `max_bytes` (the connection is closed); as \ref read_some.
    /// \par Cancellation
    /// As \ref read_some.
    task<std::string> read_all(std::size_t max_bytes);

private:
    std::unique_ptr<detail::response_stream_state> state_;
};

}  // namespace agent_backends

#endif
