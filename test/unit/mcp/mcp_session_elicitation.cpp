// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/mcp/mcp_server.hpp>
#include <agent_backends/state_backend.hpp>

#include "mcp_test_client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/test/unit_test.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace asio = boost::asio;
using namespace agent_backends;
using namespace agent_backends::test;

namespace {

console_options write_needs_approval()
{
    return {.permissions =
                permission_ruleset{.default_action = permission_action::allow,
                                   .write = operation_permissions{.default_action = permission_action::ask}}};
}

const json::object elicitation_capability{{"elicitation", json::object()}};

/// A client that answers each `elicitation/create` with `reply(id)` (a whole JSON-RPC message), or not at
/// all when `reply` returns an empty string.
struct eliciting_client
{
    eliciting_client(mcp_server_options opts = {})
        : store(std::make_shared<state_backend>()),
          server(console_toolset(store, write_needs_approval()), std::move(opts)),
          session(server.make_session())
    {
        run_task(session->handle(initialize_text(elicitation_capability), {}));
    }

    /// Runs one tools/call; requests the server sends meanwhile are answered by `reply`.
    std::optional<json::value> call(std::string message)
    {
        asio::io_context io;
        std::optional<std::string> answer;
        std::exception_ptr failure;
        mcp_message_sink sink = [&](std::string m) -> task<void> {
            auto v = json::parse(m);
            requests.push_back(v);
            if (std::string response = reply(v.at("id")); !response.empty())
                asio::co_spawn(co_await asio::this_coro::executor, session->handle(response, {}),
                               asio::detached);
            co_return;
        };
        asio::co_spawn(io, session->handle(std::move(message), sink),
                       [&](std::exception_ptr e, std::optional<std::string> a) {
                           failure = e;
                           answer = std::move(a);
                       });
        io.run();
        if (failure)
            std::rethrow_exception(failure);
        if (!answer)
            return std::nullopt;
        return json::parse(*answer);
    }

    json::object write_a()
    {
        auto a = call(tool_call_text(1, "write_file", {{"path", "/a.txt"}, {"content", "x"}}));
        BOOST_REQUIRE(a.has_value());
        return a->at("result").as_object();
    }

    std::shared_ptr<state_backend> store;
    mcp_server server;
    std::shared_ptr<mcp_session> session;
    std::vector<json::value> requests;
    std::function<std::string(const json::value& id)> reply;
};

std::string result_with(const json::value& id, json::object result)
{
    return json::serialize(json::object{{"jsonrpc", "2.0"}, {"id", id}, {"result", result}});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mcp_session_elicitation)

BOOST_AUTO_TEST_CASE(ask_rule_sends_elicitation_and_accept_runs_the_tool)
{
    eliciting_client c;
    c.reply = [](const json::value& id) {
        return result_with(id, {{"action", "accept"}, {"content", json::object()}});
    };
    auto r = c.write_a();
    BOOST_TEST(!is_error_result(r), first_text(r));
    BOOST_TEST(c.store->snapshot().at("/a.txt") == "x");
    BOOST_REQUIRE_EQUAL(c.requests.size(), 1u);
    const auto& req = c.requests[0];
    BOOST_TEST(req.at("jsonrpc").as_string() == "2.0");
    BOOST_TEST(req.at("id").as_string() == "elicit-1");
    BOOST_TEST(req.at("method").as_string() == "elicitation/create");
    BOOST_TEST(req.at("params").at("message").as_string().find("Allow write on '/a.txt'?") == 0u,
               req.at("params").at("message").as_string());
    const auto& schema = req.at("params").at("requestedSchema");
    BOOST_TEST(schema.at("type").as_string() == "object");
    BOOST_TEST(schema.at("properties").as_object().empty());
}

BOOST_AUTO_TEST_CASE(each_elicitation_gets_a_new_string_id)
{
    eliciting_client c;
    c.reply = [](const json::value& id) { return result_with(id, {{"action", "accept"}}); };
    c.write_a();
    c.write_a();
    BOOST_REQUIRE_EQUAL(c.requests.size(), 2u);
    BOOST_TEST(c.requests[1].at("id").as_string() == "elicit-2");
}

BOOST_AUTO_TEST_CASE(decline_and_cancel_refuse_the_operation)
{
    for (std::string action : {"decline", "cancel"})
    {
        eliciting_client c;
        c.reply = [&](const json::value& id) { return result_with(id, {{"action", action}}); };
        auto r = c.write_a();
        BOOST_TEST(is_error_result(r), action);
        BOOST_TEST(first_text(r) == "Error: Permission denied for write on '/a.txt'", action);
        BOOST_TEST(!c.store->snapshot().contains("/a.txt"));
    }
}

BOOST_AUTO_TEST_CASE(error_answer_refuses_the_operation)
{
    eliciting_client c;
    c.reply = [](const json::value& id) {
        return json::serialize(json::object{
            {"jsonrpc", "2.0"}, {"id", id}, {"error", json::object{{"code", -32601}, {"message", "no"}}}});
    };
    auto r = c.write_a();
    BOOST_TEST(is_error_result(r));
    BOOST_TEST(!c.store->snapshot().contains("/a.txt"));
}

BOOST_AUTO_TEST_CASE(no_answer_in_time_refuses_the_operation)
{
    eliciting_client c({.elicitation_timeout = std::chrono::milliseconds(50)});
    c.reply = [](const json::value&) { return std::string(); };
    auto start = std::chrono::steady_clock::now();
    auto r = c.write_a();
    BOOST_TEST(is_error_result(r));
    BOOST_TEST(first_text(r).find("Permission denied") != std::string::npos, first_text(r));
    BOOST_TEST((std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(50)));
    BOOST_TEST(!c.store->snapshot().contains("/a.txt"));
    // A late answer finds nobody waiting and is dropped quietly.
    BOOST_TEST(!run_task(c.session->handle(result_with("elicit-1", {{"action", "accept"}}), {})).has_value());
}

BOOST_AUTO_TEST_CASE(closing_the_session_ends_a_call_waiting_for_an_answer)
{
    eliciting_client c;
    c.reply = [&](const json::value&) {
        c.session->close();
        return std::string();
    };
    auto a = c.call(tool_call_text(1, "write_file", {{"path", "/a.txt"}, {"content", "x"}}));
    BOOST_TEST(!a.has_value());
    BOOST_TEST(!c.store->snapshot().contains("/a.txt"));
}

BOOST_AUTO_TEST_CASE(client_without_the_capability_is_never_asked)
{
    auto store = std::make_shared<state_backend>();
    session_client c{mcp_server(console_toolset(store, write_needs_approval()))};
    c.initialize(json::object{{"sampling", json::object()}});
    auto r = c.call("write_file", {{"path", "/a.txt"}, {"content", "x"}});
    BOOST_TEST(is_error_result(r));
    BOOST_TEST(first_text(r) == "Error: Permission required for write on '/a.txt'", first_text(r));
    BOOST_TEST(c.interim.empty());
}

BOOST_AUTO_TEST_SUITE_END()
