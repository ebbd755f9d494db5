// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// Faults of the fake engine as our HTTP client sees them: each a clear error, none a hang, and the client
// usable afterwards.
#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "fake_engine_support.hpp"
#include "fakes/docker/fake_docker_engine.hpp"
#include "fakes/common/fault_plan.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

using namespace agent_backends;
using namespace agent_backends::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace json = boost::json;

namespace {

const http_client_options quick{.connect_timeout = 5'000ms, .request_timeout = 10'000ms};

// The failure of one request to a fresh client, then whether that client still answers a ping.
failure failure_then_recovery(fake_docker_engine& fake, http_request req, bool& recovered,
                              http_client_options opts = quick)
{
    failure f;
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint(), opts);
        try
        {
            co_await client.request(req);
            BOOST_ERROR("expected an error");
        }
        catch (const error& e)
        {
            f = {e.condition(), e.what()};
        }
        recovered = (co_await client.request({.target = "/_ping"})).status == 200u;
    }());
    return f;
}

// Waits (bounded) until the engine has read `count` requests.
task<void> requests_read(fake_docker_engine& fake, std::size_t count)
{
    asio::steady_timer timer(co_await asio::this_coro::executor);
    for (auto deadline = std::chrono::steady_clock::now() + 10s;
         fake.requests().size() < count && std::chrono::steady_clock::now() < deadline;)
    {
        timer.expires_after(5ms);
        co_await timer.async_wait(asio::use_awaitable);
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fake_docker_engine_faults)

BOOST_AUTO_TEST_CASE(paths_match_with_star_for_one_segment_and_double_star_for_any)
{
    using test::path_matches;
    BOOST_TEST(path_matches("/containers/create", "/containers/create"));
    BOOST_TEST(path_matches("/containers/*/start", "/containers/3f2a/start"));
    BOOST_TEST(!path_matches("/containers/*/start", "/containers/3f2a/stop"));
    BOOST_TEST(!path_matches("/containers/*", "/containers/3f2a/start"));
    BOOST_TEST(path_matches("/images/**/json", "/images/agent-backends-test/busybox:latest/json"));
    BOOST_TEST(path_matches("/images/**/json", "/images/json"));
    BOOST_TEST(path_matches("/**", "/exec/abc/start"));
    BOOST_TEST(!path_matches("/exec/*/start", "/exec/abc/json"));
}

BOOST_AUTO_TEST_CASE(fail_next_answers_the_status_and_message_once_then_normally)
{
    fake_docker_engine fake({.images = {"busybox"}});
    fake.fail_next("POST", "/containers/create", 500, "boom");
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto body = R"({"Image":"busybox"})";
        auto failed = co_await client.request(post_json("/v1.43/containers/create", body));
        BOOST_TEST(failed.status == 500u);
        BOOST_TEST(failed.headers.find("Content-Type").value_or("") == "application/json");
        BOOST_TEST(json_of(failed).at("message").as_string() == "boom");
        auto next = co_await client.request(post_json("/v1.43/containers/create", body));
        BOOST_TEST(next.status == 201u);
    }());
    BOOST_TEST(fake.containers().size() == 1u);
}

BOOST_AUTO_TEST_CASE(skip_and_times_count_the_matching_requests)
{
    fake_docker_engine fake;
    fake.inject({.method = "GET", .path = "/_ping", .status = 503, .message = "busy", .times = 2, .skip = 1});
    fake.inject({.path = "/version", .status = 418, .times = fake_fault::always});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        std::vector<unsigned> pings;
        for (int i = 0; i < 4; ++i)
            pings.push_back((co_await client.request({.target = "/_ping"})).status);
        BOOST_TEST(pings == (std::vector<unsigned>{200, 503, 503, 200}), "");
        for (int i = 0; i < 3; ++i)
            BOOST_TEST((co_await client.request({.target = "/v1.41/version"})).status == 418u);
        fake.clear_faults();
        BOOST_TEST((co_await client.request({.target = "/version"})).status == 200u);
    }());
}

BOOST_AUTO_TEST_CASE(invalid_json_keeps_the_status_but_breaks_the_body)
{
    fake_docker_engine fake({.images = {"busybox"}});
    fake.inject({.path = "/containers/create", .kind = fake_fault_kind::invalid_json});
    fake.inject({.path = "/images/create", .kind = fake_fault_kind::invalid_json});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto created = co_await client.request(post_json("/containers/create", R"({"Image":"busybox"})"));
        BOOST_TEST(created.status == 201u);
        boost::system::error_code ec;
        json::parse(created.body, ec);
        BOOST_TEST(ec.failed());
        auto pull = co_await client.request(post_json("/images/create?fromImage=alpine", ""));
        BOOST_TEST(pull.status == 200u);
        json::parse(pull.body, ec);
        BOOST_TEST(ec.failed());
    }());
}

BOOST_AUTO_TEST_CASE(stall_never_answers_and_the_client_times_out_then_works_again)
{
    fake_docker_engine fake;
    fake.inject({.method = "POST", .path = "/containers/create", .kind = fake_fault_kind::stall});
    bool recovered = false;
    auto start = std::chrono::steady_clock::now();
    auto stalled = post_json("/containers/create", "{}");
    stalled.timeout = 300ms;
    auto f = failure_then_recovery(fake, stalled, recovered);
    auto took = std::chrono::steady_clock::now() - start;
    BOOST_TEST(f.code == errc::timed_out, f.message);
    BOOST_TEST(recovered);
    bool bounded = took < 5s;
    BOOST_TEST(bounded);
}

