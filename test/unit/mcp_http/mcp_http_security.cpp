// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// mcp_http_server: the Origin and Host checks (DNS rebinding) and the bearer token.
#include "common/printers.hpp"
#include "http_test_client.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace agent_backends;
using namespace agent_backends::test;

namespace {

const std::string initialize_body =
    R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",)"
    R"("capabilities":{},"clientInfo":{"name":"unit","version":"1"}}})";

}  // namespace

BOOST_AUTO_TEST_SUITE(mcp_http_security)

BOOST_AUTO_TEST_CASE(foreign_origin_gets_403_and_local_ones_are_served)
{
    served_workspace w({.allowed_origins = {"https://app.example.com"}});
    http_connection conn(w.port());
    auto req = conn.request(http::verb::post, initialize_body);
    req.set(http::field::origin, "http://evil.example.com");
    auto refused = conn.exchange(req);
    BOOST_TEST(refused.status == 403u);
    BOOST_TEST(std::string(refused.json().at("error").at("message").as_string()) ==
               "Forbidden: Origin 'http://evil.example.com' is not allowed");
    for (const char* origin :
         {"http://localhost:3000", "https://127.0.0.1", "http://[::1]:9", "https://app.example.com"})
    {
        req.set(http::field::origin, origin);
        BOOST_TEST(conn.exchange(req).status == 200u, origin);
    }
}

BOOST_AUTO_TEST_CASE(foreign_host_on_a_loopback_listener_gets_403)
{
    served_workspace w;
    http_connection conn(w.port());
    auto req = conn.request(http::verb::post, initialize_body);
    req.set(http::field::host, "evil.example.com:" + std::to_string(w.port()));
    req.set(http::field::origin, "http://evil.example.com:" + std::to_string(w.port()));
    BOOST_TEST(conn.exchange(req).status == 403u);
    req.erase(http::field::origin);
    BOOST_TEST(conn.exchange(req).status == 403u);
    req.set(http::field::host, "localhost:" + std::to_string(w.port()));
    req.set(http::field::origin, "http://localhost:" + std::to_string(w.port()));
    BOOST_TEST(conn.exchange(req).status == 200u);
}

BOOST_AUTO_TEST_CASE(bearer_token_is_required_when_configured)
{
    served_workspace w({.bearer_token = "s3cret"});
    http_connection conn(w.port());
    auto req = conn.request(http::verb::post, initialize_body);
    auto missing = conn.exchange(req);
    BOOST_TEST(missing.status == 401u);
    BOOST_TEST(missing.header("WWW-Authenticate") == "Bearer");
    req.set(http::field::authorization, "Bearer wrong");
    auto wrong = conn.exchange(req);
    BOOST_TEST(wrong.status == 401u);
    BOOST_TEST(wrong.header("WWW-Authenticate").rfind("Bearer", 0) == 0u);
    req.set(http::field::authorization, "Bearer s3cret");
    auto right = conn.exchange(req);
    BOOST_TEST(right.status == 200u);
    BOOST_TEST(right.header("Mcp-Session-Id").size() == 32u);
}

BOOST_AUTO_TEST_SUITE_END()
