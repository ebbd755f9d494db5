// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/mcp/mcp_server.hpp>

#include "mcp_test_client.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace agent_backends;
using namespace agent_backends::test;

BOOST_AUTO_TEST_SUITE(mcp_session_protocol)

BOOST_AUTO_TEST_CASE(initialize_echoes_a_supported_version_and_describes_the_server)
{
    mcp_server_options opts{
        .name = "ws", .version = "9.9", .title = "Workspace", .instructions = "Be careful"};
    session_client c(memory_server({}, {}, opts));
    BOOST_TEST(!c.session->initialized());
    for (std::string v : {"2025-06-18", "2025-03-26", "2024-11-05"})
    {
        session_client fresh(memory_server({}, {}, opts));
        auto a = fresh.answer(initialize_text({}, v));
        BOOST_TEST(a.at("result").at("protocolVersion").as_string() == v);
        BOOST_TEST(fresh.session->protocol_version() == v);
    }
    auto a = c.initialize();
    BOOST_TEST(c.session->initialized());
    BOOST_TEST(a.at("jsonrpc").as_string() == "2.0");
    BOOST_TEST(a.at("id").as_int64() == 0);
    const auto& r = a.at("result").as_object();
    BOOST_TEST(r.at("serverInfo").at("name").as_string() == "ws");
    BOOST_TEST(r.at("serverInfo").at("version").as_string() == "9.9");
    BOOST_TEST(r.at("serverInfo").at("title").as_string() == "Workspace");
    BOOST_TEST(r.at("instructions").as_string() == "Be careful");
    BOOST_TEST(r.at("capabilities").at("tools").at("listChanged").as_bool() == false);
    BOOST_TEST(r.at("capabilities").as_object().contains("logging"));
}

BOOST_AUTO_TEST_CASE(initialize_answers_the_latest_version_to_an_unknown_one)
{
    for (std::string v : {"2099-01-01", "2025-11-25", "2024-10-07", ""})
    {
        session_client c(memory_server());
        auto a = c.answer(initialize_text({}, v));
        BOOST_TEST(a.at("result").at("protocolVersion").as_string() == "2025-06-18");
    }
}

BOOST_AUTO_TEST_CASE(initialize_defaults_to_library_version_and_toolset_prompt_without_title)
{
    session_client c(memory_server());
    auto r = c.initialize().at("result").as_object();
    BOOST_TEST(r.at("serverInfo").at("name").as_string() == "agent-backends");
    BOOST_TEST(!r.at("serverInfo").at("version").as_string().empty());
    BOOST_TEST(!r.at("serverInfo").as_object().contains("title"));
    BOOST_TEST(r.at("instructions").as_string() == c.server.tools().system_prompt());
}

BOOST_AUTO_TEST_CASE(second_initialize_is_refused)
{
    session_client c(memory_server());
    c.initialize();
    auto a = c.answer(initialize_text());
    BOOST_TEST(error_code(a) == -32600);
}

BOOST_AUTO_TEST_CASE(requests_before_initialize_are_refused_except_ping)
{
    session_client c(memory_server());
    auto ping = c.answer(request_text(1, "ping"));
    BOOST_TEST(ping.at("result").as_object().empty());
    auto list = c.answer(request_text(2, "tools/list"));
    BOOST_TEST(error_code(list) == -32600);
    BOOST_TEST(error_message(list).find("initialize") != std::string::npos);
    BOOST_TEST(list.at("id").as_int64() == 2);
}

BOOST_AUTO_TEST_CASE(ping_answers_an_empty_result_with_the_same_id)
{
    session_client c(memory_server());
    c.initialize();
    auto a = c.answer(request_text("abc", "ping"));
    BOOST_TEST(a.at("id").as_string() == "abc");
    BOOST_TEST(a.at("result").as_object().empty());
}

