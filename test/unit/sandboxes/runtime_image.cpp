// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/http/http_endpoint.hpp>
#include <agent_backends/sandboxes/docker_engine.hpp>
#include <agent_backends/sandboxes/runtime_config.hpp>

#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "common/test_engine.hpp"

#include <boost/asio/this_coro.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <random>
#include <string>
#include <vector>

namespace asio = boost::asio;
using namespace agent_backends;
using agent_backends::test::run_task;

namespace {

// A name no earlier run used, so the engine (whose storage may outlive a run) holds no image of it yet.
std::string fresh_name(std::string_view stem)
{
    std::random_device seed;
    return std::string(stem) + "-" + std::to_string(std::uniform_int_distribution<unsigned>()(seed));
}

// An engine address where nothing listens: any request sent there fails as unavailable.
http_endpoint nowhere()
{
    return http_endpoint::parse("unix:///nonexistent/agent-backends-test/docker.sock");
}

// Everything `command` prints in the container (stdout and stderr).
task<std::string> run_in(docker_engine& engine, const std::string& container, std::string command)
{
    auto exec = co_await engine.create_exec(container, {.command = {"sh", "-c", std::move(command)}});
    auto stream = co_await engine.start_exec(exec);
    std::string output;
    while (auto piece = co_await stream.read())
        output += piece->data;
    co_return output;
}

// Starts a container of `image`, runs `command` in it, removes it.
task<std::string> output_of_container(docker_engine& engine, const std::string& image, std::string command)
{
    auto id = co_await engine.create_container({.image = image, .command = {"sleep", "3600"}});
    std::string output;
    std::exception_ptr failure;
    try
    {
        co_await engine.start_container(id);
        output = co_await run_in(engine, id, std::move(command));
    }
    catch (...)
    {
        failure = std::current_exception();
    }
    co_await engine.remove_container(id, true);
    if (failure)
        std::rethrow_exception(failure);
    co_return output;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(runtime_image_tests)

BOOST_AUTO_TEST_CASE(ready_image_is_returned_without_asking_the_engine)
{
    auto image = run_task([]() -> task<std::string> {
        docker_engine engine(co_await asio::this_coro::executor, nowhere());
        co_return co_await ensure_runtime_image(engine, get_runtime("python-minimal"));
    }());
    BOOST_TEST(image == "python:3.12-slim");
}

BOOST_AUTO_TEST_CASE(invalid_runtime_fails_before_any_request)
{
    runtime_config bad{.name = "bad", .base_image = "busybox", .packages = {"two words"}};
    try
    {
        run_task([&]() -> task<std::string> {
            docker_engine engine(co_await asio::this_coro::executor, nowhere());
            co_return co_await ensure_runtime_image(engine, bad);
        }());
        BOOST_FAIL("expected a validation error");
    }
    catch (const error& e)
    {
        BOOST_TEST(e.condition() == errc::invalid_argument);
        BOOST_TEST(std::string(e.what()) == "Invalid package name: 'two words'");
    }
}

BOOST_AUTO_TEST_CASE(custom_runtime_is_built_once_and_its_containers_see_setup_and_env)
{
    auto host = test::test_engine();
    if (!host)
        return;
    runtime_config custom{
        .name = fresh_name("runtime-test"),
        .base_image = test::test_image(),
        .setup_commands = {"echo built-by-setup > /etc/agent-marker"},
        .env_vars = {{"GREETING", "hello world"}},
        .work_dir = "/srv/app",
    };
    run_task([&]() -> task<void> {
        docker_engine engine(co_await asio::this_coro::executor, *host);

        std::vector<std::string> log;
        auto began = std::chrono::steady_clock::now();
        auto tag = co_await ensure_runtime_image(engine, custom,
                                                 [&](std::string_view line) { log.emplace_back(line); });
        auto build_time = std::chrono::steady_clock::now() - began;
        BOOST_TEST(tag == runtime_image_tag(custom));
        BOOST_TEST(!log.empty());
        BOOST_TEST(co_await engine.image_exists(tag));

        auto seen =
            co_await output_of_container(engine, tag, "cat /etc/agent-marker; echo \"$GREETING\"; pwd");
        BOOST_TEST(seen == "built-by-setup\nhello world\n/srv/app\n");

        // cache_image: the same configuration reuses the tag without a build.
        std::vector<std::string> second_log;
        began = std::chrono::steady_clock::now();
        auto again = co_await ensure_runtime_image(
            engine, custom, [&](std::string_view line) { second_log.emplace_back(line); });
        auto reuse_time = std::chrono::steady_clock::now() - began;
        BOOST_TEST(again == tag);
        BOOST_TEST(second_log.empty());
        BOOST_TEST_MESSAGE("runtime image: build "
                           << std::chrono::duration_cast<std::chrono::milliseconds>(build_time).count()
                           << " ms, cached reuse "
                           << std::chrono::duration_cast<std::chrono::milliseconds>(reuse_time).count()
                           << " ms");

        // Without cache_image the image is built again (same configuration otherwise, so a new tag).
        auto uncached = custom;
        uncached.cache_image = false;
        std::vector<std::string> rebuild_log;
        auto rebuilt = co_await ensure_runtime_image(
            engine, uncached, [&](std::string_view line) { rebuild_log.emplace_back(line); });
        BOOST_TEST(rebuilt != tag);
        BOOST_TEST(!rebuild_log.empty());
        std::vector<std::string> rebuild_again_log;
        co_await ensure_runtime_image(engine, uncached,
                                      [&](std::string_view line) { rebuild_again_log.emplace_back(line); });
        BOOST_TEST(!rebuild_again_log.empty());
    }());
}

BOOST_AUTO_TEST_CASE(failing_setup_command_fails_the_build)
{
    auto host = test::test_engine();
    if (!host)
        return;
    runtime_config broken{
        .name = fresh_name("runtime-broken"),
        .base_image = test::test_image(),
        .setup_commands = {"exit 3"},
    };
    try
    {
        run_task([&]() -> task<std::string> {
            docker_engine engine(co_await asio::this_coro::executor, *host);
            co_return co_await ensure_runtime_image(engine, broken);
        }());
        BOOST_FAIL("expected the build to fail");
    }
    catch (const error& e)
    {
        BOOST_TEST(e.condition() == errc::unavailable);
        BOOST_TEST_MESSAGE("build failure: " << e.what());
    }
}

BOOST_AUTO_TEST_SUITE_END()
