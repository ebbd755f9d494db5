// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/json_rpc.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

using namespace agent_backends::detail;
namespace json = boost::json;

BOOST_AUTO_TEST_SUITE(json_rpc)

BOOST_AUTO_TEST_CASE(request_notification_and_response_are_told_apart)
{
    auto req =
        parse_rpc_message(R"({"jsonrpc":"2.0","id":"a","method":"tools/list","params":{"cursor":"x"}})");
    BOOST_TEST((req.kind == rpc_kind::request));
    BOOST_TEST(req.id.as_string() == "a");
    BOOST_TEST(req.method == "tools/list");
    BOOST_TEST(req.params.at("cursor").as_string() == "x");

    auto note = parse_rpc_message(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
    BOOST_TEST((note.kind == rpc_kind::notification));
    BOOST_TEST(note.params.empty());

    auto res = parse_rpc_message(R"({"jsonrpc":"2.0","id":"elicit-1","result":{"action":"accept"}})");
    BOOST_TEST((res.kind == rpc_kind::response));
    BOOST_TEST(!res.is_error_response);
    BOOST_TEST(res.result.at("action").as_string() == "accept");

    auto err = parse_rpc_message(R"({"jsonrpc":"2.0","id":3,"error":{"code":-1,"message":"x"}})");
    BOOST_TEST((err.kind == rpc_kind::response));
    BOOST_TEST(err.is_error_response);
}

BOOST_AUTO_TEST_CASE(an_error_response_with_null_id_is_a_response_not_answered)
{
    auto m = parse_rpc_message(R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"x"}})");
    BOOST_TEST((m.kind == rpc_kind::response));
}

BOOST_AUTO_TEST_CASE(integer_ids_keep_their_type_in_keys)
{
    auto num = parse_rpc_message(R"({"jsonrpc":"2.0","id":1,"method":"ping"})");
    auto str = parse_rpc_message(R"({"jsonrpc":"2.0","id":"1","method":"ping"})");
    BOOST_TEST(rpc_id_key(num.id) != rpc_id_key(str.id));
    auto big = parse_rpc_message(R"({"jsonrpc":"2.0","id":18446744073709551615,"method":"ping"})");
    BOOST_TEST((big.kind == rpc_kind::request));
}

BOOST_AUTO_TEST_CASE(invalid_messages_carry_code_and_usable_id)
{
    BOOST_TEST(parse_rpc_message("{").error_code == rpc_code::parse_error);
    BOOST_TEST(parse_rpc_message("[]").error_code == rpc_code::invalid_request);
    BOOST_TEST(parse_rpc_message("null").error_code == rpc_code::invalid_request);
    auto bad_params = parse_rpc_message(R"({"jsonrpc":"2.0","id":2,"method":"x","params":"p"})");
    BOOST_TEST(bad_params.error_code == rpc_code::invalid_params);
    BOOST_TEST(bad_params.id.as_int64() == 2);
    // A notification with odd params is still a notification (never answered).
    auto note = parse_rpc_message(R"({"jsonrpc":"2.0","method":"x","params":"p"})");
    BOOST_TEST((note.kind == rpc_kind::notification));
}

BOOST_AUTO_TEST_CASE(builders_write_json_rpc_envelopes)
{
    BOOST_TEST(json::parse(rpc_result(7, json::object{{"a", 1}})) ==
               json::parse(R"({"jsonrpc":"2.0","id":7,"result":{"a":1}})"));
    BOOST_TEST(json::parse(rpc_error(nullptr, -32700, "bad")) ==
               json::parse(R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad"}})"));
    BOOST_TEST(json::parse(rpc_notification("n", {})) ==
               json::parse(R"({"jsonrpc":"2.0","method":"n","params":{}})"));
    BOOST_TEST(json::parse(rpc_request("e-1", "m", {{"k", true}})) ==
               json::parse(R"({"jsonrpc":"2.0","id":"e-1","method":"m","params":{"k":true}})"));
}

BOOST_AUTO_TEST_SUITE_END()
