// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_MCP_HTTP_TEST_CLIENT_HPP
#define AGENT_BACKENDS_TEST_MCP_HTTP_TEST_CLIENT_HPP

// A blocking HTTP/1.1 client for the MCP endpoint (Beast), and a served workspace: a local directory with
// commands enabled behind an mcp_http_server running on its own thread.

#include <agent_backends/local_backend.hpp>
#include <agent_backends/mcp/mcp_http_server.hpp>
#include <agent_backends/mcp/mcp_server.hpp>

#include "common/temp_dir.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdint>
#include <exception>
#include <fstream>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/time.h>

namespace agent_backends::test {

namespace http = boost::beast::http;

/// A whole response as the client saw it.
struct http_reply
{
    unsigned status{0};
    http::fields headers;
    std::string body;

    std::string header(std::string_view name) const { return std::string(headers[name]); }
    std::string content_type() const { return header("Content-Type"); }

    /// The body as JSON.
    boost::json::value json() const { return boost::json::parse(body); }

    /// The `data:` payloads of the body's Server-Sent Events, as JSON.
    std::vector<boost::json::value> events() const
    {
        std::vector<boost::json::value> out;
        std::string_view rest = body;
        while (!rest.empty())
        {
            auto end = rest.find("\n\n");
            auto event = rest.substr(0, end);
            rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 2);
            std::string data;
            while (!event.empty())
            {
                auto eol = event.find('\n');
                auto line = event.substr(0, eol);
                event = eol == std::string_view::npos ? std::string_view{} : event.substr(eol + 1);
                if (line.rfind("data: ", 0) == 0)
                    data += line.substr(6);
            }
            if (!data.empty())
                out.push_back(boost::json::parse(data));
        }
        return out;
    }
};

/// One client connection (keep-alive) to the server on 127.0.0.1. Reads time out after 20 s so that a
/// server that never answers fails the test instead of hanging it.
class http_connection
{
public:
    explicit http_connection(std::uint16_t port) : port_(port), socket_(io_)
    {
        socket_.connect({boost::asio::ip::make_address("127.0.0.1"), port});
        // In a real deployment the client is another process; here it must not leak into the commands
        // the server runs, or a command would keep the connection open after close().
        ::fcntl(socket_.native_handle(), F_SETFD, FD_CLOEXEC);
        timeval limit{20, 0};
        ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    }

    /// A request to the endpoint with the headers an MCP client sends (Host, Content-Type, Accept).
    http::request<http::string_body> request(http::verb method, std::string body = {},
                                             std::string_view session = {}) const
    {
        http::request<http::string_body> req(method, "/mcp", 11);
        req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
        if (method == http::verb::post)
        {
            req.set(http::field::content_type, "application/json");
            req.set(http::field::accept, "application/json, text/event-stream");
        }
        else if (method == http::verb::get)
        {
            req.set(http::field::accept, "text/event-stream");
        }
        if (!session.empty())
            req.set("Mcp-Session-Id", session);
        req.body() = std::move(body);
        req.prepare_payload();
        return req;
    }

    void send(const http::request<http::string_body>& req) { http::write(socket_, req); }

    http_reply receive()
    {
        http::response_parser<http::string_body> parser;
        parser.body_limit(boost::none);
        resume_after_signals(
            [&](boost::system::error_code& ec) { http::read(socket_, buffer_, parser, ec); });
        auto res = parser.release();
        return {res.result_int(), std::move(res.base()), std::move(res.body())};
    }

    http_reply exchange(const http::request<http::string_body>& req)
    {
        send(req);
        return receive();
    }

    /// Starts reading a streamed response: the header only.
    http_reply receive_header()
    {
        stream_.emplace();
        stream_->body_limit(boost::none);
        resume_after_signals(
            [&](boost::system::error_code& ec) { http::read_header(socket_, buffer_, *stream_, ec); });
        return {stream_->get().result_int(), stream_->get().base(), {}};
    }

    /// The next Server-Sent Event of a streamed response, as JSON (comments are skipped).
    boost::json::value next_event()
    {
        for (;;)
        {
            auto& body = stream_->get().body();
            auto end = body.find("\n\n", consumed_);
            if (end != std::string::npos)
            {
                http_reply one{0, {}, body.substr(consumed_, end + 2 - consumed_)};
                consumed_ = end + 2;
                auto events = one.events();
                if (!events.empty())
                    return events.front();
                continue;
            }
            BOOST_REQUIRE_MESSAGE(!stream_->is_done(), "the event stream ended");
            resume_after_signals(
                [&](boost::system::error_code& ec) { http::read_some(socket_, buffer_, *stream_, ec); });
        }
    }

    /// Reads a streamed response to its end; returns what came after the events already taken.
    std::string receive_rest()
    {
        while (!stream_->is_done())
            resume_after_signals(
                [&](boost::system::error_code& ec) { http::read_some(socket_, buffer_, *stream_, ec); });
        return stream_->get().body().substr(consumed_);
    }

