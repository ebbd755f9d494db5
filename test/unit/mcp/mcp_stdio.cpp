// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/local_backend.hpp>
#include <agent_backends/mcp/mcp_stdio.hpp>
#include <agent_backends/state_backend.hpp>
#include <agent_backends/with_timeout.hpp>

#include "common/temp_dir.hpp"
#include "mcp_test_client.hpp"
#include "unit/process/process_probe.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>

#include <fcntl.h>
#include <unistd.h>

namespace asio = boost::asio;
using namespace agent_backends;
using namespace agent_backends::test;
using namespace std::chrono_literals;

namespace {

/// Two pipes: the server reads `server_in` and writes `server_out`; the test holds the other ends.
struct pipes
{
    pipes()
    {
        int in[2], out[2];
        BOOST_REQUIRE(::pipe2(in, O_CLOEXEC) == 0);
        BOOST_REQUIRE(::pipe2(out, O_CLOEXEC) == 0);
        server_in = in[0];
        client_out = in[1];
        client_in = out[0];
        server_out = out[1];
    }
    ~pipes()
    {
        for (int fd : {server_in, server_out})
            if (fd >= 0)
                ::close(fd);
    }
    int server_in, server_out, client_in, client_out;
};

/// The test's side of the conversation, on the test's io_context.
struct pipe_client
{
    pipe_client(asio::any_io_executor ex, pipes& p)
        : to_server(ex, p.client_out), from_server(ex, p.client_in)
    {}

    task<void> send(std::string line)
    {
        line += '\n';
        co_await asio::async_write(to_server, asio::buffer(line), asio::use_awaitable);
    }

    /// The next line from the server, parsed.
    task<json::value> receive()
    {
        auto n = co_await with_timeout(
            asio::async_read_until(from_server, asio::dynamic_buffer(pending), '\n', asio::use_awaitable),
            20s);
        std::string line = pending.substr(0, n - 1);
        pending.erase(0, n);
        co_return json::parse(line);
    }

    /// Whether the server's output has ended with nothing more in it.
    task<bool> at_end()
    {
        auto [ec, n] = co_await asio::async_read_until(from_server, asio::dynamic_buffer(pending), '\n',
                                                       asio::as_tuple(asio::use_awaitable));
        (void)n;
        co_return ec == asio::error::eof&& pending.empty();
    }

    asio::posix::stream_descriptor to_server;
    asio::posix::stream_descriptor from_server;
    std::string pending;
};

/// serve_mcp_stdio running in the background of one io_context.
struct served
{
    bool done{false};
    std::exception_ptr failure;
};

void serve_in_background(asio::any_io_executor ex, const mcp_server& server, mcp_stdio_options opts,
                         served& out, asio::cancellation_slot slot = {})
{
    asio::co_spawn(ex, serve_mcp_stdio(server, opts),
                   asio::bind_cancellation_slot(slot, [&out](std::exception_ptr e) {
                       out.done = true;
                       out.failure = e;
                   }));
}

task<bool> ends(const served& s, std::chrono::milliseconds limit = 10s)
{
    asio::steady_timer t(co_await asio::this_coro::executor);
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (!s.done && std::chrono::steady_clock::now() < deadline)
    {
        t.expires_after(2ms);
        co_await t.async_wait(asio::use_awaitable);
    }
    co_return s.done;
}

void run(asio::io_context& io, std::function<task<void>()> body)
{
    std::exception_ptr failure;
    asio::co_spawn(io, body(), [&](std::exception_ptr e) { failure = e; });
    io.run();
    if (failure)
        std::rethrow_exception(failure);
}

std::string execute_text(json::value id, const std::string& command)
{
    return tool_call_text(id, "execute", {{"command", command}});
}

/// A local workspace whose commands run, served over the pipes.
struct local_server
{
    asio::thread_pool pool{2};
    temp_dir dir;
    mcp_server server{console_toolset(
        std::make_shared<local_backend>(pool.get_executor(), local_backend_options{.root = dir.str()}))};
    ready_pipe ready{dir.path() / "ready"};

