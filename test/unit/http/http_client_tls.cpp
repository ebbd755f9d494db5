// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/http/http_client.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "http_test_support.hpp"
#include "fakes/common/tls_test_certificates.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace agent_backends;
using namespace agent_backends::test;
namespace asio = boost::asio;
using kind = test_server::transport;

namespace {

bool certificates_available()
{
    const auto& c = test_certificates();
    if (!c.available)
        BOOST_TEST_MESSAGE("skipped: " << c.why_not);
    return c.available;
}

// Runs one GET against an HTTPS server with the test certificates; returns the body.
std::string https_get(tls_options tls, std::string_view host_override = {}, bool require_client_cert = false)
{
    const auto& c = test_certificates();
    auto server_tls = make_server_tls(c.server_cert, c.server_key, require_client_cert ? c.ca_cert : "");
    return run_task([&]() -> task<std::string> {
        auto ex = co_await asio::this_coro::executor;
        test_server server(ex, kind::tcp, answer_every_request(http_reply(200, "secret")), {},
                           server_tls.get());
        auto ep = server.endpoint();
        if (!host_override.empty())
            ep.host = std::string(host_override);
        http_client client(ex, ep, {.tls = tls});
        auto r = co_await client.request({.target = "/api/v1/namespaces"});
        co_return r.body;
    }());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(http_client_tls)

BOOST_AUTO_TEST_CASE(verification_fails_without_the_servers_ca)
{
    if (!certificates_available())
        return;
    std::string message;
    auto code = error_of([&] { https_get({}); }, message);
    BOOST_TEST(code == errc::unavailable);
    BOOST_TEST(message.starts_with("Cannot connect to https://127.0.0.1:"));
    BOOST_TEST(message.find("TLS certificate verification failed: unable to get local issuer certificate") !=
                   std::string::npos,
               message);
}

BOOST_AUTO_TEST_CASE(verification_succeeds_with_the_ca_as_file_or_pem)
{
    if (!certificates_available())
        return;
    const auto& c = test_certificates();
    BOOST_TEST(https_get({.ca_file = c.ca_cert}) == "secret");
    BOOST_TEST(https_get({.ca_pem = c.ca_pem}) == "secret");
}

BOOST_AUTO_TEST_CASE(host_name_is_verified_and_sent_as_sni)
{
    if (!certificates_available())
        return;
    const auto& c = test_certificates();
    BOOST_TEST(https_get({.ca_file = c.ca_cert}, "localhost") == "secret");  // DNS name in the certificate
    std::string message;
    auto code = error_of([&] { https_get({.ca_file = c.ca_cert, .server_name = "other.example"}); }, message);
    BOOST_TEST(code == errc::unavailable);
    BOOST_TEST(message.find("hostname mismatch") != std::string::npos, message);
    BOOST_TEST(https_get({.ca_file = c.ca_cert, .server_name = "localhost"}) == "secret");
}

BOOST_AUTO_TEST_CASE(verification_off_accepts_any_certificate)
{
    if (!certificates_available())
        return;
    BOOST_TEST(https_get({.verify_peer = false}) == "secret");
    BOOST_TEST(https_get({.verify_peer = false, .server_name = "other.example"}) == "secret");
}

BOOST_AUTO_TEST_CASE(client_certificate_is_presented_when_the_server_requires_one)
{
    if (!certificates_available())
        return;
    const auto& c = test_certificates();
    BOOST_TEST(
        https_get({.ca_file = c.ca_cert, .client_cert_file = c.client_cert, .client_key_file = c.client_key},
                  {}, true) == "secret");
    auto code = error_of([&] { https_get({.ca_file = c.ca_cert}, {}, true); });
    BOOST_TEST(code == errc::unavailable);
}

BOOST_AUTO_TEST_CASE(unloadable_ca_file_fails_invalid_argument_at_construction)
{
    std::string message;
    auto code = error_of(
        [&] {
            asio::io_context io;
            http_client client(io.get_executor(), http_endpoint::parse("https://localhost"),
                               {.tls = {.ca_file = "/nonexistent/ca.pem"}});
        },
        message);
    BOOST_TEST(code == errc::invalid_argument);
    BOOST_TEST(message.starts_with("Cannot load the TLS CA file /nonexistent/ca.pem: "));
}

BOOST_AUTO_TEST_CASE(keep_alive_works_over_tls)
{
    if (!certificates_available())
        return;
    const auto& c = test_certificates();
    auto server_tls = make_server_tls(c.server_cert, c.server_key);
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        test_server server(ex, kind::tcp, answer_every_request(http_reply(200, "again")), {},
                           server_tls.get());
        http_client client(ex, server.endpoint(), {.tls = {.ca_file = c.ca_cert}});
        for (int i = 0; i < 10; ++i)
            BOOST_TEST((co_await client.request({})).body == "again");
        BOOST_TEST(server.accepted() == 1);
    }());
}

BOOST_AUTO_TEST_CASE(upgrade_works_over_tls)
{
    if (!certificates_available())
        return;
    const auto& c = test_certificates();
    auto server_tls = make_server_tls(c.server_cert, c.server_key);
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        auto handler = [](server_connection& conn) -> task<void> {
            co_await conn.read_request();
            co_await conn.write("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\nearly");
            char buffer[5];
            auto n = co_await conn.read_some(buffer);
            co_await conn.write("echo:" + std::string(buffer, n));
        };
        test_server server(ex, kind::tcp, handler, {}, server_tls.get());
        http_client client(ex, server.endpoint(), {.tls = {.ca_file = c.ca_cert}});
        auto s = co_await client.upgrade({.method = "POST", .target = "/exec/x/start"});
        std::string got;
        char buffer[64];
        got.append(buffer, co_await s.read_some(buffer));
        BOOST_TEST(got == "early");
        co_await s.write("hello");
        got.clear();
        while (got.size() < 10)
        {
            auto n = co_await s.read_some(buffer);
            if (n == 0)
                break;
            got.append(buffer, n);
        }
        BOOST_TEST(got == "echo:hello");
    }());
}

BOOST_AUTO_TEST_SUITE_END()
