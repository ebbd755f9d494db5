// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// mcp_http_server: sessions, plain JSON answers, and refusals of requests that do not follow the transport.
#include "common/printers.hpp"
#include "http_test_client.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <thread>

using namespace agent_backends;
using namespace agent_backends::test;

namespace {

std::string error_message(const http_reply& r)
{
    return std::string(r.json().at("error").at("message").as_string());
}
std::int64_t error_code(const http_reply& r)
{
    return r.json().at("error").at("code").as_int64();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mcp_http_sessions)

BOOST_AUTO_TEST_CASE(initialize_answers_json_with_a_new_session_id)
{
    served_workspace w;
    mcp_client a(w.port()), b(w.port());
    auto first = a.initialize();
    BOOST_TEST(first.status == 200u);
    BOOST_TEST(first.content_type() == "application/json");
    BOOST_TEST(first.json().at("id").as_int64() == 0);
    BOOST_TEST(first.json().at("result").at("protocolVersion").as_string() == "2025-06-18");
    BOOST_TEST(a.session().size() == 32u);
    BOOST_TEST(a.session().find_first_not_of("0123456789abcdef") == std::string::npos);
    b.initialize();
    BOOST_TEST(b.session() != a.session());
}

BOOST_AUTO_TEST_CASE(tools_list_and_tools_call_answer_json_within_the_session)
{
    served_workspace w;
    mcp_client c(w.port());
    c.initialize();
    auto list = c.call("tools/list");
    BOOST_TEST(list.status == 200u);
    BOOST_TEST(list.content_type() == "application/json");
    BOOST_TEST(list.header("Mcp-Session-Id") == c.session());
    auto tools = list.json().at("result").at("tools").as_array();
    BOOST_TEST(tools.size() == 7u);

    auto wrote =
        c.call("tools/call", R"({"name":"write_file","arguments":{"path":"a.txt","content":"hi\n"}})");
    BOOST_TEST(wrote.status == 200u);
    auto text = wrote.json().at("result").at("content").at(0).at("text").as_string();
    BOOST_TEST(text == "Wrote 2 lines to /a.txt");
    BOOST_TEST(w.dir.read("a.txt") == "hi\n");

    auto ran = c.call("tools/call", R"({"name":"execute","arguments":{"command":"echo hello"}})");
    BOOST_TEST(ran.status == 200u);
    BOOST_TEST(
        std::string(ran.json().at("result").at("content").at(0).at("text").as_string()).find("hello") !=
        std::string::npos);
}

BOOST_AUTO_TEST_CASE(notification_and_response_get_202_without_body)
{
    served_workspace w;
    mcp_client c(w.port());
    c.initialize();
    auto note = c.post(R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":99}})");
    BOOST_TEST(note.status == 202u);
    BOOST_TEST(note.body.empty());
    auto answer = c.post(R"({"jsonrpc":"2.0","id":"nobody-asked","result":{}})");
    BOOST_TEST(answer.status == 202u);
    BOOST_TEST(answer.body.empty());
}

BOOST_AUTO_TEST_CASE(request_without_session_id_gets_400_and_unknown_one_gets_404)
{
    served_workspace w;
    mcp_client c(w.port());
    c.initialize();
    auto missing = c.post(c.request_text("tools/list"), "");
    BOOST_TEST(missing.status == 400u);
    BOOST_TEST(error_message(missing) == "Bad Request: Mcp-Session-Id header is required");
    BOOST_TEST(missing.json().at("id").is_null());
    auto unknown = c.post(c.request_text("tools/list"), std::string(32, '0'));
    BOOST_TEST(unknown.status == 404u);
    BOOST_TEST(error_code(unknown) == -32001);
    BOOST_TEST(c.call("ping").status == 200u);
}

BOOST_AUTO_TEST_CASE(delete_ends_the_session_and_its_id_then_gets_404)
{
    served_workspace w;
    mcp_client c(w.port());
    c.initialize();
    auto& conn = c.connection();
    BOOST_TEST(conn.exchange(conn.request(http::verb::delete_, {}, c.session())).status == 200u);
    BOOST_TEST(c.call("ping").status == 404u);
    BOOST_TEST(conn.exchange(conn.request(http::verb::delete_, {}, c.session())).status == 404u);
}

BOOST_AUTO_TEST_CASE(unsupported_protocol_version_header_gets_400)
{
    served_workspace w;
    mcp_client c(w.port());
    c.initialize();
    auto& conn = c.connection();
    auto req = conn.request(http::verb::post, c.request_text("ping"), c.session());
    req.set("MCP-Protocol-Version", "1999-01-01");
    auto refused = conn.exchange(req);
    BOOST_TEST(refused.status == 400u);
    BOOST_TEST(error_message(refused).find("Unsupported protocol version: 1999-01-01") != std::string::npos);
    req.set("MCP-Protocol-Version", "2025-03-26");
    BOOST_TEST(conn.exchange(req).status == 200u);
}

BOOST_AUTO_TEST_CASE(wrong_content_type_gets_415_and_unacceptable_accept_406)
{
    served_workspace w;
    mcp_client c(w.port());
    c.initialize();
    auto& conn = c.connection();
    auto req = conn.request(http::verb::post, c.request_text("ping"), c.session());
    req.set(http::field::content_type, "text/plain");
    BOOST_TEST(conn.exchange(req).status == 415u);
    req.set(http::field::content_type, "application/json; charset=utf-8");
    req.set(http::field::accept, "text/html");
    BOOST_TEST(conn.exchange(req).status == 406u);
    req.erase(http::field::accept);  // no Accept at all: taken as accepting anything
    auto lenient = conn.exchange(req);
    BOOST_TEST(lenient.status == 200u);
    BOOST_TEST(lenient.content_type() == "application/json");
}

BOOST_AUTO_TEST_CASE(body_over_the_limit_gets_413_and_the_server_serves_on)
{
    served_workspace w({.max_body_bytes = 1024});
    mcp_client c(w.port());
    c.initialize();
    std::string big =
        R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":")" + std::string(4096, 'x') + "\"}}";
    auto refused = c.post(big);
    BOOST_TEST(refused.status == 413u);
    mcp_client again(w.port());
    BOOST_TEST(again.post(again.request_text("ping"), c.session()).status == 200u);
}