BOOST_AUTO_TEST_CASE(notifications_get_no_answer)
{
    session_client c(memory_server());
    c.initialize();
    BOOST_TEST(!c.send(notification_text("notifications/initialized")).has_value());
    BOOST_TEST(!c.send(notification_text("notifications/whatever")).has_value());
    BOOST_TEST(!c.send(notification_text("notifications/cancelled", {{"requestId", 42}})).has_value());
}

BOOST_AUTO_TEST_CASE(unparsable_input_gets_parse_error_with_null_id)
{
    session_client c(memory_server());
    for (std::string bad : {"{", "not json", "{\"jsonrpc\":\"2.0\",", ""})
    {
        auto a = c.answer(bad);
        BOOST_TEST(error_code(a) == -32700);
        BOOST_TEST(a.at("id").is_null());
    }
}

BOOST_AUTO_TEST_CASE(malformed_requests_get_invalid_request)
{
    session_client c(memory_server());
    c.initialize();
    auto batch = c.answer(R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])");
    BOOST_TEST(error_code(batch) == -32600);
    BOOST_TEST(batch.at("id").is_null());
    BOOST_TEST(error_code(c.answer("42")) == -32600);
    BOOST_TEST(error_code(c.answer(R"("ping")")) == -32600);
    auto wrong_version = c.answer(R"({"jsonrpc":"1.0","id":5,"method":"ping"})");
    BOOST_TEST(error_code(wrong_version) == -32600);
    BOOST_TEST(wrong_version.at("id").as_int64() == 5);
    BOOST_TEST(error_code(c.answer(R"({"id":5,"method":"ping"})")) == -32600);
    for (std::string bad_id :
         {R"({"jsonrpc":"2.0","id":1.5,"method":"ping"})",
          R"({"jsonrpc":"2.0","id":{"a":1},"method":"ping"})",
          R"({"jsonrpc":"2.0","id":[1],"method":"ping"})", R"({"jsonrpc":"2.0","id":true,"method":"ping"})",
          R"({"jsonrpc":"2.0","id":null,"method":"ping"})"})
    {
        auto a = c.answer(bad_id);
        BOOST_TEST(error_code(a) == -32600, bad_id);
        BOOST_TEST(a.at("id").is_null());
    }
    BOOST_TEST(error_code(c.answer(R"({"jsonrpc":"2.0","id":6,"method":7})")) == -32600);
    BOOST_TEST(error_code(c.answer(R"({"jsonrpc":"2.0","id":6})")) == -32600);
}

BOOST_AUTO_TEST_CASE(unknown_method_gets_method_not_found_naming_it)
{
    session_client c(memory_server());
    c.initialize();
    auto a = c.answer(request_text(3, "frobnicate"));
    BOOST_TEST(error_code(a) == -32601);
    BOOST_TEST(error_message(a).find("frobnicate") != std::string::npos);
    BOOST_TEST(error_code(c.answer(request_text(4, "resources/list"))) == -32601);
}

BOOST_AUTO_TEST_CASE(params_that_are_not_an_object_get_invalid_params)
{
    session_client c(memory_server());
    c.initialize();
    auto a = c.answer(R"({"jsonrpc":"2.0","id":9,"method":"tools/list","params":[1,2]})");
    BOOST_TEST(error_code(a) == -32602);
    BOOST_TEST(a.at("id").as_int64() == 9);
}

BOOST_AUTO_TEST_CASE(set_level_accepts_syslog_levels_only)
{
    session_client c(memory_server());
    c.initialize();
    auto ok = c.answer(request_text(1, "logging/setLevel", {{"level", "debug"}}));
    BOOST_TEST(ok.at("result").as_object().empty());
    auto bad = c.answer(request_text(2, "logging/setLevel", {{"level", "verbose"}}));
    BOOST_TEST(error_code(bad) == -32602);
    BOOST_TEST(error_code(c.answer(request_text(3, "logging/setLevel"))) == -32602);
}

