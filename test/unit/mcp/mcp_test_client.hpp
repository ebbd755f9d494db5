// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_MCP_TEST_CLIENT_HPP
#define AGENT_BACKENDS_TEST_MCP_TEST_CLIENT_HPP

// A client written in the test: it hands JSON-RPC text to an mcp_session and reads what comes back.
#include <agent_backends/mcp/mcp_server.hpp>
#include <agent_backends/mcp/mcp_session.hpp>
#include <agent_backends/state_backend.hpp>

#include "common/run_task.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace agent_backends::test {

namespace json = boost::json;

/// `{"jsonrpc":"2.0","id":ID,"method":METHOD,"params":PARAMS}` as text.
inline std::string request_text(json::value id, std::string_view method, json::object params = {})
{
    return json::serialize(
        json::object{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
}

inline std::string notification_text(std::string_view method, json::object params = {})
{
    return json::serialize(json::object{{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
}

inline std::string initialize_text(json::object capabilities = {}, std::string_view version = "2025-06-18")
{
    return request_text(0, "initialize",
                        {{"protocolVersion", version},
                         {"capabilities", capabilities},
                         {"clientInfo", json::object{{"name", "test-client"}, {"version", "1.0"}}}});
}

inline std::string tool_call_text(json::value id, std::string_view tool, json::object arguments = {})
{
    return request_text(id, "tools/call", {{"name", tool}, {"arguments", arguments}});
}

/// A session driven one message at a time, each on a fresh io_context (for exchanges that do not overlap).
struct session_client
{
    explicit session_client(mcp_server s) : server(std::move(s)), session(server.make_session()) {}

    /// The parsed answer to `message`, or nullopt when the session answers nothing.
    std::optional<json::value> send(std::string message)
    {
        mcp_message_sink sink = [this](std::string m) -> task<void> {
            interim.push_back(json::parse(m));
            co_return;
        };
        auto answer = run_task(session->handle(std::move(message), sink));
        if (!answer)
            return std::nullopt;
        return json::parse(*answer);
    }

    /// The answer to a request, which must come.
    json::value answer(std::string message)
    {
        auto a = send(std::move(message));
        BOOST_REQUIRE_MESSAGE(a.has_value(), "expected an answer");
        return *a;
    }

    json::value initialize(json::object capabilities = {})
    {
        return answer(initialize_text(std::move(capabilities)));
    }

    /// The `result` of a `tools/call`.
    json::object call(std::string_view tool, json::object arguments = {})
    {
        auto a = answer(tool_call_text(++next_id, tool, std::move(arguments)));
        BOOST_REQUIRE_MESSAGE(a.as_object().contains("result"), "expected a result: " << json::serialize(a));
        return a.at("result").as_object();
    }

    mcp_server server;
    std::shared_ptr<mcp_session> session;
    std::vector<json::value> interim;
    std::int64_t next_id{100};
};

/// The text of the first content item of a tools/call result.
inline std::string first_text(const json::object& result)
{
    return std::string(result.at("content").as_array().at(0).at("text").as_string());
}

inline bool is_error_result(const json::object& result)
{
    const auto* e = result.if_contains("isError");
    return e && e->as_bool();
}

inline std::int64_t error_code(const json::value& answer)
{
    return answer.at("error").at("code").to_number<std::int64_t>();
}

inline std::string error_message(const json::value& answer)
{
    return std::string(answer.at("error").at("message").as_string());
}

/// A server over an in-memory workspace holding `files`.
inline mcp_server memory_server(const std::map<std::string, std::string>& files = {},
                                console_options console = {}, mcp_server_options opts = {})
{
    return mcp_server(console_toolset(std::make_shared<state_backend>(files), std::move(console)),
                      std::move(opts));
}

}  // namespace agent_backends::test

#endif
