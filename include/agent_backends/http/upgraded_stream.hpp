// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_HTTP_UPGRADED_STREAM_HPP
#define AGENT_BACKENDS_HTTP_UPGRADED_STREAM_HPP

#include <agent_backends/http/http_response.hpp>
#include <agent_backends/task.hpp>

#include <cstddef>
#include <memory>
#include <span>
#include <string>

namespace agent_backends {

namespace detail {
struct upgraded_stream_state;
}

/// \brief The raw, full-duplex byte stream left after an HTTP connection upgrade (Docker's hijacked exec
/// stream).
///
/// \details Returned by \ref http_client::upgrade. When the server switched (`is_open()`), reads return first
/// the bytes that arrived together with the response header, then whatever the server sends, until it
/// closes. The connection is never reused; destroying the stream closes it.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: unsafe, except that one read and one write may be in progress
/// at the same time (as for a socket).
class upgraded_stream
{
public:
    explicit upgraded_stream(std::unique_ptr<detail::upgraded_stream_state> state) noexcept;
    upgraded_stream(upgraded_stream&&) noexcept;
    upgraded_stream& operator=(upgraded_stream&&) noexcept;
    ~upgraded_stream();

    /// \brief The server's answer: 101, or 2xx for a stream that follows without a switch, when open;
    /// otherwise the refusal with its body (bounded by `max_body_bytes`).
    const http_response& response() const noexcept;

    /// \brief The status code of \ref response.
    unsigned status() const noexcept { return response().status; }

    /// \brief True when the server handed the connection over (status 101 or 2xx) and it is not closed.
    bool is_open() const noexcept;

    /// \brief Reads up to `buffer.size()` bytes; returns how many, 0 once the server has closed its side.
    /// \details `buffer` must stay valid until the task completes.
    /// \par Errors
    /// `unavailable`: the connection failed or the stream is not open.
    /// \par Cancellation
    /// Terminal: the connection is closed and `operation_aborted` is thrown.
    task<std::size_t> read_some(std::span<char> buffer);

    /// \brief Writes all of `data`.
    /// \par Errors
    /// `unavailable`: the connection failed or the stream is not open.
    /// \par Cancellation
    /// Terminal: the connection is closed and `operation_aborted` is thrown.
    task<void> write(std::string data);

    /// \brief Ends the sending direction (half-close), telling the server's reader "end of input"; reading
    /// goes on. Over TLS the TCP side is shut without a TLS close_notify.
    /// \par Errors
    /// `unavailable`: the stream is not open.
    task<void> shutdown_send();

    /// \brief Closes the connection at once; pending reads and writes finish with `operation_aborted`.
    void close() noexcept;

private:
    std::unique_ptr<detail::upgraded_stream_state> state_;
};

}  // namespace agent_backends

#endif
