// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// What the transport reads from a message and the texts it writes itself, without sockets.
#include "mcp/http/message_text.hpp"

#include "mcp/http/session_id.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

using namespace agent_backends::detail::mcp_http;

BOOST_AUTO_TEST_SUITE(mcp_http_message_text)

BOOST_AUTO_TEST_CASE(outline_tells_initialize_requests_and_malformed_bodies)
{
    auto init = outline_message(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})");
    BOOST_TEST((init.well_formed && init.initialize && init.request));
    auto list = outline_message(R"({"jsonrpc":"2.0","id":"a","method":"tools/list"})");
    BOOST_TEST((list.well_formed && !list.initialize && list.request));
    auto note = outline_message(R"({"jsonrpc":"2.0","method":"initialize"})");
    BOOST_TEST((note.well_formed && !note.initialize && !note.request));
    auto response = outline_message(R"({"jsonrpc":"2.0","id":3,"result":{}})");
    BOOST_TEST((response.well_formed && !response.request));
    auto batch = outline_message(R"([{"jsonrpc":"2.0","id":1,"method":"initialize"}])");
    BOOST_TEST((batch.well_formed && !batch.initialize));
    BOOST_TEST(!outline_message("{not json").well_formed);
    BOOST_TEST(!outline_message("").well_formed);
}

BOOST_AUTO_TEST_CASE(error_body_is_a_json_rpc_error_with_null_id)
{
    auto body = boost::json::parse(rpc_error_body(-32000, "Bad Request: \"x\""));
    BOOST_TEST(body.at("jsonrpc").as_string() == "2.0");
    BOOST_TEST(body.at("id").is_null());
    BOOST_TEST(body.at("error").at("code").as_int64() == -32000);
    BOOST_TEST(body.at("error").at("message").as_string() == "Bad Request: \"x\"");
}

BOOST_AUTO_TEST_CASE(event_carries_the_message_as_data_lines)
{
    BOOST_TEST(sse_event(R"({"a":1})") == "event: message\ndata: {\"a\":1}\n\n");
    BOOST_TEST(sse_event("{\n\"a\": 1\r\n}") == "event: message\ndata: {\ndata: \"a\": 1\ndata: }\n\n");
}

BOOST_AUTO_TEST_CASE(session_ids_are_128_bit_hex_and_distinct)
{
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i)
    {
        auto id = new_session_id();
        BOOST_TEST(id.size() == 32u);
        BOOST_TEST(id.find_first_not_of("0123456789abcdef") == std::string::npos);
        seen.insert(id);
    }
    BOOST_TEST(seen.size() == 1000u);
}

BOOST_AUTO_TEST_SUITE_END()
