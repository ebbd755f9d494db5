// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// The parts of a docker_sandbox that do not need a real container, against the fake engine, so they run
// on any machine: what the container is created with, pulling, failures while starting, and the process
// group kill (the fake runs exec commands as host processes).
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/docker_sandbox.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "common/temp_dir.hpp"
#include "fakes/docker/fake_docker_engine.hpp"

#include <boost/asio/this_coro.hpp>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace agent_backends;
using namespace std::chrono_literals;
using agent_backends::test::fake_docker_engine;
using agent_backends::test::run_task;
namespace json = boost::json;

namespace {

bool has_string(const json::value& array, const std::string& wanted)
{
    const auto& a = array.as_array();
    return std::any_of(a.begin(), a.end(), [&](const json::value& v) { return v.as_string() == wanted; });
}

/// Whether a live host process shows `needle` in its command line.
bool host_process_running(const std::string& needle)
{
    for (const auto& dir : std::filesystem::directory_iterator("/proc"))
    {
        std::ifstream in(dir.path() / "cmdline", std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        auto cmdline = text.str();
        std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
        if (cmdline.find(needle) == std::string::npos)
            continue;
        std::ifstream stat(dir.path() / "stat");
        std::string pid, name, state;
        stat >> pid >> name >> state;
        if (state != "Z")
            return true;
    }
    return false;
}

/// Starts a sandbox on the task's own executor (where its engine connections live) and stops it after.
task<void> with_sandbox(docker_sandbox_options opts, std::function<task<void>(docker_sandbox&)> body)
{
    docker_sandbox box(co_await boost::asio::this_coro::executor, std::move(opts));
    co_await box.start();
    co_await body(box);
    co_await box.stop();
}

/// Only starts one, for the failures of starting.
task<std::string> start_only(docker_sandbox_options opts)
{
    docker_sandbox box(co_await boost::asio::this_coro::executor, std::move(opts));
    co_await box.start();
    auto id = box.container_id();
    co_await box.stop();
    co_return id;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(docker_sandbox_fake_engine)

BOOST_AUTO_TEST_CASE(the_container_is_created_with_the_runtime_and_the_options)
{
    test::temp_dir host;
    fake_docker_engine fake({.images = {"busybox:latest"}});
    docker_sandbox_options opts;
    opts.runtime = runtime_config{.name = "tiny",
                                  .image = "busybox:latest",
                                  .env_vars = {{"FROM_RUNTIME", "r"}, {"SHARED", "runtime"}},
                                  .work_dir = "/app"};
    opts.sandbox_id = "spec-check";
    opts.env = {{"SHARED", "options"}};
    opts.volumes = {{host.str() + "/./data", "/data"}};
    opts.user = "1000:1000";
    opts.network_mode = "none";
    opts.memory_bytes = 256 << 20;
    opts.cpus = 1.5;
    opts.pids_limit = 64;
    opts.labels = {{"team", "tests"}};
    opts.docker_host = fake.endpoint();
    std::string create_body;
    run_task(with_sandbox(opts, [&](docker_sandbox& box) -> task<void> {
        auto containers = fake.containers();
        BOOST_REQUIRE_EQUAL(containers.size(), 1u);
        BOOST_TEST(box.container_id() == containers[0].id);
        create_body = containers[0].create_body;
        co_return;
    }));
    auto body = json::parse(create_body);
    BOOST_TEST(body.at("Image").as_string() == "busybox:latest");
    const auto& cmd = body.at("Cmd").as_array();
    BOOST_REQUIRE_EQUAL(cmd.size(), 3u);
    BOOST_TEST(cmd[2].as_string().starts_with("trap 'exit 0' TERM INT;"));
    BOOST_TEST(has_string(body.at("Env"), "FROM_RUNTIME=r"));
    BOOST_TEST(has_string(body.at("Env"), "SHARED=options"));
    BOOST_TEST(!has_string(body.at("Env"), "SHARED=runtime"));
    BOOST_TEST(body.at("WorkingDir").as_string() == "/app");
    BOOST_TEST(body.at("User").as_string() == "1000:1000");
    BOOST_TEST(body.at("Labels").at("agent-backends.sandbox").as_string() == "spec-check");
    BOOST_TEST(body.at("Labels").at("team").as_string() == "tests");
    const auto& hc = body.at("HostConfig");
    BOOST_TEST(has_string(hc.at("Binds"), host.str() + "/data:/data:rw"));
    BOOST_TEST(has_string(hc.at("SecurityOpt"), "no-new-privileges:true"));
    BOOST_TEST(hc.at("NetworkMode").as_string() == "none");
    BOOST_TEST(hc.at("Memory").to_number<std::int64_t>() == 256 << 20);
    BOOST_TEST(hc.at("NanoCpus").to_number<std::int64_t>() == 1'500'000'000);
    BOOST_TEST(hc.at("PidsLimit").to_number<std::int64_t>() == 64);
}

BOOST_AUTO_TEST_CASE(a_missing_image_is_pulled_before_the_container_is_created)
{
    fake_docker_engine fake;
    auto id = run_task(start_only({.image = "alpine:3.20", .docker_host = fake.endpoint()}));
    BOOST_TEST(!id.empty());
    auto images = fake.images();
    BOOST_TEST((std::find(images.begin(), images.end(), "alpine:3.20") != images.end()));
    BOOST_TEST(fake.containers().empty());  // removed by stop
}

BOOST_AUTO_TEST_CASE(an_image_that_cannot_be_pulled_is_not_found)
{
    fake_docker_engine fake;
    fake.fail_pulls("manifest for alpine:9 not found");
    auto failure = test::failure_of(
        [&] { run_task(start_only({.image = "alpine:9", .docker_host = fake.endpoint()})); });
    BOOST_TEST(failure.code == errc::not_found);
    BOOST_TEST(failure.message.find("'alpine:9'") != std::string::npos);
    BOOST_TEST(failure.message.find("manifest for alpine:9 not found") != std::string::npos);
    BOOST_TEST(fake.containers().empty());
}

BOOST_AUTO_TEST_CASE(a_container_that_cannot_start_is_removed_and_a_later_start_tries_again)
{
    fake_docker_engine fake({.images = {"busybox:latest"}});
    fake.fail_next("POST", "/containers/*/start", 500, "cannot set up cgroups");
    docker_sandbox_options opts{.image = "busybox", .docker_host = fake.endpoint()};
    auto failure = test::failure_of([&] { run_task(start_only(opts)); });
    BOOST_TEST(failure.code == errc::unavailable);
    BOOST_TEST(failure.message.find("cannot set up cgroups") != std::string::npos);
    BOOST_TEST(fake.containers().empty());
    BOOST_TEST(!run_task(start_only(opts)).empty());
}

BOOST_AUTO_TEST_CASE(a_write_into_a_missing_directory_makes_it_where_the_engine_does_not)
{
    // Docker (and the fake) answer 404 to an archive put into a missing directory; podman makes it.
    fake_docker_engine fake({.images = {"busybox:latest"}});
    std::string read_back;
    run_task(with_sandbox({.image = "busybox", .docker_host = fake.endpoint()},
                          [&](docker_sandbox& box) -> task<void> {
                              co_await box.write("new/deeper/file.txt", "made");
                              read_back = co_await box.read_bytes("/workspace/new/deeper/file.txt");
                          }));
    BOOST_TEST(read_back == "made");
    auto puts = 0;
    for (const auto& r : fake.requests())
        puts += r.method == "PUT" ? 1 : 0;
    BOOST_TEST(puts == 2);  // refused, then accepted once the directory was made
}

BOOST_AUTO_TEST_CASE(commands_run_in_their_own_group_which_a_timeout_kills)
{
    fake_docker_engine fake({.images = {"busybox:latest"}});
    execute_response plain;
    execute_response timed_out;
    run_task(with_sandbox({.image = "busybox", .docker_host = fake.endpoint()},
                          [&](docker_sandbox& box) -> task<void> {
                              plain = co_await box.execute("echo out; echo err >&2; exit 4");
                              timed_out = co_await box.execute("sleep 371 & sleep 372", {.timeout = 1s});
                          }));
    BOOST_TEST(plain.exit_code.value_or(-1) == 4);
    BOOST_TEST(plain.output.find("out\n") != std::string::npos);
    BOOST_TEST(plain.output.find("err\n") != std::string::npos);
    BOOST_TEST(timed_out.exit_code.value_or(-1) == 124);
    BOOST_TEST(timed_out.output == "Error: Command timed out after 1 s");
    BOOST_TEST(!host_process_running("sleep 371"));
    BOOST_TEST(!host_process_running("sleep 372"));
}

BOOST_AUTO_TEST_SUITE_END()
