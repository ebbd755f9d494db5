// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/mcp/mcp_server.hpp>
#include <agent_backends/state_backend.hpp>

#include "mcp_test_client.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace agent_backends;
using namespace agent_backends::test;

BOOST_AUTO_TEST_SUITE(mcp_session_tools)

BOOST_AUTO_TEST_CASE(call_writes_and_reads_through_the_toolset)
{
    auto store = std::make_shared<state_backend>();
    session_client c{mcp_server(console_toolset(store))};
    c.initialize();
    auto w = c.call("write_file", {{"path", "/a.txt"}, {"content", "one\ntwo\n"}});
    BOOST_TEST(!is_error_result(w));
    BOOST_TEST(first_text(w) == "Wrote 3 lines to /a.txt");
    BOOST_TEST(store->snapshot().at("/a.txt") == "one\ntwo\n");
    auto r = c.call("read_file", {{"path", "/a.txt"}});
    BOOST_TEST(r.at("content").as_array().size() == 1u);
    BOOST_TEST(r.at("content").at(0).at("type").as_string() == "text");
    BOOST_TEST(first_text(r).find("two") != std::string::npos);
    BOOST_TEST(r.at("isError").as_bool() == false);
}

BOOST_AUTO_TEST_CASE(call_without_arguments_uses_the_defaults)
{
    session_client c(memory_server({{"/d/x.txt", "x"}}));
    c.initialize();
    auto a = c.answer(request_text(1, "tools/call", {{"name", "ls"}}));
    BOOST_TEST(first_text(a.at("result").as_object()).find("d/") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(tool_failure_is_an_error_result)
{
    session_client c(memory_server());
    c.initialize();
    auto r = c.call("read_file", {{"path", "/missing.txt"}});
    BOOST_TEST(is_error_result(r));
    BOOST_TEST(first_text(r).rfind("Error: ", 0) == 0);
}

BOOST_AUTO_TEST_CASE(unknown_tool_gets_invalid_params_naming_it)
{
    session_client c(memory_server());
    c.initialize();
    auto a = c.answer(tool_call_text(7, "nope"));
    BOOST_TEST(error_code(a) == -32602);
    BOOST_TEST(error_message(a) == "Unknown tool: nope");
    BOOST_TEST(a.at("id").as_int64() == 7);
}

BOOST_AUTO_TEST_CASE(call_without_name_or_with_bad_arguments_gets_invalid_params)
{
    session_client c(memory_server());
    c.initialize();
    BOOST_TEST(error_code(c.answer(request_text(1, "tools/call"))) == -32602);
    BOOST_TEST(error_code(c.answer(request_text(2, "tools/call", {{"name", 5}}))) == -32602);
    BOOST_TEST(error_code(c.answer(request_text(3, "tools/call", {{"name", "ls"}, {"arguments", "x"}}))) ==
               -32602);
    BOOST_TEST(error_code(c.answer(request_text(4, "tools/call",
                                                {{"name", "ls"}, {"arguments", json::array{1}}}))) == -32602);
}

BOOST_AUTO_TEST_CASE(argument_mistakes_are_error_results_the_model_can_read)
{
    session_client c(memory_server());
    c.initialize();
    auto unknown = c.call("read_file", {{"path", "/a"}, {"colour", "red"}});
    BOOST_TEST(is_error_result(unknown));
    BOOST_TEST(first_text(unknown).find("colour") != std::string::npos, first_text(unknown));
    auto missing = c.call("write_file", {{"path", "/a"}});
    BOOST_TEST(is_error_result(missing));
    BOOST_TEST(first_text(missing).find("content") != std::string::npos, first_text(missing));
    auto mistyped = c.call("read_file", {{"path", "/a"}, {"offset", "ten"}});
    BOOST_TEST(is_error_result(mistyped));
}

BOOST_AUTO_TEST_CASE(image_is_returned_as_base64_image_content)
{
    const std::string png("\x89PNG\r\n\x1a\n\0\x01\x02", 11);
    session_client c(memory_server({{"/pic.png", png}}, {.image_support = true}));
    c.initialize();
    auto r = c.call("read_file", {{"path", "/pic.png"}});
    BOOST_TEST(!is_error_result(r));
    const auto& content = r.at("content").as_array();
    BOOST_REQUIRE_EQUAL(content.size(), 2u);
    BOOST_TEST(content[0].at("type").as_string() == "text");
    BOOST_TEST(content[1].at("type").as_string() == "image");
    BOOST_TEST(content[1].at("mimeType").as_string() == "image/png");
    BOOST_TEST(content[1].at("data").as_string() == "iVBORw0KGgoAAQI=");
}

BOOST_AUTO_TEST_CASE(pdf_is_returned_as_an_embedded_resource_blob)
{
    const std::string pdf = "%PDF-1.4\n%\xe2\xe3\n";
    session_client c(memory_server({{"/docs/a b.pdf", pdf}}, {.document_support = true}));
    c.initialize();
    auto r = c.call("read_file", {{"path", "/docs/a b.pdf"}});
    BOOST_TEST(!is_error_result(r), first_text(r));
    const auto& content = r.at("content").as_array();
    BOOST_REQUIRE_EQUAL(content.size(), 2u);
    BOOST_TEST(content[1].at("type").as_string() == "resource");
    const auto& res = content[1].at("resource");
    BOOST_TEST(res.at("uri").as_string() == "file:///docs/a%20b.pdf");
    BOOST_TEST(res.at("mimeType").as_string() == "application/pdf");
    BOOST_TEST(res.at("blob").as_string() == "JVBERi0xLjQKJeLjCg==");
}

BOOST_AUTO_TEST_CASE(without_elicitation_an_ask_rule_answers_permission_required)
{
    console_options console{.permissions = permission_ruleset{
                                .default_action = permission_action::allow,
                                .write = operation_permissions{.default_action = permission_action::ask}}};
    auto store = std::make_shared<state_backend>();
    session_client c{mcp_server(console_toolset(store, console))};
    c.initialize();
    auto r = c.call("write_file", {{"path", "/a.txt"}, {"content", "x"}});
    BOOST_TEST(is_error_result(r));
    BOOST_TEST(first_text(r).find("Permission required for write on ") != std::string::npos, first_text(r));
    BOOST_TEST(c.interim.empty());
    BOOST_TEST(!store->snapshot().contains("/a.txt"));
}

BOOST_AUTO_TEST_SUITE_END()
