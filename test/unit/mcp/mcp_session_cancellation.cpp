// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/local_backend.hpp>
#include <agent_backends/mcp/mcp_server.hpp>

#include "common/temp_dir.hpp"
#include "mcp_test_client.hpp"
#include "unit/process/process_probe.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace asio = boost::asio;
using namespace agent_backends;
using namespace agent_backends::test;
using namespace std::chrono_literals;

namespace {

/// A server over a local directory whose commands really run, and one session of it.
struct local_workspace
{
    explicit local_workspace(mcp_server_options opts = {})
        : backend(
              std::make_shared<local_backend>(pool.get_executor(), local_backend_options{.root = dir.str()})),
          server(console_toolset(backend), std::move(opts)),
          session(server.make_session()),
          ready(dir.path() / "ready")
    {
        run_task(session->handle(initialize_text(), {}));
    }

    /// A command that reports its process group through the ready pipe, then runs `rest`.
    std::string reporting(const std::string& rest) const
    {
        return "echo $$ > '" + ready.path().string() + "'; " + rest;
    }

    asio::thread_pool pool{2};
    temp_dir dir;
    std::shared_ptr<local_backend> backend;
    mcp_server server;
    std::shared_ptr<mcp_session> session;
    ready_pipe ready;
};

/// The outcome of a handle() started in the background.
struct pending_answer
{
    bool done{false};
    std::optional<std::string> answer;
    std::exception_ptr failure;
};

void start(asio::any_io_executor ex, const std::shared_ptr<mcp_session>& s, std::string message,
           mcp_message_sink sink, pending_answer& out, asio::cancellation_slot slot = {})
{
    asio::co_spawn(
        ex, s->handle(std::move(message), std::move(sink)),
        asio::bind_cancellation_slot(slot, [&out](std::exception_ptr e, std::optional<std::string> a) {
            out.done = true;
            out.failure = e;
            out.answer = std::move(a);
        }));
}

/// Waits (polling the flag) until `p` is done, at most `limit`.
task<bool> finished(const pending_answer& p, std::chrono::milliseconds limit = 10s)
{
    asio::steady_timer t(co_await asio::this_coro::executor);
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (!p.done && std::chrono::steady_clock::now() < deadline)
    {
        t.expires_after(2ms);
        co_await t.async_wait(asio::use_awaitable);
    }
    co_return p.done;
}

mcp_message_sink collect(std::vector<json::value>& into)
{
    return [&into](std::string m) -> task<void> {
        into.push_back(json::parse(m));
        co_return;
    };
}

std::string execute_text(json::value id, const std::string& command, json::object meta = {})
{
    json::object params{{"name", "execute"}, {"arguments", json::object{{"command", command}}}};
    if (!meta.empty())
        params["_meta"] = meta;
    return request_text(id, "tools/call", params);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mcp_session_cancellation)

BOOST_AUTO_TEST_CASE(cancelled_notification_kills_the_command_and_sends_no_response)
{
    local_workspace w;
    asio::io_context io;
    pending_answer call;
    pid_t group = 0;
    bool finished_in_time = false;
    asio::co_spawn(
        io,
        [&]() -> task<void> {
            auto ex = co_await asio::this_coro::executor;
            start(ex, w.session, execute_text(7, w.reporting("exec sleep 30")), {}, call);
            group = std::stoi(co_await w.ready.next_line());
            BOOST_TEST(!call.done);
            auto none = co_await w.session->handle(
                notification_text("notifications/cancelled", {{"requestId", 7}, {"reason", "user"}}), {});
            BOOST_TEST(!none.has_value());
            finished_in_time = co_await finished(call);
        },
        asio::detached);
    io.run();
    BOOST_REQUIRE(finished_in_time);
    BOOST_TEST(!call.failure);
    BOOST_TEST(!call.answer.has_value());
    BOOST_TEST(group_ends_within(group));
}

BOOST_AUTO_TEST_CASE(cancel_for_another_id_leaves_the_call_running)
{
    local_workspace w;
    asio::io_context io;
    pending_answer call;
    auto go = w.dir.path() / "go";
    BOOST_REQUIRE(::mkfifo(go.c_str(), 0600) == 0);
    asio::co_spawn(
        io,
        [&]() -> task<void> {
            auto ex = co_await asio::this_coro::executor;
            start(ex, w.session, execute_text(8, w.reporting("read x < '" + go.string() + "'; echo done")),
                  {}, call);
            co_await w.ready.next_line();
            // The same number as a string is another id.
            co_await w.session->handle(notification_text("notifications/cancelled", {{"requestId", "8"}}),
                                       {});
            co_await w.session->handle(notification_text("notifications/cancelled", {{"requestId", 9}}), {});
            auto ping = co_await w.session->handle(request_text(1, "ping"), {});
            BOOST_TEST(ping.has_value());
            std::ofstream(go) << "go\n";
            co_await finished(call);
        },
        asio::detached);
    io.run();
    BOOST_REQUIRE(call.done);
    BOOST_REQUIRE(call.answer.has_value());
    BOOST_TEST(first_text(json::parse(*call.answer).at("result").as_object()).find("done") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(progress_token_brings_progress_notifications_while_the_call_runs)
{
    local_workspace w({.progress_interval = 20ms});
    asio::io_context io;
    pending_answer call;
    std::vector<json::value> interim;
    auto go = w.dir.path() / "go";
    BOOST_REQUIRE(::mkfifo(go.c_str(), 0600) == 0);
    mcp_message_sink sink = [&](std::string m) -> task<void> {
        interim.push_back(json::parse(m));
        if (interim.size() == 3)
            std::ofstream(go) << "go\n";  // the command may end now
        co_return;
    };
    asio::co_spawn(
        io,
        [&]() -> task<void> {
            start(
                co_await asio::this_coro::executor, w.session,
                execute_text(3, "read x < '" + go.string() + "'; echo finished", {{"progressToken", "tok"}}),
                sink, call);
            co_await finished(call);
        },
        asio::detached);
    io.run();
    BOOST_REQUIRE(call.done);
    BOOST_REQUIRE(call.answer.has_value());
    auto answer = json::parse(*call.answer);
    BOOST_TEST(first_text(answer.at("result").as_object()).find("finished") != std::string::npos);
    BOOST_REQUIRE_GE(interim.size(), 3u);
    for (std::size_t i = 0; i < interim.size(); ++i)
    {
        const auto& n = interim[i];
        BOOST_TEST(n.at("method").as_string() == "notifications/progress");
        BOOST_TEST(!n.as_object().contains("id"));
        BOOST_TEST(n.at("params").at("progressToken").as_string() == "tok");
        BOOST_TEST(n.at("params").at("progress").to_number<std::int64_t>() == std::int64_t(i + 1));
        std::string message(n.at("params").at("message").as_string());
        BOOST_TEST(message.rfind("running execute (", 0) == 0u, message);
        BOOST_TEST(message.substr(message.size() - 3) == " s)", message);
    }
}

BOOST_AUTO_TEST_CASE(quick_call_sends_no_progress)
{
    local_workspace w;
    std::vector<json::value> interim;
    auto a =
        run_task(w.session->handle(execute_text(1, "echo hi", {{"progressToken", 5}}), collect(interim)));
    BOOST_REQUIRE(a.has_value());
    BOOST_TEST(interim.empty());
}

BOOST_AUTO_TEST_CASE(a_request_id_in_use_is_refused)
{
    local_workspace w;
    asio::io_context io;
    pending_answer first;
    std::optional<std::string> second;
    asio::co_spawn(
        io,
        [&]() -> task<void> {
            start(co_await asio::this_coro::executor, w.session,
                  execute_text(4, w.reporting("exec sleep 30")), {}, first);
            co_await w.ready.next_line();
            second = co_await w.session->handle(execute_text(4, "echo again"), {});
            co_await w.session->handle(notification_text("notifications/cancelled", {{"requestId", 4}}), {});
            co_await finished(first);
        },
        asio::detached);
    io.run();
    BOOST_REQUIRE(second.has_value());
    BOOST_TEST(error_code(json::parse(*second)) == -32600);
    BOOST_TEST(!first.answer.has_value());
}

BOOST_AUTO_TEST_CASE(close_cancels_every_running_call)
{
    local_workspace w;
    asio::io_context io;
    pending_answer a, b;
    pid_t group_a = 0, group_b = 0;
    bool ended = false;
    asio::co_spawn(
        io,
        [&]() -> task<void> {
            auto ex = co_await asio::this_coro::executor;
            start(ex, w.session, execute_text(1, w.reporting("exec sleep 30")), {}, a);
            group_a = std::stoi(co_await w.ready.next_line());
            start(ex, w.session, execute_text(2, w.reporting("exec sleep 30")), {}, b);
            group_b = std::stoi(co_await w.ready.next_line());
            w.session->close();
            ended = co_await finished(a) && co_await finished(b);
        },
        asio::detached);
    io.run();
    BOOST_REQUIRE(ended);
    BOOST_TEST(!a.answer.has_value());
    BOOST_TEST(!b.answer.has_value());
    BOOST_TEST(group_ends_within(group_a));
    BOOST_TEST(group_ends_within(group_b));
}

BOOST_AUTO_TEST_CASE(cancelling_handle_kills_the_command_and_throws_operation_aborted)
{
    local_workspace w;
    asio::io_context io;
    asio::cancellation_signal signal;
    pending_answer call;
    pid_t group = 0;
    asio::co_spawn(
        io,
        [&]() -> task<void> {
            start(co_await asio::this_coro::executor, w.session,
                  execute_text(1, w.reporting("exec sleep 30")), {}, call, signal.slot());
            group = std::stoi(co_await w.ready.next_line());
            signal.emit(asio::cancellation_type::terminal);
            co_await finished(call);
        },
        asio::detached);
    io.run();
    BOOST_REQUIRE(call.done);
    BOOST_REQUIRE(call.failure);
    try
    {
        std::rethrow_exception(call.failure);
    }
    catch (const boost::system::system_error& e)
    {
        BOOST_TEST(e.code() == asio::error::operation_aborted);
    }
    BOOST_TEST(group_ends_within(group));
}

BOOST_AUTO_TEST_SUITE_END()
