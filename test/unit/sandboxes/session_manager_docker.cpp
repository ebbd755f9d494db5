// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/docker_engine.hpp>
#include <agent_backends/sandboxes/docker_sandbox.hpp>
#include <agent_backends/sandboxes/session_manager.hpp>

#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "common/temp_dir.hpp"
#include "common/test_engine.hpp"

#include <boost/asio/this_coro.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

namespace asio = boost::asio;
using namespace agent_backends;
using namespace std::chrono_literals;
using agent_backends::test::run_task;
using agent_backends::test::temp_dir;

namespace {

session_manager_options docker_sessions(const http_endpoint& host, const temp_dir& root)
{
    session_manager_options opts;
    opts.workspace_root = root.path();
    opts.docker.image = test::test_image();
    opts.docker.pull_missing_image = false;
    opts.docker.docker_host = host;
    return opts;
}

std::string container_of(const std::shared_ptr<sandbox>& box)
{
    auto docker = std::dynamic_pointer_cast<docker_sandbox>(box);
    BOOST_REQUIRE(docker);
    return docker->container_id();
}

task<bool> container_exists(docker_engine& engine, std::string id)
{
    try
    {
        co_await engine.inspect_container(id);
        co_return true;
    }
    catch (const error& e)
    {
        if (e.condition() != errc::not_found)
            throw;
    }
    co_return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(session_manager_docker_tests)

BOOST_AUTO_TEST_CASE(default_factory_gives_each_session_its_own_container_and_workspace)
{
    auto host = test::test_engine();
    if (!host)
        return;
    temp_dir root;
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        docker_engine engine(ex, *host);
        session_manager sessions(ex, docker_sessions(*host, root));

        auto alice = co_await sessions.get_or_create("alice");
        auto bob = co_await sessions.get_or_create("bob");
        BOOST_TEST(alice->id() == "alice");
        BOOST_TEST(bob->id() == "bob");
        const auto alice_container = container_of(alice);
        const auto bob_container = container_of(bob);
        BOOST_TEST(!alice_container.empty());
        BOOST_TEST(alice_container != bob_container);
        BOOST_TEST(alice->idle_timeout().value_or(0s).count() == 3600);

        // /workspace of each container is <root>/<id>/workspace on the host.
        auto wrote =
            co_await alice->execute("echo from-alice > /workspace/who.txt && cat /workspace/who.txt");
        BOOST_TEST(wrote.exit_code.value_or(-1) == 0);
        co_await bob->execute("echo from-bob > /workspace/who.txt");
        BOOST_TEST(root.read("alice/workspace/who.txt") == "from-alice\n");
        BOOST_TEST(root.read("bob/workspace/who.txt") == "from-bob\n");
        root.write("bob/workspace/from-host.txt", "host side\n");
        auto seen = co_await bob->execute("cat /workspace/from-host.txt; ls /workspace");
        BOOST_TEST(seen.output == "host side\nfrom-host.txt\nwho.txt\n");
        auto alice_sees = co_await alice->execute("ls /workspace");
        BOOST_TEST(alice_sees.output == "who.txt\n");

        // Asked again, the live session is the same sandbox.
        BOOST_TEST(co_await sessions.get_or_create("alice") == alice);

        // Idle cleanup removes the containers.
        BOOST_TEST(co_await sessions.cleanup_idle(0s) == 2u);
        BOOST_TEST(sessions.size() == 0u);
        BOOST_TEST(!co_await container_exists(engine, alice_container));
        BOOST_TEST(!co_await container_exists(engine, bob_container));
        // The workspaces stay on the host.
        BOOST_TEST(root.read("alice/workspace/who.txt") == "from-alice\n");
    }());
}

BOOST_AUTO_TEST_CASE(shutdown_removes_every_session_container)
{
    auto host = test::test_engine();
    if (!host)
        return;
    temp_dir root;
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        docker_engine engine(ex, *host);
        auto opts = docker_sessions(*host, root);
        opts.default_idle_timeout = 120s;
        session_manager sessions(ex, std::move(opts));
        auto began = std::chrono::steady_clock::now();
        auto box = co_await sessions.get_or_create("carol");
        const auto created = std::chrono::steady_clock::now() - began;
        const auto container = container_of(box);
        BOOST_TEST(box->idle_timeout().value_or(0s).count() == 120);
        BOOST_TEST(co_await container_exists(engine, container));
        sessions.start_cleanup_loop(1h);
        began = std::chrono::steady_clock::now();
        BOOST_TEST(co_await sessions.shutdown() == 1u);
        const auto shut = std::chrono::steady_clock::now() - began;
        BOOST_TEST_MESSAGE("docker session: get_or_create "
                           << std::chrono::duration_cast<std::chrono::milliseconds>(created).count()
                           << " ms, shutdown "
                           << std::chrono::duration_cast<std::chrono::milliseconds>(shut).count() << " ms");
        BOOST_TEST(!co_await container_exists(engine, container));
    }());
}

BOOST_AUTO_TEST_CASE(default_factory_refuses_a_session_id_that_is_not_a_directory_name)
{
    temp_dir root;
    run_task([&]() -> task<void> {
        session_manager_options opts;
        opts.workspace_root = root.path();
        opts.docker.docker_host = http_endpoint::parse("unix:///nonexistent/agent-backends-test/docker.sock");
        session_manager sessions(co_await asio::this_coro::executor, std::move(opts));
        for (std::string id : {"../escape", "a/b", "..", ""})
        {
            bool refused = false;
            try
            {
                co_await sessions.get_or_create(id);
            }
            catch (const error& e)
            {
                refused = e.condition() == errc::invalid_argument;
            }
            BOOST_TEST(refused, "session id '" << id << "'");
        }
        BOOST_TEST(sessions.size() == 0u);
    }());
    BOOST_TEST(!std::filesystem::exists(root.path().parent_path() / "escape"));
}

BOOST_AUTO_TEST_SUITE_END()
