// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/daytona_sandbox.hpp>

#include "common/expect_error.hpp"
#include "common/run_task.hpp"
#include "daytona_test_support.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/json/object.hpp>
#include <boost/test/unit_test.hpp>

#include <stdlib.h>

namespace asio = boost::asio;
namespace json = boost::json;
using namespace agent_backends;
using namespace agent_backends::test;

BOOST_AUTO_TEST_SUITE(daytona_sandbox_lifecycle_tests)

BOOST_AUTO_TEST_CASE(start_creates_from_the_snapshot_with_env_labels_and_resources)
{
    fake_daytona fake({.pending_reads = 3});
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor,
                            daytona_options(fake, {.snapshot = "my-snap",
                                                   .sandbox_id = "box-1",
                                                   .name = "agent-box",
                                                   .user = "root",
                                                   .env = {{"GREETING", "hello there"}},
                                                   .labels = {{"team", "qa"}},
                                                   .cpu = 2,
                                                   .memory_gib = 4,
                                                   .disk_gib = 10,
                                                   .auto_stop_minutes = 30}));
        BOOST_TEST(box.remote_id().empty());
        co_await box.start();
        co_await box.start();  // idempotent
        auto body = only_create_body(fake).as_object();
        BOOST_TEST(body.at("snapshot").as_string() == "my-snap");
        BOOST_TEST(body.at("name").as_string() == "agent-box");
        BOOST_TEST(body.at("user").as_string() == "root");
        BOOST_TEST(body.at("env").at("GREETING").as_string() == "hello there");
        BOOST_TEST(body.at("labels").at("team").as_string() == "qa");
        BOOST_TEST(body.at("labels").at("agent-backends.sandbox").as_string() == "box-1");
        BOOST_TEST(body.at("cpu").as_int64() == 2);
        BOOST_TEST(body.at("memory").as_int64() == 4);
        BOOST_TEST(body.at("disk").as_int64() == 10);
        BOOST_TEST(body.at("autoStopInterval").as_int64() == 30);
        BOOST_TEST(!body.contains("buildInfo"));
        BOOST_TEST(count_requests(fake, "POST", "/api/sandbox") == 1u);
        BOOST_TEST(count_requests(fake, "GET", "/api/sandbox/*") >= 3u);  // waited through `creating`

        auto remote = fake.sandbox(box.remote_id());
        BOOST_REQUIRE(remote);
        BOOST_TEST(remote->state == "started");
        BOOST_TEST(co_await box.is_alive());
        auto env = co_await box.execute("printf %s \"$GREETING\"");
        BOOST_TEST(env.output == "hello there");  // the sandbox's own environment
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(every_request_carries_the_key_the_organisation_and_our_source)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        auto opts = daytona_options(fake);
        opts.config->organization_id = "org-7";
        daytona_sandbox box(co_await asio::this_coro::executor, opts);
        co_await box.write("/a.txt", "x");
        co_await box.stop();
        for (const auto& exchange : fake.exchanges())
        {
            BOOST_TEST(exchange.headers.at("authorization") == "Bearer fake-daytona-key");
            BOOST_TEST(exchange.headers.at("x-daytona-organization-id") == "org-7");
            BOOST_TEST(exchange.headers.at("x-daytona-source") == "agent-backends");
        }
        BOOST_TEST(count_requests(fake, "POST", "/toolbox/*/files/upload") == 1u);
    }());
}

BOOST_AUTO_TEST_CASE(an_image_is_built_from_a_dockerfile_naming_it)
{
    fake_daytona fake({.pending_reads = 2});
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor,
                            daytona_options(fake, {.snapshot = "ignored", .image = "python:3.12-slim"}));
        co_await box.start();
        auto body = only_create_body(fake).as_object();
        BOOST_TEST(body.at("buildInfo").at("dockerfileContent").as_string() == "FROM python:3.12-slim\n");
        BOOST_TEST(!body.contains("snapshot"));
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(stop_deletes_the_remote_sandbox_and_is_idempotent)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        co_await box.stop();  // before start: nothing to do
        BOOST_TEST(count_requests(fake, "DELETE", "/api/sandbox/*") == 0u);
        co_await box.start();
        const auto id = box.remote_id();
        BOOST_TEST(fake.sandbox(id).has_value());
        co_await box.stop();
        BOOST_TEST(!fake.sandbox(id).has_value());  // watched until gone
        BOOST_TEST(box.remote_id().empty());
        BOOST_TEST(!co_await box.is_alive());
        co_await box.stop();
        BOOST_TEST(count_requests(fake, "DELETE", "/api/sandbox/*") == 1u);
    }());
    BOOST_TEST(eventually_here([&] { return fake.open_connections() == 0; }));
}

