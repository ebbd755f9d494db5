// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/docker_engine.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "common/temp_dir.hpp"
#include "engine_test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace agent_backends;
using test::with_engine;

namespace {

void expect_clear_unavailable(const http_endpoint& ep)
{
    std::string message;
    auto code = test::error_of([&] { with_engine(ep, [](docker_engine& e) { return e.image_exists("x"); }); },
                               message);
    BOOST_TEST_MESSAGE("unreachable engine: " << message);
    BOOST_TEST(code == errc::unavailable);
    BOOST_TEST(message.find(ep.url()) != std::string::npos, message);
    BOOST_TEST(message.find("running") != std::string::npos, message);
    BOOST_TEST(message.find("DOCKER_HOST") != std::string::npos, message);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(docker_engine_unreachable)

BOOST_AUTO_TEST_CASE(a_missing_socket_is_unavailable_with_a_message_naming_it)
{
    test::temp_dir dir;
    expect_clear_unavailable(http_endpoint::parse("unix://" + dir.str() + "/docker.sock"));
}

BOOST_AUTO_TEST_CASE(a_socket_nobody_listens_on_is_unavailable_with_a_message_naming_it)
{
    test::temp_dir dir;
    std::string path = dir.str() + "/dead.sock";
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    BOOST_TEST_REQUIRE(fd >= 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
    BOOST_TEST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    ::close(fd);  // the socket file stays, with no listener behind it
    expect_clear_unavailable(http_endpoint::parse("unix://" + path));
}

BOOST_AUTO_TEST_CASE(a_closed_tcp_port_is_unavailable_with_a_message_naming_it)
{
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    BOOST_TEST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);  // a port that was free a moment ago and has no listener
    expect_clear_unavailable(http_endpoint::parse("tcp://127.0.0.1:" + std::to_string(ntohs(addr.sin_port))));
}

BOOST_AUTO_TEST_SUITE_END()
