// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// The header checks of the Streamable HTTP transport, without sockets.
#include "mcp/http/request_checks.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace agent_backends::detail::mcp_http;

BOOST_AUTO_TEST_SUITE(mcp_http_request_checks)

BOOST_AUTO_TEST_CASE(loopback_hosts_are_recognised_with_and_without_port)
{
    for (const char* host :
         {"localhost", "LOCALHOST:8080", "127.0.0.1", "127.0.0.1:1", "[::1]", "[::1]:65535"})
        BOOST_TEST(is_loopback_host(host), host);
    for (const char* host : {"evil.example.com", "localhost.evil.com", "127.0.0.2", "::1", "[::1]x",
                             "localhost:", "localhost:http", "127.0.0.1:80:80", "", "[::2]:80"})
        BOOST_TEST(!is_loopback_host(host), host);
}

BOOST_AUTO_TEST_CASE(origin_of_a_loopback_host_is_allowed_on_any_port_and_scheme)
{
    std::vector<std::string> none;
    BOOST_TEST(origin_allowed("http://localhost:3000", none));
    BOOST_TEST(origin_allowed("https://127.0.0.1", none));
    BOOST_TEST(origin_allowed("http://[::1]:8080/", none));
    BOOST_TEST(!origin_allowed("http://evil.example.com", none));
    BOOST_TEST(!origin_allowed("http://localhost.evil.example.com", none));
    BOOST_TEST(!origin_allowed("null", none));
    BOOST_TEST(!origin_allowed("file://localhost", none));
    BOOST_TEST(!origin_allowed("http://localhost/path", none));
}

BOOST_AUTO_TEST_CASE(allowed_origins_match_exactly_without_case_or_trailing_slash)
{
    std::vector<std::string> allowed{"https://app.example.com"};
    BOOST_TEST(origin_allowed("https://app.example.com", allowed));
    BOOST_TEST(origin_allowed("HTTPS://APP.example.com/", allowed));
    BOOST_TEST(!origin_allowed("http://app.example.com", allowed));
    BOOST_TEST(!origin_allowed("https://app.example.com:8443", allowed));
}

BOOST_AUTO_TEST_CASE(host_must_be_loopback_or_the_host_of_an_allowed_origin)
{
    std::vector<std::string> allowed{"https://app.example.com"};
    BOOST_TEST(host_allowed("127.0.0.1:4000", {}));
    BOOST_TEST(!host_allowed("evil.example.com:4000", {}));
    BOOST_TEST(host_allowed("app.example.com:4000", allowed));
    BOOST_TEST(!host_allowed("other.example.com", allowed));
}

BOOST_AUTO_TEST_CASE(accept_header_names_json_event_stream_or_wildcards)
{
    auto both = parse_accept("application/json, text/event-stream");
    BOOST_TEST((both.json && both.event_stream));
    auto absent = parse_accept("");
    BOOST_TEST((absent.json && absent.event_stream));
    auto any = parse_accept("*/*;q=0.8");
    BOOST_TEST((any.json && any.event_stream));
    auto json_only = parse_accept("Application/JSON; charset=utf-8");
    BOOST_TEST((json_only.json && !json_only.event_stream));
    auto sse_only = parse_accept("text/*");
    BOOST_TEST((!sse_only.json && sse_only.event_stream));
    auto html = parse_accept("text/html");
    BOOST_TEST((!html.json && !html.event_stream));
    auto refused = parse_accept("application/json;q=0, text/html");
    BOOST_TEST(!refused.json);
}

BOOST_AUTO_TEST_CASE(get_stream_needs_event_stream_named)
{
    BOOST_TEST(names_event_stream("text/event-stream"));
    BOOST_TEST(names_event_stream("application/json, TEXT/EVENT-STREAM;q=0.5"));
    BOOST_TEST(!names_event_stream("*/*"));
    BOOST_TEST(!names_event_stream("text/event-stream;q=0"));
    BOOST_TEST(!names_event_stream(""));
}

BOOST_AUTO_TEST_CASE(content_type_must_be_json_with_any_parameters)
{
    BOOST_TEST(is_json_content_type("application/json"));
    BOOST_TEST(is_json_content_type("application/json; charset=utf-8"));
    BOOST_TEST(is_json_content_type(" Application/Json "));
    BOOST_TEST(!is_json_content_type("text/plain"));
    BOOST_TEST(!is_json_content_type("application/jsonx"));
    BOOST_TEST(!is_json_content_type(""));
}

BOOST_AUTO_TEST_CASE(bearer_token_must_match_exactly)
{
    BOOST_TEST(bearer_matches("Bearer s3cret", "s3cret"));
    BOOST_TEST(bearer_matches("bearer   s3cret ", "s3cret"));
    BOOST_TEST(!bearer_matches("Bearer s3cre", "s3cret"));
    BOOST_TEST(!bearer_matches("Bearer s3cretx", "s3cret"));
    BOOST_TEST(!bearer_matches("Basic s3cret", "s3cret"));
    BOOST_TEST(!bearer_matches("s3cret", "s3cret"));
    BOOST_TEST(!bearer_matches("Bearer ", ""));
}

BOOST_AUTO_TEST_SUITE_END()
