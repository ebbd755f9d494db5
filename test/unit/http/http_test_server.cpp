// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "http_test_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <vector>

#include <netinet/in.h>

namespace asio = boost::asio;
using generic_protocol = asio::generic::stream_protocol;

namespace agent_backends::test {
namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

std::string lower(std::string_view s)
{
    std::string out(s);
    for (auto& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

const char* reason_of(unsigned status)
{
    switch (status)
    {
        case 101:
            return "Switching Protocols";
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 204:
            return "No Content";
        case 400:
            return "Bad Request";
        case 404:
            return "Not Found";
        case 409:
            return "Conflict";
        case 413:
            return "Payload Too Large";
        case 500:
            return "Internal Server Error";
    }
    return "Status";
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------
// server_connection

server_connection::server_connection(socket_type socket)
    : plain_(std::make_unique<socket_type>(std::move(socket)))
{
    socket_ = plain_.get();
}

server_connection::server_connection(std::unique_ptr<tls_type> tls) : tls_(std::move(tls))
{
    socket_ = &tls_->next_layer();
}

task<bool> server_connection::handshake()
{
    auto [ec] = co_await tls_->async_handshake(asio::ssl::stream_base::server, use_tuple);
    co_return !ec;
}

task<bool> server_connection::fill()
{
    char chunk[64 * 1024];
    std::size_t n = 0;
    boost::system::error_code ec;
    if (tls_)
        std::tie(ec, n) = co_await tls_->async_read_some(asio::buffer(chunk), use_tuple);
    else
        std::tie(ec, n) = co_await plain_->async_read_some(asio::buffer(chunk), use_tuple);
    buffered_.append(chunk, n);
    co_return !ec || n > 0;
}

task<std::optional<std::string>> server_connection::read_line()
{
    for (;;)
    {
        auto end = buffered_.find("\r\n");
        if (end != std::string::npos)
        {
            auto line = buffered_.substr(0, end);
            buffered_.erase(0, end + 2);
            co_return line;
        }
        if (!co_await fill())
            co_return std::nullopt;
    }
}

task<bool> server_connection::read_body_bytes(std::uint64_t n, received_request& req, std::size_t keep)
{
    while (n > 0)
    {
        if (buffered_.empty() && !co_await fill())
            co_return false;
        auto take = static_cast<std::size_t>(std::min<std::uint64_t>(n, buffered_.size()));
        std::string_view piece(buffered_.data(), take);
        req.hash.update(piece);
        if (req.body.size() < keep)
            req.body.append(piece.substr(0, std::min(take, keep - req.body.size())));
        req.body_bytes += take;
        buffered_.erase(0, take);
        n -= take;
    }
    co_return true;
}

task<std::optional<received_request>> server_connection::read_request_head()
{
    while (buffered_.find("\r\n\r\n") == std::string::npos)
        if (!co_await fill())
            co_return std::nullopt;
    received_request req;
    auto line = co_await read_line();
    auto sp1 = line->find(' ');
    auto sp2 = line->find(' ', sp1 + 1);
    req.method = line->substr(0, sp1);
    req.target = line->substr(sp1 + 1, sp2 - sp1 - 1);
    for (;;)
    {
        auto field = co_await read_line();
        if (!field || field->empty())
            break;
        auto colon = field->find(':');
        auto value = field->substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        req.headers.add(field->substr(0, colon), value);
    }
    if (auto te = req.headers.find("Transfer-Encoding");
        te && lower(*te).find("chunked") != std::string::npos)
        req.chunked = true;
    co_return req;
}

task<std::optional<received_request>> server_connection::read_request(std::size_t keep_body_bytes)
{
    auto req = co_await read_request_head();
    if (!req)
        co_return std::nullopt;
    if (req->chunked)
    {
        for (;;)
        {
            auto size_line = co_await read_line();
            if (!size_line)
                co_return std::nullopt;
            auto size = std::stoull(*size_line, nullptr, 16);
            if (size == 0)
            {
                while (auto trailer = co_await read_line())  // trailer fields, then the empty line
                    if (trailer->empty())
                        break;
                break;
            }
            if (!co_await read_body_bytes(size, *req, keep_body_bytes))
                co_return std::nullopt;
            auto crlf = co_await read_line();
            if (!crlf || !crlf->empty())
                co_return std::nullopt;
        }
    }
    else if (auto length = req->headers.find("Content-Length"))
    {
        if (!co_await read_body_bytes(std::stoull(std::string(*length)), *req, keep_body_bytes))
            co_return std::nullopt;
    }
    co_return req;
}

task<bool> server_connection::write(std::string data)
{
    boost::system::error_code ec;
    if (tls_)
        std::tie(ec, std::ignore) = co_await asio::async_write(*tls_, asio::buffer(data), use_tuple);
    else
        std::tie(ec, std::ignore) = co_await asio::async_write(*plain_, asio::buffer(data), use_tuple);
    co_return !ec;
}

task<bool> server_connection::write_all(std::span<const char> data)
{
    boost::system::error_code ec;
    if (tls_)
        std::tie(ec, std::ignore) =
            co_await asio::async_write(*tls_, asio::buffer(data.data(), data.size()), use_tuple);
    else
        std::tie(ec, std::ignore) =
            co_await asio::async_write(*plain_, asio::buffer(data.data(), data.size()), use_tuple);
    co_return !ec;
}

task<std::size_t> server_connection::read_some(std::span<char> into)
{
    if (buffered_.empty() && !co_await fill())
        co_return 0;
    auto n = std::min(into.size(), buffered_.size());
    std::memcpy(into.data(), buffered_.data(), n);
    buffered_.erase(0, n);
    co_return n;
}

task<std::string> server_connection::read_to_end()
{
    while (co_await fill())
    {}
    co_return std::exchange(buffered_, {});
}

void server_connection::shutdown_send()
{
    boost::system::error_code ignored;
    socket_->shutdown(socket_type::shutdown_send, ignored);
}

void server_connection::close()
{
    boost::system::error_code ignored;
    socket_->close(ignored);
}

bool server_connection::is_open() const
{
    return socket_->is_open();
}

// ---------------------------------------------------------------------------------------------------------
// test_server

struct test_server::state
{
    state(asio::any_io_executor ex, handler_type handler, asio::ssl::context* tls)
        : ex(ex), acceptor(ex), handler(std::move(handler)), tls(tls)
    {}

    asio::any_io_executor ex;
    asio::basic_socket_acceptor<generic_protocol> acceptor;
    handler_type handler;
    asio::ssl::context* tls;
    std::string url;
    std::string socket_path;
    int accepted{0};
    bool stopped{false};
    std::vector<std::weak_ptr<server_connection>> connections;
};

namespace {

task<void> serve(std::shared_ptr<test_server::state> s, generic_protocol::socket socket);

task<void> accept_loop(std::shared_ptr<test_server::state> s)
{
    for (;;)
    {
        auto [ec, socket] = co_await s->acceptor.async_accept(use_tuple);
        if (ec || s->stopped)
            co_return;
        ++s->accepted;
        asio::co_spawn(s->ex, serve(s, std::move(socket)), asio::detached);
    }
}

task<void> serve(std::shared_ptr<test_server::state> s, generic_protocol::socket socket)
{
    std::shared_ptr<server_connection> conn;
    if (s->tls)
        conn = std::make_shared<server_connection>(
            std::make_unique<server_connection::tls_type>(std::move(socket), *s->tls));
    else
        conn = std::make_shared<server_connection>(std::move(socket));
    s->connections.push_back(conn);
    if (s->tls && !co_await conn->handshake())
        co_return;
    try
    {
        co_await s->handler(*conn);
    }
    catch (const std::exception&)
    {
        // The client went away in the middle of what the handler was doing.
    }
    conn->close();
}

}  // namespace

test_server::test_server(asio::any_io_executor ex, transport kind, handler_type handler,
                         std::string socket_path, asio::ssl::context* tls)
    : state_(std::make_shared<state>(ex, std::move(handler), tls))
{
    if (kind == transport::tcp)
    {
        generic_protocol::endpoint ep{asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
        state_->acceptor.open(ep.protocol());
        state_->acceptor.bind(ep);
        state_->acceptor.listen();
        auto local = state_->acceptor.local_endpoint();
        auto* in = reinterpret_cast<const sockaddr_in*>(local.data());
        state_->url =
            std::string(tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(ntohs(in->sin_port));
    }
    else
    {
        generic_protocol::endpoint ep{asio::local::stream_protocol::endpoint(socket_path)};
        state_->acceptor.open(ep.protocol());
        state_->acceptor.bind(ep);
        state_->acceptor.listen();
        state_->url = "unix://" + socket_path;
        state_->socket_path = socket_path;
    }
    asio::co_spawn(ex, accept_loop(state_), asio::detached);
}

test_server::~test_server()
{
    stop();
    if (!state_->socket_path.empty())
    {
        std::error_code ignored;
        std::filesystem::remove(state_->socket_path, ignored);
    }
}

std::string test_server::url() const
{
    return state_->url;
}

int test_server::accepted() const
{
    return state_->accepted;
}

void test_server::stop()
{
    state_->stopped = true;
    boost::system::error_code ignored;
    state_->acceptor.close(ignored);
    for (auto& weak : state_->connections)
        if (auto conn = weak.lock())
            conn->close();
}

// ---------------------------------------------------------------------------------------------------------

test_event::test_event(asio::any_io_executor ex) : timer_(ex, asio::steady_timer::time_point::max()) {}

void test_event::set()
{
    set_ = true;
    timer_.cancel();
}

task<void> test_event::wait()
{
    while (!set_)
        co_await timer_.async_wait(use_tuple);
}

std::string http_reply(unsigned status, std::string_view body, std::string_view extra_headers,
                       std::string_view content_type)
{
    std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason_of(status) + "\r\n";
    if (!content_type.empty())
        out += "Content-Type: " + std::string(content_type) + "\r\n";
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    out += extra_headers;
    out += "\r\n";
    out += body;
    return out;
}

std::unique_ptr<asio::ssl::context> make_server_tls(const std::string& cert_file, const std::string& key_file,
                                                    const std::string& client_ca)
{
    auto ctx = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
    ctx->use_certificate_chain_file(cert_file);
    ctx->use_private_key_file(key_file, asio::ssl::context::pem);
    if (!client_ca.empty())
    {
        ctx->load_verify_file(client_ca);
        ctx->set_verify_mode(asio::ssl::verify_peer | asio::ssl::verify_fail_if_no_peer_cert);
    }
    return ctx;
}

}  // namespace agent_backends::test