BOOST_AUTO_TEST_CASE(malformed_json_gets_a_parse_error_and_the_connection_serves_on)
{
    served_workspace w;
    mcp_client c(w.port());
    c.initialize();
    auto broken = c.post(R"({"jsonrpc":"2.0","id":1,"method":)");
    BOOST_TEST(broken.status == 400u);
    BOOST_TEST(error_code(broken) == -32700);
    BOOST_TEST(broken.json().at("id").is_null());
    auto list = c.call("tools/list");
    BOOST_TEST(list.status == 200u);
    BOOST_TEST(list.json().at("result").at("tools").as_array().size() == 7u);
}

BOOST_AUTO_TEST_CASE(other_paths_get_404_and_other_methods_405)
{
    served_workspace w;
    http_connection conn(w.port());
    auto req = conn.request(http::verb::post, R"({"jsonrpc":"2.0","id":1,"method":"ping"})");
    req.target("/other");
    BOOST_TEST(conn.exchange(req).status == 404u);
    auto put = conn.request(http::verb::put, "{}");
    auto refused = conn.exchange(put);
    BOOST_TEST(refused.status == 405u);
    BOOST_TEST(refused.header("Allow") == "GET, POST, DELETE");
}

BOOST_AUTO_TEST_CASE(idle_session_is_closed_after_the_timeout)
{
    served_workspace w({.session_idle_timeout = std::chrono::seconds(1)});
    mcp_client idle(w.port());
    idle.initialize();
    BOOST_TEST(idle.call("ping").status == 200u);
    // The behaviour under test is time itself: wait past the limit plus one sweep period.
    std::this_thread::sleep_for(std::chrono::milliseconds(1800));
    BOOST_TEST(idle.call("ping").status == 404u);
}

BOOST_AUTO_TEST_CASE(concurrent_posts_of_one_session_are_all_answered)
{
    served_workspace w;
    mcp_client c(w.port());
    c.initialize();
    std::vector<std::unique_ptr<http_connection>> conns;
    for (int i = 0; i < 3; ++i)
    {
        conns.push_back(std::make_unique<http_connection>(w.port()));
        conns.back()->send(
            conns.back()->request(http::verb::post, c.request_text("tools/list"), c.session()));
    }
    for (auto& conn : conns)
    {
        auto reply = conn->receive();
        BOOST_TEST(reply.status == 200u);
        BOOST_TEST(reply.json().at("result").at("tools").as_array().size() == 7u);
    }
}

BOOST_AUTO_TEST_SUITE_END()