BOOST_AUTO_TEST_CASE(attach_starts_a_stopped_sandbox_and_stop_keeps_it)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        std::string id;
        {
            daytona_sandbox owner(ex, daytona_options(fake, {.name = "shared"}));
            co_await owner.write("kept.txt", "still here");
            id = owner.remote_id();
            fake.set_state(id, "stopped");
            daytona_sandbox guest(ex, daytona_options(fake, {.attach_to = "shared"}));
            co_await guest.start();
            BOOST_TEST(guest.remote_id() == id);
            BOOST_TEST(count_requests(fake, "POST", "/api/sandbox/*/start") == 1u);
            BOOST_TEST(co_await guest.read_bytes("kept.txt") == "still here");
            auto job = co_await guest.start_background("sleep 30");
            co_await guest.stop();
            BOOST_TEST(fake.sandbox(id)->state == "started");  // attached: kept
            BOOST_TEST(fake.sandbox(id)->sessions == 0u);      // but its jobs ended
            BOOST_TEST(!(co_await job->read()).running);
            co_await owner.stop();
        }
        BOOST_TEST(!fake.sandbox(id));
    }());
}

BOOST_AUTO_TEST_CASE(attaching_to_an_unknown_sandbox_fails_not_found)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor,
                            daytona_options(fake, {.attach_to = "nobody"}));
        auto failure = co_await [&]() -> task<test::failure> {
            try
            {
                co_await box.start();
            }
            catch (const error& e)
            {
                co_return test::failure{e.condition(), e.what()};
            }
            co_return test::failure{};
        }();
        BOOST_TEST(failure.code == errc::not_found);
        BOOST_TEST(failure.message == "Daytona sandbox 'nobody' not found (attach_to)");
    }());
}

BOOST_AUTO_TEST_CASE(a_sandbox_that_ends_in_error_fails_start_with_the_reason_and_is_deleted)
{
    fake_daytona fake;
    fake.fail_starts("error", "no capacity in region us");
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        std::string message;
        try
        {
            co_await box.start();
        }
        catch (const error& e)
        {
            BOOST_TEST(e.condition() == errc::unavailable);
            message = e.what();
        }
        BOOST_TEST(message.find("failed to start (error): no capacity in region us") != std::string::npos);
        BOOST_TEST(count_requests(fake, "DELETE", "/api/sandbox/*") == 1u);
        BOOST_TEST((fake.sandboxes().empty() || fake.sandboxes().front().state == "destroying"));
    }());
}

BOOST_AUTO_TEST_CASE(a_sandbox_that_never_starts_times_out_and_is_deleted)
{
    fake_daytona fake({.pending_reads = 1000000});
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor,
                            daytona_options(fake, {.startup_timeout = std::chrono::seconds(1)}));
        const auto began = std::chrono::steady_clock::now();
        std::string message;
        try
        {
            co_await box.start();
        }
        catch (const error& e)
        {
            BOOST_TEST(e.condition() == errc::timed_out);
            message = e.what();
        }
        BOOST_TEST((std::chrono::steady_clock::now() - began < std::chrono::seconds(5)));
        BOOST_TEST(message.find("did not start within 1 s (state: creating)") != std::string::npos);
        BOOST_TEST(count_requests(fake, "DELETE", "/api/sandbox/*") == 1u);
    }());
}

