// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/docker_engine.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "engine_test_support.hpp"
#include "sandboxes/tar_archive.hpp"

#include <boost/test/unit_test.hpp>

#include <unistd.h>

using namespace agent_backends;
using test::with_engine;

namespace {

std::string build_context(const std::string& dockerfile)
{
    return detail::make_tar({{.name = "Dockerfile", .content = dockerfile}});
}

void remove_image(const http_endpoint& host, const std::string& name)
{
    test::raw_request(host, {.method = "DELETE", .target = "/v1.41/images/" + name + "?force=1"});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(docker_engine_images)

BOOST_AUTO_TEST_CASE(image_exists_tells_present_from_missing)
{
    auto host = test::test_engine();
    if (!host)
        return;
    with_engine(*host, [](docker_engine& engine) -> task<void> {
        BOOST_TEST(co_await engine.image_exists(test::test_image()));
        BOOST_TEST(!co_await engine.image_exists("localhost/agent-backends-test/no-such-image:1"));
    });
}

BOOST_AUTO_TEST_CASE(built_image_runs_with_the_file_and_env_its_dockerfile_made)
{
    auto host = test::test_engine();
    if (!host)
        return;
    std::string tag = "agent-backends-test/built-" + std::to_string(::getpid()) + ":1";
    std::vector<std::string> log;
    std::string image_id = with_engine(*host, [&](docker_engine& engine) {
        return engine.build_image(tag,
                                  build_context("FROM " + test::test_image() +
                                                "\nRUN echo built > /built.txt\nENV GREETING=hello\n"),
                                  [&](std::string_view line) { log.emplace_back(line); });
    });
    BOOST_TEST(!image_id.empty());
    BOOST_TEST(!log.empty());
    bool saw_run_step = false;
    for (const auto& line : log)
    {
        BOOST_TEST(line.find('\n') == std::string::npos);
        saw_run_step = saw_run_step || line.find("RUN echo built") != std::string::npos;
    }
    BOOST_TEST(saw_run_step);

    auto r = with_engine(*host, [&](docker_engine& engine) -> task<test::exec_result> {
        BOOST_TEST(co_await engine.image_exists(tag));
        auto id = co_await engine.create_container({.image = tag, .command = {"sleep", "3600"}});
        co_await engine.start_container(id);
        auto r = co_await test::run_exec(engine, id, {"sh", "-c", "cat /built.txt; echo $GREETING"});
        co_await engine.remove_container(id);
        co_return r;
    });
    remove_image(*host, tag);
    BOOST_TEST(r.out == "built\nhello\n");
}

BOOST_AUTO_TEST_CASE(a_failing_build_step_is_an_error_with_the_engine_message)
{
    auto host = test::test_engine();
    if (!host)
        return;
    std::string tag = "agent-backends-test/broken-" + std::to_string(::getpid()) + ":1";
    std::string message;
    auto code = test::error_of(
        [&] {
            with_engine(*host, [&](docker_engine& engine) {
                return engine.build_image(tag,
                                          build_context("FROM " + test::test_image() + "\nRUN exit 3\n"));
            });
        },
        message);
    remove_image(*host, tag);
    BOOST_TEST(code == errc::unavailable);
    BOOST_TEST(message.find("RUN exit 3") != std::string::npos, message);
    BOOST_TEST(message.find(tag) != std::string::npos, message);
}

BOOST_AUTO_TEST_CASE(a_context_without_dockerfile_is_refused)
{
    auto host = test::test_engine();
    if (!host)
        return;
    std::string message;
    auto code = test::error_of(
        [&] {
            with_engine(*host, [](docker_engine& engine) {
                return engine.build_image("agent-backends-test/none:1",
                                          detail::make_tar({{.name = "README", .content = "no dockerfile"}}));
            });
        },
        message);
    BOOST_TEST_MESSAGE("build without Dockerfile: " << message);
    BOOST_TEST(code != errc::protocol_error, message);
}

BOOST_AUTO_TEST_CASE(a_pull_from_an_unreachable_registry_fails)
{
    auto host = test::test_engine();
    if (!host)
        return;
    // Port 1 on the loopback refuses at once: no network is needed to see the failure.
    std::string message;
    auto code = test::error_of(
        [&] {
            with_engine(*host, [](docker_engine& e) { return e.pull_image("127.0.0.1:1/nothing/here:1"); });
        },
        message);
    BOOST_TEST_MESSAGE("pull failure: " << message);
    BOOST_TEST(code != errc::protocol_error, message);
    BOOST_TEST(message.find("127.0.0.1:1/nothing/here") != std::string::npos, message);
}

BOOST_AUTO_TEST_SUITE_END()