BOOST_AUTO_TEST_CASE(tools_list_gives_schemas_titles_and_annotations)
{
    session_client c(memory_server());
    c.initialize();
    auto tools = c.answer(request_text(1, "tools/list")).at("result").at("tools").as_array();
    const auto& defs = c.server.tools().definitions();
    BOOST_REQUIRE_EQUAL(tools.size(), defs.size());
    std::map<std::string, json::object> by_name;
    for (std::size_t i = 0; i < tools.size(); ++i)
    {
        const auto& t = tools[i].as_object();
        BOOST_TEST(t.at("name").as_string() == defs[i].name);
        BOOST_TEST(t.at("description").as_string() == defs[i].description);
        BOOST_TEST(t.at("inputSchema") == json::parse(defs[i].input_schema));
        BOOST_TEST(t.at("inputSchema").at("type").as_string() == "object");
        BOOST_TEST(!t.at("title").as_string().empty());
        by_name[defs[i].name] = t;
    }
    for (std::string ro : {"ls", "read_file", "glob", "grep"})
    {
        const auto& a = by_name.at(ro).at("annotations");
        BOOST_TEST(a.at("readOnlyHint").as_bool(), ro);
        BOOST_TEST(a.at("openWorldHint").as_bool() == false, ro);
    }
    for (std::string rw : {"write_file", "edit_file"})
    {
        const auto& a = by_name.at(rw).at("annotations");
        BOOST_TEST(a.at("readOnlyHint").as_bool() == false, rw);
        BOOST_TEST(a.at("destructiveHint").as_bool(), rw);
        BOOST_TEST(a.at("openWorldHint").as_bool() == false, rw);
    }
    BOOST_TEST(by_name.at("execute").at("annotations").at("destructiveHint").as_bool());
}

BOOST_AUTO_TEST_CASE(log_receives_a_start_line_and_one_line_per_message)
{
    std::vector<std::string> lines;
    mcp_server_options opts{.log = [&](std::string_view line) { lines.emplace_back(line); }};
    session_client c(memory_server({{"/a.txt", "hi\n"}}, {}, opts));
    BOOST_REQUIRE_EQUAL(lines.size(), 1u);
    BOOST_TEST(lines[0].rfind("session start agent-backends ", 0) == 0);
    c.initialize();
    c.send(notification_text("notifications/initialized"));
    c.call("read_file", {{"path", "/a.txt"}});
    c.call("read_file", {{"path", "/missing.txt"}});
    c.answer(request_text(1, "frobnicate"));
    c.answer("{");
    BOOST_REQUIRE_EQUAL(lines.size(), 7u);
    auto matches = [](const std::string& line, const std::string& head, const std::string& tail) {
        return line.rfind(head, 0) == 0 && line.size() >= tail.size() &&
               line.compare(line.size() - tail.size(), tail.size(), tail) == 0 &&
               line.find(" ms ") != std::string::npos;
    };
    BOOST_TEST(matches(lines[1], "initialize test-client ", " ms ok"), lines[1]);
    BOOST_TEST(matches(lines[2], "notifications/initialized - ", " ms ok"), lines[2]);
    BOOST_TEST(matches(lines[3], "tools/call read_file ", " ms ok"), lines[3]);
    BOOST_TEST(matches(lines[4], "tools/call read_file ", " ms tool-error"), lines[4]);
    BOOST_TEST(matches(lines[5], "frobnicate - ", " ms error -32601"), lines[5]);
    BOOST_TEST(matches(lines[6], "invalid - ", " ms error -32700"), lines[6]);
}

BOOST_AUTO_TEST_CASE(closed_session_refuses_requests)
{
    session_client c(memory_server());
    c.initialize();
    c.session->close();
    auto a = c.answer(request_text(1, "tools/list"));
    BOOST_TEST(error_code(a) == -32600);
    BOOST_TEST(error_message(a).find("closed") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