    std::string reporting(const std::string& rest) const
    {
        return "echo $$ > '" + ready.path().string() + "'; " + rest;
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(mcp_stdio)

BOOST_AUTO_TEST_CASE(answers_requests_and_errors_then_returns_at_end_of_input)
{
    asio::io_context io;
    pipes p;
    served s;
    auto server = memory_server();
    run(io, [&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        serve_in_background(ex, server, {.input_fd = p.server_in, .output_fd = p.server_out}, s);
        pipe_client c(ex, p);
        co_await c.send(initialize_text());
        BOOST_TEST((co_await c.receive()).at("result").at("protocolVersion").as_string() == "2025-06-18");
        co_await c.send(notification_text("notifications/initialized"));
        co_await c.send("{not json");
        auto parse = co_await c.receive();
        BOOST_TEST(error_code(parse) == -32700);
        BOOST_TEST(parse.at("id").is_null());
        co_await c.send(request_text(2, "frobnicate"));
        BOOST_TEST(error_code(co_await c.receive()) == -32601);
        co_await c.send(request_text(3, "tools/call", {{"arguments", json::object()}}));
        BOOST_TEST(error_code(co_await c.receive()) == -32602);
        co_await c.send("");
        co_await c.send("   \r");
        co_await c.send(request_text(4, "tools/list") + "\r");  // CRLF line end
        auto list = co_await c.receive();
        BOOST_TEST(list.at("id").as_int64() == 4);
        BOOST_TEST(!list.at("result").at("tools").as_array().empty());
        c.to_server.close();
        BOOST_TEST(co_await ends(s));
    });
    BOOST_REQUIRE(s.done);
    BOOST_TEST(!s.failure);
}

BOOST_AUTO_TEST_CASE(line_over_the_limit_is_refused_and_reading_goes_on)
{
    asio::io_context io;
    pipes p;
    served s;
    auto server = memory_server();
    run(io, [&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        serve_in_background(
            ex, server, {.input_fd = p.server_in, .output_fd = p.server_out, .max_message_bytes = 1000}, s);
        pipe_client c(ex, p);
        co_await c.send(request_text(1, "ping", {{"pad", std::string(5000, 'x')}}));
        auto refused = co_await c.receive();
        BOOST_TEST(refused.at("id").is_null());
        BOOST_TEST(error_code(refused) == -32600);
        BOOST_TEST(error_message(refused) == "Message exceeds 1000 bytes");
        co_await c.send(request_text(2, "ping"));
        BOOST_TEST((co_await c.receive()).at("id").as_int64() == 2);
        c.to_server.close();
        co_await ends(s);
    });
    BOOST_TEST(s.done);
    BOOST_TEST(!s.failure);
}

BOOST_AUTO_TEST_CASE(ten_megabyte_line_is_handled_under_the_default_limit)
{
    asio::io_context io;
    pipes p;
    served s;
    auto store = std::make_shared<state_backend>();
    mcp_server server{console_toolset(store)};
    const std::string big(10u << 20, 'b');
    run(io, [&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        serve_in_background(ex, server, {.input_fd = p.server_in, .output_fd = p.server_out}, s);
        pipe_client c(ex, p);
        co_await c.send(initialize_text());
        co_await c.receive();
        co_await c.send(tool_call_text(1, "write_file", {{"path", "/big.txt"}, {"content", big}}));
        auto wrote = co_await c.receive();
        BOOST_TEST(first_text(wrote.at("result").as_object()) == "Wrote 1 lines to /big.txt");
        co_await c.send(request_text(2, "ping"));
        BOOST_TEST((co_await c.receive()).at("id").as_int64() == 2);
        c.to_server.close();
        co_await ends(s);
    });
    BOOST_TEST(s.done);
    BOOST_TEST(store->snapshot().at("/big.txt").size() == big.size());
}

BOOST_AUTO_TEST_CASE(requests_are_answered_while_a_long_call_runs)
{
    asio::io_context io;
    pipes p;
    served s;
    local_server w;
    auto go = w.dir.path() / "go";
    BOOST_REQUIRE(::mkfifo(go.c_str(), 0600) == 0);
    run(io, [&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        serve_in_background(ex, w.server, {.input_fd = p.server_in, .output_fd = p.server_out}, s);
        pipe_client c(ex, p);
        co_await c.send(initialize_text());
        co_await c.receive();
        co_await c.send(execute_text("long", w.reporting("read x < '" + go.string() + "'; echo long done")));
        co_await w.ready.next_line();
        co_await c.send(request_text(1, "ping"));
        BOOST_TEST((co_await c.receive()).at("id").as_int64() == 1);
        co_await c.send(request_text(2, "tools/list"));
        BOOST_TEST((co_await c.receive()).at("id").as_int64() == 2);
        co_await c.send(tool_call_text(3, "ls"));
        BOOST_TEST((co_await c.receive()).at("id").as_int64() == 3);
        std::ofstream(go) << "go\n";
        auto long_answer = co_await c.receive();
        BOOST_TEST(long_answer.at("id").as_string() == "long");
        BOOST_TEST(first_text(long_answer.at("result").as_object()).find("long done") != std::string::npos);
        c.to_server.close();
        co_await ends(s);
    });
    BOOST_TEST(s.done);
    BOOST_TEST(!s.failure);
}

BOOST_AUTO_TEST_CASE(concurrent_large_answers_never_interleave)
{
    asio::io_context io;
    pipes p;
    served s;
    std::string content;
    for (int i = 0; i < 2500; ++i)
        content += "line " + std::to_string(i) + " of a file that makes every answer large\n";
    auto server = memory_server({{"/big.txt", content}});
    std::set<std::int64_t> ids;
    run(io, [&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        serve_in_background(ex, server, {.input_fd = p.server_in, .output_fd = p.server_out}, s);
        pipe_client c(ex, p);
        co_await c.send(initialize_text());
        co_await c.receive();
        std::string burst;
        for (int i = 1; i <= 30; ++i)
            burst += tool_call_text(i, "read_file", {{"path", "/big.txt"}, {"limit", 2500}}) + "\n";
        burst.pop_back();
        co_await c.send(burst);
        for (int i = 1; i <= 30; ++i)
        {
            auto a = co_await c.receive();  // throws if a line is not whole JSON
            ids.insert(a.at("id").as_int64());
            auto text = first_text(a.at("result").as_object());
            BOOST_TEST(text.find("line 2499") != std::string::npos, text);
        }
        c.to_server.close();
        co_await ends(s);
    });
    BOOST_TEST(ids.size() == 30u);
    BOOST_TEST(s.done);
}

BOOST_AUTO_TEST_CASE(end_of_input_lets_running_calls_answer_then_returns)
{
    asio::io_context io;
    pipes p;
    served s;
    local_server w;
    auto go = w.dir.path() / "go";
    BOOST_REQUIRE(::mkfifo(go.c_str(), 0600) == 0);
    bool nothing_more = false;
    run(io, [&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        serve_in_background(ex, w.server, {.input_fd = p.server_in, .output_fd = p.server_out}, s);
        pipe_client c(ex, p);
        co_await c.send(initialize_text());
        co_await c.receive();
        co_await c.send(execute_text(1, w.reporting("read x < '" + go.string() + "'; echo finished")));
        co_await w.ready.next_line();
        c.to_server.close();
        std::ofstream(go) << "go\n";  // the call ends only after the input has
        auto answer = co_await c.receive();
        BOOST_TEST(answer.at("id").as_int64() == 1);
        BOOST_TEST(first_text(answer.at("result").as_object()).find("finished") != std::string::npos);
        BOOST_TEST(co_await ends(s));
        ::close(p.server_out);  // the last write end: the client now sees end-of-file
        p.server_out = -1;
        nothing_more = co_await c.at_end();
    });
    BOOST_REQUIRE(s.done);
    BOOST_TEST(!s.failure);
    BOOST_TEST(nothing_more);
}

BOOST_AUTO_TEST_CASE(cancelling_serve_after_end_of_input_kills_the_calls_still_running)
{
    asio::io_context io;
    pipes p;
    served s;
    local_server w;
    pid_t group = 0;
    asio::cancellation_signal signal;
    run(io, [&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        serve_in_background(ex, w.server, {.input_fd = p.server_in, .output_fd = p.server_out}, s,
                            signal.slot());
        pipe_client c(ex, p);
        co_await c.send(initialize_text());
        co_await c.receive();
        co_await c.send(execute_text(1, w.reporting("exec sleep 30")));
        group = std::stoi(co_await w.ready.next_line());
        c.to_server.close();
        signal.emit(asio::cancellation_type::terminal);
        BOOST_TEST(co_await ends(s));
    });
    BOOST_REQUIRE(s.done);
    BOOST_TEST(group_ends_within(group));
}

BOOST_AUTO_TEST_CASE(client_gone_from_output_ends_serving_cleanly)
{
    asio::io_context io;
    pipes p;
    served s;
    local_server w;
    pid_t group = 0;
    run(io, [&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        serve_in_background(ex, w.server, {.input_fd = p.server_in, .output_fd = p.server_out}, s);
        pipe_client c(ex, p);
        co_await c.send(initialize_text());
        co_await c.receive();
        co_await c.send(execute_text(1, w.reporting("exec sleep 30")));
        group = std::stoi(co_await w.ready.next_line());
        c.from_server.close();
        ::close(p.server_out);  // only the server's own copy keeps the pipe's write end
        p.server_out = -1;
        co_await c.send(request_text(2, "ping"));  // its answer meets a broken pipe
        BOOST_TEST(co_await ends(s));
    });
    BOOST_REQUIRE(s.done);
    BOOST_TEST(!s.failure);
    BOOST_TEST(group_ends_within(group));
}

BOOST_AUTO_TEST_CASE(cancelling_serve_cancels_calls_and_throws_operation_aborted)
{
    asio::io_context io;
    pipes p;
    served s;
    local_server w;
    asio::cancellation_signal signal;
    pid_t group = 0;
    run(io, [&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        serve_in_background(ex, w.server, {.input_fd = p.server_in, .output_fd = p.server_out}, s,
                            signal.slot());
        pipe_client c(ex, p);
        co_await c.send(initialize_text());
        co_await c.receive();
        co_await c.send(execute_text(1, w.reporting("exec sleep 30")));
        group = std::stoi(co_await w.ready.next_line());
        signal.emit(asio::cancellation_type::terminal);
        BOOST_TEST(co_await ends(s));
    });
    BOOST_REQUIRE(s.done);
    BOOST_REQUIRE(s.failure);
    try
    {
        std::rethrow_exception(s.failure);
    }
    catch (const boost::system::system_error& e)
    {
        BOOST_TEST(e.code() == asio::error::operation_aborted);
    }
    BOOST_TEST(group_ends_within(group));
}

BOOST_AUTO_TEST_SUITE_END()
