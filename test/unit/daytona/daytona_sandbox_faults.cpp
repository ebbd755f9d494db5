// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// Remote refusals and broken answers: each is a clear error within the client's limits, and the sandbox
// stays usable afterwards.
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/daytona_sandbox.hpp>

#include "common/run_task.hpp"
#include "daytona_test_support.hpp"

#include <boost/test/unit_test.hpp>

namespace asio = boost::asio;
using namespace agent_backends;
using namespace agent_backends::test;

namespace {

template <class Op>
task<failure> failure_in(Op op)
{
    try
    {
        co_await op();
    }
    catch (const error& e)
    {
        co_return failure{e.condition(), e.what()};
    }
    BOOST_ERROR("expected an error");
    co_return failure{};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(daytona_sandbox_fault_tests)

BOOST_AUTO_TEST_CASE(a_refused_key_is_unavailable_and_says_which_variable_to_check)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        auto opts = daytona_options(fake);
        opts.config->api_key = "wrong";
        daytona_sandbox box(co_await asio::this_coro::executor, opts);
        auto refused = co_await failure_in([&]() { return box.start(); });
        BOOST_TEST(refused.code == errc::unavailable);
        BOOST_TEST(refused.message ==
                   "Daytona API refused the API key: Unauthorized. Check DAYTONA_API_KEY (and "
                   "DAYTONA_ORGANIZATION_ID with a JWT).");
    }());
}

BOOST_AUTO_TEST_CASE(control_plane_statuses_map_to_codes_with_the_server_message)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        const std::pair<unsigned, errc> cases[] = {{403, errc::permission_denied},
                                                   {404, errc::not_found},
                                                   {500, errc::unavailable},
                                                   {400, errc::unavailable}};
        for (const auto& [status, code] : cases)
        {
            fake.fail_next("POST", "/api/sandbox", status, "no sandbox for you");
            daytona_sandbox box(ex, daytona_options(fake));
            auto failed = co_await failure_in([&]() { return box.start(); });
            BOOST_TEST(failed.code == code);
            BOOST_TEST(failed.message == "Daytona API: no sandbox for you");
        }
        BOOST_TEST(fake.sandboxes().empty());
    }());
}

BOOST_AUTO_TEST_CASE(toolbox_refusals_carry_the_toolbox_message)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        co_await box.write("a.txt", "a");
        fake.fail_next("GET", "/toolbox/*/files/info", 403, "permission denied: /root");
        auto denied = co_await failure_in([&]() { return box.read("a.txt"); });
        BOOST_TEST(denied.code == errc::permission_denied);
        BOOST_TEST(denied.message == "Daytona toolbox: permission denied: /root");
        fake.fail_next("POST", "/toolbox/*/process/execute", 500, "daemon crashed");
        auto crashed = co_await failure_in([&]() { return box.execute("true"); });
        BOOST_TEST(crashed.code == errc::unavailable);
        BOOST_TEST(crashed.message == "Daytona toolbox: daemon crashed");
        BOOST_TEST((co_await box.execute("echo fine")).output == "fine\n");
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(a_dropped_connection_is_a_protocol_error_and_the_next_request_works)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        co_await box.start();
        // A POST is never sent twice, so the drop reaches us (an idempotent GET would be retried).
        fake.inject({.method = "POST",
                     .path = "/toolbox/*/process/execute",
                     .kind = fake_fault_kind::drop_connection});
        auto dropped = co_await failure_in([&]() { return box.execute("echo once"); });
        BOOST_TEST(dropped.code == errc::protocol_error);
        BOOST_TEST((co_await box.execute("echo twice")).output == "twice\n");
        fake.inject(
            {.method = "GET", .path = "/toolbox/*/files/info", .kind = fake_fault_kind::drop_connection});
        BOOST_TEST(!co_await box.exists("a.txt"));  // retried once on a new connection
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(a_stalled_answer_times_out_within_the_client_limit)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        auto opts = daytona_options(fake);
        opts.http.request_timeout = std::chrono::milliseconds(500);
        daytona_sandbox box(co_await asio::this_coro::executor, opts);
        co_await box.start();
        fake.inject({.method = "GET", .path = "/toolbox/*/files/download", .kind = fake_fault_kind::stall});
        co_await box.write("a.txt", "a");
        const auto began = std::chrono::steady_clock::now();
        auto stalled = co_await failure_in([&]() { return box.read("a.txt"); });
        BOOST_TEST(stalled.code == errc::timed_out);
        BOOST_TEST((std::chrono::steady_clock::now() - began < std::chrono::seconds(3)));
        BOOST_TEST(co_await box.read("a.txt") == "     1\ta");
        co_await box.stop();
    }());
    BOOST_TEST(eventually_here([&] { return fake.open_connections() == 0; }));
}

BOOST_AUTO_TEST_CASE(invalid_json_is_a_protocol_error)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        fake.inject({.method = "POST", .path = "/api/sandbox", .kind = fake_fault_kind::invalid_json});
        auto broken = co_await failure_in([&]() { return box.start(); });
        BOOST_TEST(broken.code == errc::protocol_error);
        BOOST_TEST(broken.message.find("malformed answer to POST /sandbox") != std::string::npos);

        fake.inject(
            {.method = "POST", .path = "/toolbox/*/process/execute", .kind = fake_fault_kind::invalid_json});
        auto result = co_await failure_in([&]() { return box.execute("echo hi"); });
        BOOST_TEST(result.code == errc::protocol_error);
        fake.inject({.method = "GET", .path = "/toolbox/*/files", .kind = fake_fault_kind::invalid_json});
        BOOST_TEST((co_await failure_in([&]() { return box.ls("/"); })).code == errc::protocol_error);
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(broken_http_is_a_protocol_error)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
        co_await box.start();
        fake.inject({.path = "/toolbox/*/files/info", .kind = fake_fault_kind::malformed_status_line});
        BOOST_TEST((co_await failure_in([&]() { return box.exists("x"); })).code == errc::protocol_error);
        fake.inject({.path = "/toolbox/*/files", .kind = fake_fault_kind::truncated_chunked_body});
        BOOST_TEST((co_await failure_in([&]() { return box.ls("/"); })).code == errc::protocol_error);
        co_await box.stop();
    }());
}

BOOST_AUTO_TEST_CASE(an_unreachable_api_names_it)
{
    run_task([&]() -> task<void> {
        daytona_config config;
        config.api_url = http_endpoint::parse("http://127.0.0.1:1/api");
        config.api_key = "k";
        daytona_sandbox box(co_await asio::this_coro::executor, {.config = config});
        auto unreachable = co_await failure_in([&]() { return box.start(); });
        BOOST_TEST(unreachable.code == errc::unavailable);
        BOOST_TEST(
            unreachable.message.starts_with("Cannot connect to the Daytona API at http://127.0.0.1:1/api"));
    }());
}

BOOST_AUTO_TEST_CASE(no_connection_stays_open_once_the_sandbox_is_gone)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        {
            daytona_sandbox box(co_await asio::this_coro::executor, daytona_options(fake));
            co_await box.write("a.txt", "a");
            co_await box.execute("true");
            auto job = co_await box.start_background("sleep 30");
            BOOST_TEST(fake.open_connections() > 0u);  // kept alive for reuse meanwhile
            co_await box.stop();
        }
        // Destroying the sandbox closed its connections, jobs included.
        BOOST_TEST(co_await eventually([&] { return fake.open_connections() == 0; }));
        BOOST_TEST(co_await eventually([&] { return fake.running_commands() == 0; }));
    }());
}

BOOST_AUTO_TEST_SUITE_END()
