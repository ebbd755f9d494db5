// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_HTTP_TEST_SERVER_HPP
#define AGENT_BACKENDS_TEST_HTTP_TEST_SERVER_HPP

// A small HTTP/1.1 server on raw Asio sockets (TCP on 127.0.0.1, a unix socket, optionally TLS) whose
// connection handlers are written by each test, so they can misbehave at will. Requests are parsed by hand,
// independently of the client's parser.
#include <agent_backends/http/http_endpoint.hpp>
#include <agent_backends/http/http_headers.hpp>
#include <agent_backends/task.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/generic/stream_protocol.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace agent_backends::test {

/// FNV-1a over a byte sequence, fed piecewise.
struct body_hash
{
    std::uint64_t value{1469598103934665603ull};
    void update(std::string_view bytes) noexcept
    {
        for (unsigned char c : bytes)
            value = (value ^ c) * 1099511628211ull;
    }
};

/// A request as the server read it.
struct received_request
{
    std::string method;
    std::string target;
    http_headers headers;
    std::string body;             ///< The first `keep_body_bytes` bytes of the body.
    std::uint64_t body_bytes{0};  ///< The whole body's length.
    body_hash hash{};             ///< Over the whole body.
    bool chunked{false};
};

/// One accepted connection, handed to the test's handler.
class server_connection
{
public:
    using socket_type = boost::asio::generic::stream_protocol::socket;
    using tls_type = boost::asio::ssl::stream<socket_type>;

    explicit server_connection(socket_type socket);
    explicit server_connection(std::unique_ptr<tls_type> tls);

    /// The server side of the TLS handshake; false when it failed.
    task<bool> handshake();

    /// The next request, or nothing when the client closed (or failed) before sending one.
    task<std::optional<received_request>> read_request(std::size_t keep_body_bytes = 1 << 20);

    /// Only the head of the next request (the body stays unread), or nothing at the end of the stream.
    task<std::optional<received_request>> read_request_head();

    /// Writes all of `data`; false when the client has gone.
    task<bool> write(std::string data);

    /// Writes all of `data`, which must stay valid until the task completes; false when the client has gone.
    task<bool> write_all(std::span<const char> data);

    /// Reads some raw bytes (first those read past the last request); 0 at the end of the stream.
    task<std::size_t> read_some(std::span<char> into);

    /// Reads until the client closes; returns what arrived.
    task<std::string> read_to_end();

    void shutdown_send();
    void close();
    bool is_open() const;

private:
    task<bool> fill();
    task<std::optional<std::string>> read_line();
    task<bool> read_body_bytes(std::uint64_t n, received_request& req, std::size_t keep);

    socket_type* socket_;  // the plain socket, or the TLS stream's lowest layer
    std::unique_ptr<socket_type> plain_;
    std::unique_ptr<tls_type> tls_;
    std::string buffered_;
};

/// Listens until destroyed; every accepted connection runs `handler` (after the TLS handshake, for TLS).
class test_server
{
public:
    enum class transport
    {
        tcp,
        unix_socket,
    };
    using handler_type = std::function<task<void>(server_connection&)>;

    /// `socket_path` is where a unix socket listens; `tls` (when given) makes it an HTTPS server.
    test_server(boost::asio::any_io_executor ex, transport kind, handler_type handler,
                std::string socket_path = {}, boost::asio::ssl::context* tls = nullptr);
    ~test_server();
    test_server(const test_server&) = delete;
    test_server& operator=(const test_server&) = delete;

    /// `http://127.0.0.1:port`, `https://127.0.0.1:port` or `unix:///path`.
    std::string url() const;
    http_endpoint endpoint() const { return http_endpoint::parse(url()); }

    /// Connections accepted so far.
    int accepted() const;

    /// Stops accepting and closes every connection; handlers then see the end of their streams.
    void stop();

    struct state;  // shared with the accepting and serving coroutines

private:
    std::shared_ptr<state> state_;
};

/// A one-shot signal between coroutines on one executor (a timer that never fires by itself).
class test_event
{
public:
    explicit test_event(boost::asio::any_io_executor ex);
    void set();
    bool is_set() const { return set_; }
    task<void> wait();

private:
    boost::asio::steady_timer timer_;
    bool set_{false};
};

/// A response with a Content-Length body.
std::string http_reply(unsigned status, std::string_view body, std::string_view extra_headers = {},
                       std::string_view content_type = "application/json");

/// A TLS server context with this certificate chain and key; `client_ca` non-empty requires client
/// certificates signed by it.
std::unique_ptr<boost::asio::ssl::context> make_server_tls(const std::string& cert_file,
                                                           const std::string& key_file,
                                                           const std::string& client_ca = {});

}  // namespace agent_backends::test

#endif