BOOST_AUTO_TEST_CASE(cancelling_start_deletes_what_was_created_then_throws_operation_aborted)
{
    fake_daytona fake({.pending_reads = 1000000});
    run_task([&]() -> task<void> {
        using namespace asio::experimental::awaitable_operators;
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        // Cancelled while it waits for the sandbox to start.
        auto winner = co_await (box.start() || eventually([&] { return fake.sandboxes().size() == 1; }));
        BOOST_TEST(winner.index() == 1u);
        BOOST_TEST(count_requests(fake, "DELETE", "/api/sandbox/*") == 1u);  // before the cancel returned
        BOOST_TEST(box.remote_id().empty());
    }());
}

BOOST_AUTO_TEST_CASE(concurrent_first_operations_share_one_creation)
{
    fake_daytona fake({.pending_reads = 3});
    run_task([&]() -> task<void> {
        using namespace asio::experimental::awaitable_operators;
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        co_await (box.write("a.txt", "a") && box.write("b.txt", "b") && box.exists("c.txt"));
        BOOST_TEST(count_requests(fake, "POST", "/api/sandbox") == 1u);
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(a_sandbox_deleted_behind_our_back_is_reported_gone)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        co_await box.write("a.txt", "a");
        const auto id = box.remote_id();
        BOOST_TEST(fake.remove_sandbox(id));
        std::string message;
        try
        {
            co_await box.read("a.txt");
        }
        catch (const error& e)
        {
            BOOST_TEST(e.condition() == errc::unavailable);
            message = e.what();
        }
        BOOST_TEST(message.starts_with("Sandbox " + id + " is gone"));
        BOOST_TEST(!co_await box.is_alive());
        auto again = co_await [&]() -> task<std::string> {
            try
            {
                co_await box.execute("true");
            }
            catch (const error& e)
            {
                co_return std::string(e.what());
            }
            co_return std::string();
        }();
        BOOST_TEST(again == message);  // remembered: no more requests to a sandbox that is gone
        co_await box.stop();
        co_await box.start();  // a new one after stop
        BOOST_TEST(box.remote_id() != id);
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(a_sandbox_stopped_behind_our_back_is_not_alive)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        co_await box.start();
        fake.set_state(box.remote_id(), "stopped");
        BOOST_TEST(!co_await box.is_alive());
        std::string message;
        try
        {
            co_await box.exists("a.txt");
        }
        catch (const error& e)
        {
            message = e.what();
        }
        BOOST_TEST(message.find("is not running (stopped)") != std::string::npos);
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(configuration_comes_from_the_environment_as_the_sdks_read_it)
{
    ::unsetenv("DAYTONA_API_KEY");
    auto missing = failure_of([] { daytona_config::from_environment(); });
    BOOST_TEST(missing.code == errc::invalid_argument);
    BOOST_TEST(missing.message.starts_with("DAYTONA_API_KEY is not set"));
    ::setenv("DAYTONA_API_KEY", "k1", 1);
    ::setenv("DAYTONA_API_URL", "http://127.0.0.1:9/api", 1);
    ::setenv("DAYTONA_TARGET", "eu", 1);
    ::setenv("DAYTONA_ORGANIZATION_ID", "org", 1);
    auto config = daytona_config::from_environment();
    BOOST_TEST(config.api_key == "k1");
    BOOST_TEST(config.api_url.port == 9);
    BOOST_TEST(config.api_url.base_path == "/api");
    BOOST_TEST(config.target == "eu");
    BOOST_TEST(config.organization_id == "org");
    ::setenv("DAYTONA_API_URL", "ftp://x", 1);
    BOOST_TEST(failure_of([] { daytona_config::from_environment(); }).code == errc::invalid_argument);
    for (const char* name :
         {"DAYTONA_API_KEY", "DAYTONA_API_URL", "DAYTONA_TARGET", "DAYTONA_ORGANIZATION_ID"})
        ::unsetenv(name);
}

BOOST_AUTO_TEST_CASE(the_target_region_is_sent_with_the_create)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        auto opts = daytona_options(fake);
        opts.config->target = "eu";
        daytona_sandbox box(co_await asio::this_coro::executor, opts);
        co_await box.start();
        BOOST_TEST(only_create_body(fake).at("target").as_string() == "eu");
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_SUITE_END()
