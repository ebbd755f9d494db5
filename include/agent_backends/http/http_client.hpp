// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_HTTP_HTTP_CLIENT_HPP
#define AGENT_BACKENDS_HTTP_HTTP_CLIENT_HPP

#include <agent_backends/http/http_body_sink.hpp>
#include <agent_backends/http/http_client_options.hpp>
#include <agent_backends/http/http_endpoint.hpp>
#include <agent_backends/http/http_request.hpp>
#include <agent_backends/http/http_response.hpp>
#include <agent_backends/http/http_response_stream.hpp>
#include <agent_backends/http/upgraded_stream.hpp>
#include <agent_backends/http/websocket_options.hpp>
#include <agent_backends/http/websocket_stream.hpp>
#include <agent_backends/task.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <cstddef>
#include <memory>

namespace agent_backends {

namespace detail {
class http_client_core;
}

/// \brief An HTTP/1.1 client for one endpoint (unix socket, TCP or TLS) with a pool of keep-alive
/// connections.
///
/// \details Requests may run concurrently: each takes an idle connection from the pool or opens a new one,
/// and gives it back when the response has been read completely and both sides allow keep-alive. Before
/// an idle connection is reused it is checked: one the server has closed (or that sat idle longer than
/// `idle_timeout`) is replaced. If a reused connection still turns out dead before any byte of the
/// response arrived, an idempotent request (`GET`, `HEAD`, `PUT`, `DELETE`, `OPTIONS`, `TRACE`) with an
/// in-memory body is sent once more on a new connection.
/// ```
/// http_client docker(ex, http_endpoint::parse("unix:///var/run/docker.sock"));
/// auto ping = co_await docker.request({.target = "/v1.43/_ping"});
/// ```
///
/// \par Errors
/// Every operation throws `error` with: `unavailable` (cannot connect, naming the endpoint; TLS
/// verification failed, with OpenSSL's reason; connection lost), `timed_out` (connect or request limit;
/// the message states it), `protocol_error` (malformed response, oversized header, connection closed
/// before the response was complete), `too_large` (body over `max_body_bytes`), `invalid_argument`
/// (bad method, target or header; a body source that produced a length other than its `size`).
/// A 4xx or 5xx status is a response, not an error.
///
/// \par Cancellation
/// Every operation honours terminal cancellation (a `||` race, a bound `cancellation_signal`, a cancelled
/// parent): the connection in use is closed, never returned to the pool, and `operation_aborted` is thrown.
///
/// \par Object lifetimes
/// The client must outlive the tasks it returns. Streams returned by \ref open and \ref upgrade may outlive
/// it. The client and its streams must be destroyed before the execution context of their executor.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: safe (the pool is locked), as long as every operation runs on
/// the executor given to the constructor or on threads of the same `io_context`.
class http_client
{
public:
    /// \param ex Executor of the sockets.
    /// \param endpoint Where to connect.
    /// \param opts Limits, timeouts, TLS settings.
    /// \par Errors
    /// `invalid_argument`: a CA file, client certificate or key that cannot be loaded (the message names
    /// it and gives OpenSSL's reason).
    http_client(boost::asio::any_io_executor ex, http_endpoint endpoint, http_client_options opts = {});
    ~http_client();
    http_client(http_client&&) noexcept;
    http_client& operator=(http_client&&) noexcept;

    /// \brief Sends a request and reads the whole response into memory.
    /// \details Waits at most the request's `timeout` (default `request_timeout`), connect included.
    /// \par Errors
    /// As the class; `too_large` when the body exceeds `max_body_bytes` (a `Content-Length` over the limit
    /// fails before the body is read).
    /// \par Cancellation
    /// Terminal, see the class.
    task<http_response> request(http_request req);

    /// \brief Sends a request and hands the response body to `sink` piece by piece, in order.
    /// \details For large bodies (tar downloads, log streams): memory stays bounded whatever the size, and
    /// `max_body_bytes` does not apply. The returned response has an empty `body`. The time limit covers
    /// the whole exchange, sink calls included; set `timeout` to zero for unbounded transfers. An exception
    /// thrown by the sink closes the connection and propagates.
    /// \par Errors
    /// As the class.
    /// \par Cancellation
    /// Terminal, see the class.
    task<http_response> request(http_request req, http_body_sink sink);

    /// \brief Sends a request and returns once the response header has arrived; the body is read from the
    /// returned stream.
    /// \details The time limit covers the exchange up to the response header.
    /// \par Errors
    /// As the class.
    /// \par Cancellation
    /// Terminal, see the class.
    task<http_response_stream> open(http_request req);

    /// \brief Sends a request asking the server to switch protocols (`Connection: Upgrade`, `Upgrade: tcp`
    /// unless the request names another), and returns the raw bidirectional stream.
    /// \details Docker's `POST /exec/{id}/start` answers `101 UPGRADED`, or `200 OK` followed by the raw
    /// stream when no upgrade was asked for: both count as a switch. Bytes that arrived right behind the
    /// header are returned first by the stream's reads. Another status is returned with its body and a
    /// closed stream. The time limit covers the exchange up to the response header. Upgraded connections
    /// are never pooled.
    /// \par Errors
    /// As the class.
    /// \par Cancellation
    /// Terminal, see the class.
    task<upgraded_stream> upgrade(http_request req);

    /// \brief Opens a WebSocket: sends `req` (method `GET`; its headers, e.g. `Authorization`, go with the
    /// handshake) as an upgrade request and returns the open stream.
    /// \details A new connection is opened for it (never pooled) and owned by the stream. The time limit
    /// (`req.timeout`, default `request_timeout`) covers connect and handshake.
    /// \par Errors
    /// As the class; a server that does not switch protocols throws `unavailable` whose message gives the
    /// status and the start of the body (Kubernetes answers a refused exec with a `Status` object), and the
    /// refusal is available as \ref websocket_handshake_error; `protocol_error` when `require_subprotocol`
    /// is set and the server chose none, or chose one not offered.
    /// \par Cancellation
    /// Terminal, see the class.
    task<websocket_stream> connect_websocket(http_request req, websocket_options opts = {});

    /// \brief Where this client connects.
    const http_endpoint& endpoint() const noexcept;

    /// \brief The executor of the sockets.
    boost::asio::any_io_executor get_executor() const noexcept;

    /// \brief How many idle connections wait in the pool.
    std::size_t idle_connections() const noexcept;

    /// \brief Closes every idle connection.
    void close_idle_connections() noexcept;

private:
    std::shared_ptr<detail::http_client_core> core_;
};

}  // namespace agent_backends

#endif
