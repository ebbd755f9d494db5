// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// A docker_sandbox works against the fake engine: files go through the archive endpoints, commands run for
// real (with paths relative to the work dir, which the fake maps to a host directory).
#include <agent_backends/sandboxes/docker_sandbox.hpp>

#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "fakes/docker/fake_docker_engine.hpp"

#include <boost/asio/this_coro.hpp>
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <string>

using namespace agent_backends;
using namespace agent_backends::test;
namespace asio = boost::asio;

BOOST_AUTO_TEST_SUITE(docker_sandbox_on_the_fake)

BOOST_AUTO_TEST_CASE(writes_runs_reads_and_removes_its_container)
{
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        auto engine = std::make_shared<docker_engine>(co_await asio::this_coro::executor, fake.endpoint());
        docker_sandbox sandbox(engine, {.image = "busybox", .work_dir = "/workspace"});
        co_await sandbox.start();
        co_await sandbox.write("/workspace/a.txt", "hello\nworld\n");
        std::ifstream on_host(fake.host_path(sandbox.container_id(), "/workspace/a.txt"));
        std::string first;
        std::getline(on_host, first);
        BOOST_TEST(first == "hello");
        auto r = co_await sandbox.execute("cat a.txt; echo oops >&2; exit 3");
        BOOST_TEST(r.exit_code.value_or(-1) == 3);
        BOOST_TEST(r.output.find("hello\nworld\n") != std::string::npos, r.output);
        BOOST_TEST(r.output.find("oops") != std::string::npos, r.output);
        auto text = co_await sandbox.read("/workspace/a.txt");
        BOOST_TEST(text.find("world") != std::string::npos, text);
        co_await sandbox.stop();
    }());
    BOOST_TEST(fake.containers().empty());
}

BOOST_AUTO_TEST_SUITE_END()
