// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/docker_engine.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "common/temp_dir.hpp"
#include "engine_test_support.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace agent_backends;
using namespace std::chrono_literals;
using test::with_engine;

BOOST_AUTO_TEST_SUITE(docker_engine_containers)

BOOST_AUTO_TEST_CASE(ping_negotiates_the_api_version_and_detects_podman)
{
    auto host = test::test_engine();
    if (!host)
        return;
    auto info = with_engine(*host, [](docker_engine& engine) { return engine.ping(); });
    BOOST_TEST(info.api_version == "1.41");  // podman 4.3's Api-Version, below our 1.43
    BOOST_TEST(info.is_podman);
    BOOST_TEST(!info.engine_version.empty());
}

BOOST_AUTO_TEST_CASE(a_given_api_version_is_used_as_it_is)
{
    auto host = test::test_engine();
    if (!host)
        return;
    auto info = test::run_task([&]() -> task<docker_engine_info> {
        docker_engine engine(co_await boost::asio::this_coro::executor, *host, {.api_version = "1.40"});
        co_return co_await engine.ping();
    }());
    BOOST_TEST(info.api_version == "1.40");
}

BOOST_AUTO_TEST_CASE(container_lifecycle_with_labels_env_working_dir_binds_and_memory)
{
    auto host = test::test_engine();
    if (!host)
        return;
    test::temp_dir shared;
    shared.write("hello.txt", "from the host\n");
    std::filesystem::permissions(shared.path(), std::filesystem::perms::all);

    std::string id = with_engine(*host, [&](docker_engine& engine) -> task<std::string> {
        co_return co_await engine.create_container({.image = test::test_image(),
                                                    .command = {"sleep", "3600"},
                                                    .env = {"GREETING=hi there"},
                                                    .working_dir = "/work/dir",
                                                    .labels = {{"agent-backends-test", "lifecycle"}},
                                                    .binds = {shared.str() + ":/host:rw"},
                                                    .memory_bytes = 64 << 20,
                                                    .pids_limit = 64});
    });
    BOOST_TEST(id.size() == 64u);

    // The full inspect document shows what the client sent.
    auto doc =
        boost::json::parse(test::raw_request(*host, {.target = "/v1.41/containers/" + id + "/json"}).body);
    BOOST_TEST(doc.at("HostConfig").at("Memory").to_number<std::int64_t>() == 64 << 20);
    BOOST_TEST(doc.at("Config").at("Labels").at("agent-backends-test").as_string() == "lifecycle");
    BOOST_TEST(doc.at("Config").at("WorkingDir").as_string() == "/work/dir");

    with_engine(*host, [&](docker_engine& engine) -> task<void> {
        auto created = co_await engine.inspect_container(id);
        BOOST_TEST(created.status == "created");
        BOOST_TEST(!created.running);

        co_await engine.start_container(id);
        co_await engine.start_container(id);  // already running: fine
        auto running = co_await engine.inspect_container(id);
        BOOST_TEST(running.running);
        BOOST_TEST(running.status == "running");
        BOOST_TEST(running.id == id);

        auto r = co_await test::run_exec(engine, id,
                                         {"sh", "-c",
                                          "echo \"$GREETING\"; pwd; cat /host/hello.txt; "
                                          "echo back > /host/back.txt"});
        BOOST_TEST(r.out == "hi there\n/work/dir\nfrom the host\n");
        BOOST_TEST(r.exit_code == 0);

        co_await engine.stop_container(id, 1s);
        co_await engine.stop_container(id, 1s);  // already stopped: fine
        auto stopped = co_await engine.inspect_container(id);
        BOOST_TEST(!stopped.running);
        BOOST_TEST(stopped.status == "exited");

        BOOST_TEST(co_await engine.remove_container(id));
        BOOST_TEST(!co_await engine.remove_container(id));
    });
    BOOST_TEST(shared.read("back.txt") == "back\n");

    std::string message;
    auto code = test::error_of(
        [&] { with_engine(*host, [&](docker_engine& e) { return e.inspect_container(id); }); }, message);
    BOOST_TEST(code == errc::not_found);
    BOOST_TEST(message.rfind("Docker engine: ", 0) == 0u, message);
}

BOOST_AUTO_TEST_CASE(create_fails_not_found_for_a_missing_image)
{
    auto host = test::test_engine();
    if (!host)
        return;
    std::string message;
    auto code = test::error_of(
        [&] {
            with_engine(*host, [](docker_engine& e) {
                return e.create_container({.image = "localhost/agent-backends-test/no-such-image:1"});
            });
        },
        message);
    BOOST_TEST(code == errc::not_found);
    BOOST_TEST(message.find("no-such-image") != std::string::npos, message);
}

BOOST_AUTO_TEST_CASE(operations_on_a_missing_container_fail_not_found_with_the_engine_message)
{
    auto host = test::test_engine();
    if (!host)
        return;
    std::string message;
    auto code = test::error_of(
        [&] { with_engine(*host, [](docker_engine& e) { return e.start_container("no-such-container"); }); },
        message);
    BOOST_TEST(code == errc::not_found);
    BOOST_TEST(message.find("no-such-container") != std::string::npos, message);
    BOOST_TEST(test::error_of([&] {
                   with_engine(*host, [](docker_engine& e) {
                       return e.create_exec("no-such-container", {{"true"}});
                   });
               }) == errc::not_found);
}

BOOST_AUTO_TEST_CASE(a_duplicate_name_is_refused)
{
    auto host = test::test_engine();
    if (!host)
        return;
    std::string name = "agent-backends-dup-" + std::to_string(::getpid());
    std::string first = with_engine(*host, [&](docker_engine& e) {
        return e.create_container({.image = test::test_image(), .command = {"true"}, .name = name});
    });
    std::string message;
    auto code = test::error_of(
        [&] {
            with_engine(*host, [&](docker_engine& e) {
                return e.create_container({.image = test::test_image(), .command = {"true"}, .name = name});
            });
        },
        message);
    with_engine(*host, [&](docker_engine& e) { return e.remove_container(first); });
    BOOST_TEST((code == errc::unavailable || code == errc::invalid_argument),
               code);  // podman 500, Docker 409
    BOOST_TEST(message.find(name) != std::string::npos, message);
}

BOOST_AUTO_TEST_SUITE_END()