    boost::asio::ip::tcp::socket& socket() { return socket_; }
    void close() { socket_.close(); }

private:
    // Boost.Test's signal handlers lack SA_RESTART, so a command the server ran exiting (SIGCHLD) can
    // interrupt a blocking read; the parser keeps its state, so reading again resumes where it stopped.
    template <class Read>
    static void resume_after_signals(Read read)
    {
        boost::system::error_code ec;
        do
        {
            ec = {};
            read(ec);
        } while (ec == boost::system::errc::interrupted);
        if (ec)
            throw boost::system::system_error(ec);
    }

    std::uint16_t port_;
    boost::asio::io_context io_;
    boost::asio::ip::tcp::socket socket_;
    boost::beast::flat_buffer buffer_;
    std::optional<http::response_parser<http::string_body>> stream_;
    std::size_t consumed_{0};
};

/// An MCP client over \ref http_connection: initializes a session and numbers its requests.
class mcp_client
{
public:
    explicit mcp_client(std::uint16_t port) : port_(port), connection_(port) {}

    /// Initializes a session (and sends `notifications/initialized`); returns the initialize reply.
    http_reply initialize(std::string capabilities = "{}")
    {
        auto reply = post(R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":)"
                          R"("2025-06-18","capabilities":)" +
                              capabilities + R"(,"clientInfo":{"name":"unit","version":"1"}}})",
                          "");
        session_ = reply.header("Mcp-Session-Id");
        auto ack = post(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
        BOOST_TEST(ack.status == 202u);
        return reply;
    }

    /// A request with the next id; `params` is JSON text.
    http_reply call(std::string_view method, std::string_view params = "{}")
    {
        return post(request_text(method, params));
    }

    /// The JSON text of a request with the next id.
    std::string request_text(std::string_view method, std::string_view params = "{}")
    {
        return R"({"jsonrpc":"2.0","id":)" + std::to_string(++next_id_) + R"(,"method":")" +
               std::string(method) + R"(","params":)" + std::string(params) + "}";
    }

    /// POSTs `body` within the session (or with `session` when given).
    http_reply post(std::string body, std::optional<std::string> session = std::nullopt)
    {
        return connection_.exchange(
            connection_.request(http::verb::post, std::move(body), session.value_or(session_)));
    }

    http_connection& connection() { return connection_; }
    const std::string& session() const { return session_; }
    int last_id() const { return next_id_; }
    std::uint16_t port() const { return port_; }

private:
    std::uint16_t port_;
    http_connection connection_;
    std::string session_;
    int next_id_{0};
};

/// A local directory (commands enabled) served over MCP Streamable HTTP on 127.0.0.1, the server's
/// io_context running on its own thread.
class served_workspace
{
public:
    explicit served_workspace(mcp_http_options http_opts = {}, mcp_server_options mcp_opts = fast_progress(),
                              console_options console_opts = {})
        : workspace_(
              std::make_shared<local_backend>(pool_.get_executor(), local_backend_options{.root = dir.str()}))
    {
        server_.emplace(io_.get_executor(),
                        mcp_server(console_toolset(workspace_, std::move(console_opts)), std::move(mcp_opts)),
                        std::move(http_opts));
        boost::asio::co_spawn(io_, server_->run(),
                              [this](std::exception_ptr e) { run_result_.set_value(e); });
        run_done_ = run_result_.get_future().share();
        runner_ = std::thread([this] { io_.run(); });
    }

    ~served_workspace()
    {
        server_->stop();
        if (run_done_.wait_for(std::chrono::seconds(20)) != std::future_status::ready)
            io_.stop();
        runner_.join();
        server_.reset();
    }

    served_workspace(const served_workspace&) = delete;
    served_workspace& operator=(const served_workspace&) = delete;

    static mcp_server_options fast_progress()
    {
        mcp_server_options o;
        o.progress_interval = std::chrono::milliseconds(50);
        return o;
    }

    std::uint16_t port() const { return server_->port(); }
    mcp_http_server& server() { return *server_; }
    boost::asio::io_context& io() { return io_; }

    /// Waits up to `limit` for run() to return; its exception (null when it returned normally).
    std::optional<std::exception_ptr> wait_run(std::chrono::seconds limit)
    {
        if (run_done_.wait_for(limit) != std::future_status::ready)
            return std::nullopt;
        return run_done_.get();
    }

    temp_dir dir;

private:
    boost::asio::thread_pool pool_{2};
    boost::asio::io_context io_;
    std::shared_ptr<local_backend> workspace_;
    std::optional<mcp_http_server> server_;
    std::promise<std::exception_ptr> run_result_;
    std::shared_future<std::exception_ptr> run_done_;
    std::thread runner_;
};

}  // namespace agent_backends::test

#endif
