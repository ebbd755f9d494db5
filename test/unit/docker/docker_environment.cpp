// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/docker_environment.hpp"

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "common/temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <stdlib.h>

using namespace agent_backends;
using detail::docker_endpoint_from;
using detail::docker_options_from;

BOOST_AUTO_TEST_SUITE(docker_host)

BOOST_AUTO_TEST_CASE(unset_or_empty_docker_host_means_the_default_socket)
{
    for (const auto& v : {std::optional<std::string>(), std::optional<std::string>("")})
    {
        auto ep = docker_endpoint_from(v, false);
        BOOST_TEST((ep.transport == http_transport::unix_socket));
        BOOST_TEST(ep.socket_path == "/var/run/docker.sock");
    }
}

BOOST_AUTO_TEST_CASE(unix_urls_name_the_socket)
{
    auto ep = docker_endpoint_from("unix:///run/user/1000/podman/podman.sock", false);
    BOOST_TEST((ep.transport == http_transport::unix_socket));
    BOOST_TEST(ep.socket_path == "/run/user/1000/podman/podman.sock");
}

BOOST_AUTO_TEST_CASE(tcp_is_plain_http_on_2375_by_default)
{
    auto ep = docker_endpoint_from("tcp://10.0.0.5", false);
    BOOST_TEST((ep.transport == http_transport::tcp));
    BOOST_TEST(ep.host == "10.0.0.5");
    BOOST_TEST(ep.port == 2375);
    BOOST_TEST(docker_endpoint_from("tcp://docker.example:4243", false).port == 4243);
}

BOOST_AUTO_TEST_CASE(tcp_with_tls_verify_is_https_on_2376_unless_a_port_is_given)
{
    auto ep = docker_endpoint_from("tcp://docker.example", true);
    BOOST_TEST((ep.transport == http_transport::tls));
    BOOST_TEST(ep.port == 2376);
    auto with_port = docker_endpoint_from("tcp://docker.example:9999", true);
    BOOST_TEST((with_port.transport == http_transport::tls));
    BOOST_TEST(with_port.port == 9999);
    auto v6 = docker_endpoint_from("tcp://[::1]", true);
    BOOST_TEST(v6.host == "::1");
    BOOST_TEST(v6.port == 2376);
    BOOST_TEST(docker_endpoint_from("tcp://[::1]:1234", true).port == 1234);
}

BOOST_AUTO_TEST_CASE(http_and_https_urls_are_taken_as_they_are)
{
    BOOST_TEST((docker_endpoint_from("http://localhost:2375", true).transport == http_transport::tcp));
    auto ep = docker_endpoint_from("https://docker.example:2376", false);
    BOOST_TEST((ep.transport == http_transport::tls));
    BOOST_TEST(ep.port == 2376);
}

BOOST_AUTO_TEST_CASE(other_forms_fail_invalid_argument_quoting_the_value)
{
    for (std::string bad : {"ssh://user@host", "npipe:////./pipe/docker_engine", "docker.example:2375",
                            "tcp://", "unix://", "tcp://host:notaport"})
    {
        std::string message;
        auto code = test::error_of([&] { docker_endpoint_from(bad, false); }, message);
        BOOST_TEST(code == errc::invalid_argument, bad);
        BOOST_TEST(message.find("DOCKER_HOST=\"" + bad + "\"") != std::string::npos, message);
        BOOST_TEST(message.find("unix://") != std::string::npos, message);
    }
}

BOOST_AUTO_TEST_CASE(endpoint_from_environment_reads_docker_host)
{
    const char* old = ::getenv("DOCKER_HOST");
    std::optional<std::string> saved = old ? std::optional<std::string>(old) : std::nullopt;
    ::setenv("DOCKER_HOST", "unix:///tmp/some/engine.sock", 1);
    auto ep = docker_engine::endpoint_from_environment();
    if (saved)
        ::setenv("DOCKER_HOST", saved->c_str(), 1);
    else
        ::unsetenv("DOCKER_HOST");
    BOOST_TEST(ep.socket_path == "/tmp/some/engine.sock");
}

BOOST_AUTO_TEST_CASE(cert_path_supplies_ca_and_client_certificate_files)
{
    test::temp_dir dir;
    dir.write("ca.pem", "x");
    dir.write("cert.pem", "x");
    dir.write("key.pem", "x");
    auto opts = docker_options_from(dir.str());
    BOOST_TEST(opts.http.tls.ca_file == dir.str() + "/ca.pem");
    BOOST_TEST(opts.http.tls.client_cert_file == dir.str() + "/cert.pem");
    BOOST_TEST(opts.http.tls.client_key_file == dir.str() + "/key.pem");
    BOOST_TEST(opts.http.tls.verify_peer);
    auto none = docker_options_from(std::nullopt);
    BOOST_TEST(none.http.tls.ca_file.empty());
    BOOST_TEST(none.http.tls.client_cert_file.empty());
}

BOOST_AUTO_TEST_SUITE_END()
