// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/docker_sandbox.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "docker_sandbox_fixture.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/test/unit_test.hpp>
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <chrono>
#include <string>

using namespace agent_backends;
using namespace std::chrono_literals;
using namespace boost::asio::experimental::awaitable_operators;

namespace {

task<void> start_three_at_once(docker_sandbox& box)
{
    co_await (box.start() && box.start() && box.exists("/etc/passwd"));
}

std::string unique_name()
{
    return "agent-backends-test-" + boost::uuids::to_string(boost::uuids::random_generator()()).substr(0, 8);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(docker_sandbox_lifecycle)

BOOST_AUTO_TEST_CASE(container_starts_lazily_once_and_stop_removes_it)
{
    test::engine_session s;
    if (!s.ready())
        return;
    auto opts = s.sandbox_options();
    opts.sandbox_id = "lifecycle-" + unique_name();
    docker_sandbox box(s.engine(), opts);
    BOOST_TEST(box.id() == opts.sandbox_id);
    BOOST_TEST(box.container_id().empty());
    BOOST_TEST(!box.last_activity().has_value());
    BOOST_TEST(!s.run(box.is_alive()));

    BOOST_TEST(s.run(box.execute("echo up")).output == "up\n");  // the first operation starts it
    const auto id = box.container_id();
    BOOST_TEST(!id.empty());
    BOOST_TEST(box.last_activity().has_value());
    s.run(box.start());
    BOOST_TEST(box.container_id() == id);
    BOOST_TEST(s.containers_labelled(opts.sandbox_id) == 1u);
    BOOST_TEST(s.run(box.is_alive()));

    s.run(box.stop());
    BOOST_TEST(box.container_id().empty());
    BOOST_TEST(!s.run(box.is_alive()));
    BOOST_TEST(s.containers_labelled(opts.sandbox_id) == 0u);
    s.run(box.stop());  // idempotent
}

BOOST_AUTO_TEST_CASE(concurrent_first_starts_create_one_container)
{
    test::engine_session s;
    if (!s.ready())
        return;
    auto opts = s.sandbox_options();
    opts.sandbox_id = "concurrent-" + unique_name();
    docker_sandbox box(s.engine(), opts);
    s.run(start_three_at_once(box));
    BOOST_TEST(s.containers_labelled(opts.sandbox_id) == 1u);
    s.run(box.stop());
    BOOST_TEST(s.containers_labelled(opts.sandbox_id) == 0u);
}

BOOST_AUTO_TEST_CASE(options_set_environment_work_dir_and_labels)
{
    test::engine_session s;
    if (!s.ready())
        return;
    auto opts = s.sandbox_options();
    opts.sandbox_id = "options-" + unique_name();
    opts.work_dir = "/srv/app";
    opts.env = {{"MODE", "test run"}};
    opts.labels = {{"purpose", "lifecycle-test"}};
    docker_sandbox box(s.engine(), opts);
    BOOST_TEST(s.run(box.execute("pwd; echo \"$MODE\"")).output == "/srv/app\ntest run\n");
    BOOST_TEST(s.run(box.write("rel.txt", "x")).path == "/srv/app/rel.txt");
    BOOST_TEST(s.containers_labelled(opts.sandbox_id) == 1u);
    BOOST_TEST((box.idle_timeout() == std::chrono::seconds(3600)));
    s.run(box.stop());
}

BOOST_AUTO_TEST_CASE(limits_network_mode_and_user_hold_inside_the_container)
{
    test::engine_session s;
    if (!s.ready())
        return;
    auto opts = s.sandbox_options();
    opts.sandbox_id = "limits-" + unique_name();
    opts.memory_bytes = 64 * 1024 * 1024;
    opts.cpus = 0.5;
    opts.pids_limit = 64;
    opts.network_mode = "none";
    opts.user = "65534:65534";
    docker_sandbox box(s.engine(), opts);
    // cgroup v2 files first, then v1 (hybrid hosts): each prints one value.
    auto r = s.run(box.execute("id -u; ls /sys/class/net | tr '\\n' ' '; echo;"
                               "cat /sys/fs/cgroup/memory.max 2>/dev/null || "
                               "cat /sys/fs/cgroup/memory/memory.limit_in_bytes;"
                               "cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max;"
                               "cut -d' ' -f1 /sys/fs/cgroup/cpu.max 2>/dev/null || "
                               "cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us"));
    BOOST_TEST((r.exit_code == 0), r.output);
    BOOST_TEST(r.output == "65534\nlo \n67108864\n64\n50000\n");
    s.run(box.stop());
}

BOOST_AUTO_TEST_CASE(a_named_container_is_kept_on_stop_and_reattached)
{
    test::engine_session s;
    if (!s.ready())
        return;
    auto opts = s.sandbox_options();
    opts.container_name = unique_name();
    std::string first_id;
    {
        docker_sandbox box(s.engine(), opts);
        s.run(box.write("/keep.txt", "kept"));
        first_id = box.container_id();
        s.run(box.stop());
        BOOST_TEST(s.run(s.engine()->inspect_container(first_id)).status == "exited");
    }
    docker_sandbox again(s.engine(), opts);
    BOOST_TEST(s.run(again.read_bytes("/keep.txt")) == "kept");
    BOOST_TEST(again.container_id() == first_id);
    BOOST_TEST(s.run(again.is_alive()));
    s.run(again.stop());
    BOOST_TEST(s.run(s.engine()->remove_container(first_id, true)));
}

BOOST_AUTO_TEST_CASE(a_container_removed_behind_its_back_is_reported_gone)
{
    test::engine_session s;
    if (!s.ready())
        return;
    docker_sandbox box(s.engine(), s.sandbox_options());
    s.run(box.start());
    const auto id = box.container_id();
    s.run(s.engine()->remove_container(id, true));
    auto failure = test::failure_of([&] { s.run(box.execute("true")); });
    BOOST_TEST(failure.code == errc::unavailable);
    BOOST_TEST(failure.message.starts_with("Sandbox container " + id.substr(0, 12) + " is gone"));
    BOOST_TEST(!s.run(box.is_alive()));
    BOOST_TEST(test::error_of([&] { s.run(box.read("/etc/passwd")); }) == errc::unavailable);
    s.run(box.stop());  // forgets it; a later start makes a new one
    s.run(box.start());
    BOOST_TEST(box.container_id() != id);
    BOOST_TEST(s.run(box.is_alive()));
    s.run(box.stop());
}

BOOST_AUTO_TEST_CASE(a_missing_file_in_a_removed_container_is_reported_gone)
{
    test::engine_session s;
    if (!s.ready())
        return;
    docker_sandbox box(s.engine(), s.sandbox_options());
    s.run(box.start());
    s.run(s.engine()->remove_container(box.container_id(), true));
    BOOST_TEST(test::error_of([&] { s.run(box.exists("/etc/passwd")); }) == errc::unavailable);
    s.run(box.stop());
}

BOOST_AUTO_TEST_CASE(background_jobs_end_when_the_sandbox_stops)
{
    test::engine_session s;
    if (!s.ready())
        return;
    docker_sandbox box(s.engine(), s.sandbox_options());
    auto job = s.run(box.start_background("sleep 341"));
    BOOST_TEST(s.run(job->read()).running);
    s.run(box.stop());
    BOOST_TEST(s.run(job->wait()) == 137);
    BOOST_TEST(!s.run(job->read()).running);
}

BOOST_AUTO_TEST_CASE(an_image_that_is_missing_and_not_pulled_is_not_found)
{
    test::engine_session s;
    if (!s.ready())
        return;
    auto opts = s.sandbox_options();
    opts.image = "agent-backends-test/no-such-image:1";
    docker_sandbox box(s.engine(), opts);
    auto failure = test::failure_of([&] { s.run(box.start()); });
    BOOST_TEST(failure.code == errc::not_found);
    BOOST_TEST(failure.message.find("agent-backends-test/no-such-image:1") != std::string::npos);
    BOOST_TEST(box.container_id().empty());
}

BOOST_AUTO_TEST_SUITE_END()
