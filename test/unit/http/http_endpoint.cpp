// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/http/http_endpoint.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace agent_backends;
using agent_backends::test::error_of;

namespace agent_backends {
inline std::ostream& operator<<(std::ostream& os, http_transport t)
{
    return os << static_cast<int>(t);
}
}  // namespace agent_backends

BOOST_AUTO_TEST_SUITE(http_endpoint_parse)

BOOST_AUTO_TEST_CASE(unix_urls_name_the_socket_path)
{
    for (auto url :
         {"unix:///var/run/docker.sock", "unix:/var/run/docker.sock", "UNIX:///var/run/docker.sock"})
    {
        auto ep = http_endpoint::parse(url);
        BOOST_TEST(ep.transport == http_transport::unix_socket);
        BOOST_TEST(ep.socket_path == "/var/run/docker.sock");
        BOOST_TEST(ep.url() == "unix:///var/run/docker.sock");
    }
}

BOOST_AUTO_TEST_CASE(http_and_tcp_urls_are_plain_tcp_with_their_default_ports)
{
    auto a = http_endpoint::parse("http://example.com");
    BOOST_TEST(a.transport == http_transport::tcp);
    BOOST_TEST(a.host == "example.com");
    BOOST_TEST(a.port == 80);
    BOOST_TEST(a.base_path == "");

    auto b = http_endpoint::parse("tcp://10.0.0.5");
    BOOST_TEST(b.transport == http_transport::tcp);
    BOOST_TEST(b.port == 2375);
    BOOST_TEST(b.url() == "http://10.0.0.5:2375");

    auto c = http_endpoint::parse("tcp://127.0.0.1:2376");
    BOOST_TEST(c.port == 2376);
}

BOOST_AUTO_TEST_CASE(https_urls_use_tls_and_keep_a_base_path)
{
    auto ep = http_endpoint::parse("https://app.daytona.io/api/");
    BOOST_TEST(ep.transport == http_transport::tls);
    BOOST_TEST(ep.host == "app.daytona.io");
    BOOST_TEST(ep.port == 443);
    BOOST_TEST(ep.base_path == "/api");
    BOOST_TEST(ep.url() == "https://app.daytona.io:443/api");
    BOOST_TEST(http_endpoint::parse("https://k8s:6443/").base_path == "");
}

BOOST_AUTO_TEST_CASE(ipv6_literals_are_bracketed_in_urls_only)
{
    auto ep = http_endpoint::parse("http://[::1]:8080/v1");
    BOOST_TEST(ep.host == "::1");
    BOOST_TEST(ep.port == 8080);
    BOOST_TEST(ep.base_path == "/v1");
    BOOST_TEST(ep.url() == "http://[::1]:8080/v1");
    BOOST_TEST(http_endpoint::parse("https://[fe80::1]").port == 443);
}

BOOST_AUTO_TEST_CASE(malformed_urls_fail_invalid_argument_with_the_accepted_forms)
{
    for (auto url : {"ftp://host", "npipe:////./pipe/docker_engine", "host:2375", "noscheme", "http:/host",
                     "http://", "http://:80", "http://host:0", "http://host:65536", "http://host:12ab",
                     "http://host:", "http://user@host", "http://[::1", "http://host/?q=1", "http://host/#f",
                     "unix://", "unix:", "http://host/a b"})
    {
        std::string message;
        BOOST_TEST(error_of([&] { http_endpoint::parse(url); }, message) == errc::invalid_argument, url);
        BOOST_TEST(message.starts_with("Invalid endpoint URL '" + std::string(url) + "': "), message);
        BOOST_TEST(
            message.ends_with("Use unix:///path/to.sock, http://host:port, https://host:port or "
                              "tcp://host:port"));
    }
}

BOOST_AUTO_TEST_SUITE_END()