BOOST_AUTO_TEST_CASE(malformed_status_line_is_a_protocol_error)
{
    fake_docker_engine fake;
    fake.inject({.method = "POST", .kind = fake_fault_kind::malformed_status_line});
    bool recovered = false;
    auto f = failure_then_recovery(fake, post_json("/containers/create", "{}"), recovered);
    BOOST_TEST(f.code == errc::protocol_error, f.message);
    BOOST_TEST(f.message.find("Malformed HTTP response") != std::string::npos, f.message);
    BOOST_TEST(recovered);
}

BOOST_AUTO_TEST_CASE(truncated_chunked_body_is_a_protocol_error)
{
    fake_docker_engine fake;
    fake.inject({.method = "POST", .kind = fake_fault_kind::truncated_chunked_body});
    bool recovered = false;
    auto f = failure_then_recovery(fake, post_json("/images/create?fromImage=alpine", ""), recovered);
    BOOST_TEST(f.code == errc::protocol_error, f.message);
    BOOST_TEST(f.message.find("was complete") != std::string::npos, f.message);
    BOOST_TEST(recovered);
}

BOOST_AUTO_TEST_CASE(dropped_connection_is_a_protocol_error)
{
    fake_docker_engine fake;
    fake.inject({.method = "POST", .kind = fake_fault_kind::drop_connection});
    bool recovered = false;
    auto f = failure_then_recovery(fake, post_json("/containers/create", "{}"), recovered);
    BOOST_TEST(f.code == errc::protocol_error, f.message);
    BOOST_TEST(f.message.find("without responding") != std::string::npos, f.message);
    BOOST_TEST(recovered);
}

BOOST_AUTO_TEST_CASE(dropped_exec_stream_ends_inside_a_frame_and_the_command_still_finishes)
{
    fake_docker_engine fake({.images = {"busybox"}});
    fake.inject({.path = "/exec/*/start", .kind = fake_fault_kind::drop_connection});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto id = co_await start_container(client);
        auto created = co_await client.request(post_json(
            "/containers/" + id + "/exec", R"({"AttachStdout":true,"AttachStderr":true,)"
                                           R"("Cmd":["sh","-c","echo hello-world; sleep 0.2; exit 4"]})"));
        std::string exec_id(json_of(created).at("Id").as_string());
        auto stream = co_await client.upgrade(post_json("/exec/" + exec_id + "/start", "{}"));
        BOOST_TEST(stream.status() == 101u);
        auto raw = co_await read_to_end(stream);
        BOOST_TEST(raw.size() < 8u + 12u);
        BOOST_TEST(!demultiplex(raw).well_formed);
        asio::steady_timer timer(co_await asio::this_coro::executor);
        json::value state;
        for (int i = 0; i < 500; ++i)
        {
            state = json_of(co_await client.request({.target = "/exec/" + exec_id + "/json"}));
            if (!state.at("Running").as_bool())
                break;
            timer.expires_after(10ms);
            co_await timer.async_wait(asio::use_awaitable);
        }
        BOOST_TEST(state.at("ExitCode").as_int64() == 4);
    }());
}

BOOST_AUTO_TEST_CASE(malformed_frame_header_follows_the_switch)
{
    fake_docker_engine fake({.images = {"busybox"}});
    fake.inject({.path = "/exec/*/start", .kind = fake_fault_kind::malformed_frame_header});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto id = co_await start_container(client);
        auto created = co_await client.request(
            post_json("/containers/" + id + "/exec", R"({"AttachStdout":true,"Cmd":["echo","hi"]})"));
        std::string exec_id(json_of(created).at("Id").as_string());
        auto stream = co_await client.upgrade(post_json("/exec/" + exec_id + "/start", "{}"));
        BOOST_TEST(stream.status() == 101u);
        auto raw = co_await read_to_end(stream);
        BOOST_REQUIRE(!raw.empty());
        BOOST_TEST(static_cast<int>(raw[0]) == 7);
        BOOST_TEST(!demultiplex(raw).well_formed);
    }());
}

BOOST_AUTO_TEST_CASE(stopping_the_engine_ends_stalled_and_waiting_requests)
{
    fake_docker_engine fake({.images = {"busybox"}});
    fake.inject({.method = "POST", .path = "/containers/create", .kind = fake_fault_kind::stall});
    run_task([&]() -> task<void> {
        using namespace asio::experimental::awaitable_operators;
        http_client client(co_await asio::this_coro::executor, fake.endpoint(), {.request_timeout = 30s});
        auto stop_when_read = [&]() -> task<void> {
            co_await requests_read(fake, 1);
            BOOST_TEST(fake.open_connections() == 1u);
            fake.stop();
            BOOST_TEST(fake.open_connections() == 0u);
        };
        auto start = std::chrono::steady_clock::now();
        try
        {
            co_await (client.request(post_json("/containers/create", "{}")) && stop_when_read());
            BOOST_ERROR("expected an error");
        }
        catch (const error& e)
        {
            BOOST_TEST(e.condition() == errc::protocol_error, e.what());
        }
        bool prompt = std::chrono::steady_clock::now() - start < 10s;
        BOOST_TEST(prompt);
        try
        {
            co_await client.request({.target = "/_ping"});
            BOOST_ERROR("expected an error");
        }
        catch (const error& e)
        {
            BOOST_TEST(e.condition() == errc::unavailable, e.what());
        }
    }());
}

BOOST_AUTO_TEST_SUITE_END()
