// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// Every fault kind, on the REST endpoints (seen through our http_client) and on the exec WebSocket (seen
// through a Beast client): each a clear failure, none a hang, the connection released afterwards.
#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "kubernetes_fake_support.hpp"

#include <boost/asio/this_coro.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

using namespace agent_backends;
using namespace agent_backends::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace json = boost::json;

namespace {

const std::string pods_path = "/api/v1/namespaces/default/pods";

// The failure of one request on a fresh client, then whether that client still lists pods.
failure failure_then_recovery(fake_kubernetes_api& api, http_request req, bool& recovered)
{
    failure f;
    run_task([&]() -> task<void> {
        auto opts = client_options(api);
        opts.request_timeout = 1'000ms;
        http_client client(co_await asio::this_coro::executor, api.endpoint(), opts);
        try
        {
            co_await client.request(req);
            BOOST_ERROR("expected an error");
        }
        catch (const error& e)
        {
            f = {e.condition(), e.what()};
        }
        recovered = (co_await client.request(get(pods_path))).status == 200u;
    }());
    return f;
}

bool released(fake_kubernetes_api& api)
{
    return run_task(eventually([&] { return api.open_connections() == 0; }));
}

struct pod_fixture
{
    pod_fixture()
    {
        run_task([&]() -> task<void> {
            http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
            co_await create_running_pod(client, "sbx");
        }());
    }

    ws_exec_result exec(std::vector<std::string> argv, std::chrono::seconds limit = std::chrono::seconds(20))
    {
        return run_task(ws_exec(api, {.target = exec_target("sbx", argv), .limit = limit}));
    }

    fake_kubernetes_api api;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(fake_kubernetes_api_faults)

BOOST_AUTO_TEST_CASE(error_status_answers_a_status_with_the_reason_of_the_code_once)
{
    fake_kubernetes_api api;
    api.fail_next("POST", "/api/v1/namespaces/*/pods", 403, "pods is forbidden: no create for you");
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
        auto refused = co_await client.request(post_json(pods_path, pod_json("sbx")));
        BOOST_TEST(refused.status == 403u);
        BOOST_TEST(json::serialize(json_of(refused)) ==
                   R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",)"
                   R"("message":"pods is forbidden: no create for you","reason":"Forbidden","code":403})");
        BOOST_TEST((co_await client.request(post_json(pods_path, pod_json("sbx")))).status == 201u);
    }());
}

BOOST_AUTO_TEST_CASE(skip_and_times_answer_normally_first_then_fail_that_many)
{
    fake_kubernetes_api api;
    api.inject(
        {.method = "GET", .path = "/api/v1/**", .status = 503, .message = "busy", .times = 2, .skip = 1});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
        std::vector<unsigned> codes;
        for (int i = 0; i < 4; ++i)
            codes.push_back((co_await client.request(get(pods_path))).status);
        BOOST_TEST((codes == std::vector<unsigned>{200, 503, 503, 200}));
        api.inject({.path = "/version", .status = 500, .times = fake_fault::always});
        api.clear_faults();
        BOOST_TEST((co_await client.request(get("/version"))).status == 200u);
    }());
}

BOOST_AUTO_TEST_CASE(invalid_json_keeps_the_status_and_takes_effect)
{
    fake_kubernetes_api api;
    api.inject({.method = "POST", .kind = fake_fault_kind::invalid_json});
    api.inject({.method = "GET",
                .path = "/api/v1/namespaces/default/pods/sbx",
                .kind = fake_fault_kind::malformed_frame_header});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
        auto created = co_await client.request(post_json(pods_path, pod_json("sbx")));
        BOOST_TEST(created.status == 201u);
        boost::system::error_code ec;
        json::parse(created.body, ec);
        BOOST_TEST(ec.failed());
        BOOST_TEST(api.pod("default", "sbx").has_value());
        auto got = co_await client.request(get(pods_path + "/sbx"));
        BOOST_TEST(got.status == 200u);
        json::parse(got.body, ec);
        BOOST_TEST(ec.failed());
    }());
}

BOOST_AUTO_TEST_CASE(stall_never_answers_so_the_client_times_out)
{
    fake_kubernetes_api api;
    api.inject({.method = "GET", .path = pods_path, .kind = fake_fault_kind::stall});
    bool recovered = false;
    auto f = failure_then_recovery(api, get(pods_path), recovered);
    BOOST_TEST(f.code == errc::timed_out);
    BOOST_TEST(recovered);
    BOOST_TEST(released(api));
}

BOOST_AUTO_TEST_CASE(drop_connection_closes_without_an_answer)
{
    fake_kubernetes_api api;
    api.inject({.method = "GET", .path = pods_path, .kind = fake_fault_kind::drop_connection});
    bool recovered = false;
    auto f = failure_then_recovery(api, get(pods_path), recovered);
    BOOST_TEST(f.code == errc::protocol_error);
    BOOST_TEST(recovered);
    BOOST_TEST(released(api));
}

BOOST_AUTO_TEST_CASE(malformed_status_line_and_truncated_chunked_body_are_protocol_errors)
{
    fake_kubernetes_api api;
    api.inject({.path = "/api/v1/namespaces/*/pods", .kind = fake_fault_kind::malformed_status_line});
    bool recovered = false;
    BOOST_TEST(failure_then_recovery(api, get(pods_path), recovered).code == errc::protocol_error);
    BOOST_TEST(recovered);
    api.inject({.path = "/api/v1/namespaces/*/pods", .kind = fake_fault_kind::truncated_chunked_body});
    BOOST_TEST(failure_then_recovery(api, get(pods_path), recovered).code == errc::protocol_error);
    BOOST_TEST(recovered);
    BOOST_TEST(released(api));
}

BOOST_AUTO_TEST_CASE(error_status_on_exec_refuses_before_the_upgrade)
{
    pod_fixture p;
    p.api.fail_next("GET", "/api/v1/namespaces/default/pods/*/exec", 403,
                    "pods \"sbx\" is forbidden: cannot create resource \"pods/exec\"");
    auto r = p.exec({"true"});
    BOOST_TEST(!r.upgraded);
    BOOST_TEST(r.refusal_status == 403u);
    BOOST_TEST(r.refusal_body.find("cannot create resource") != std::string::npos);
    BOOST_TEST(p.exec({"true"}).closed_normally);
    BOOST_TEST(released(p.api));
}

BOOST_AUTO_TEST_CASE(invalid_json_on_exec_puts_it_on_channel_3)
{
    pod_fixture p;
    p.api.inject({.path = "/api/v1/namespaces/default/pods/sbx/exec", .kind = fake_fault_kind::invalid_json});
    auto r = p.exec({"sh", "-c", "echo out"});
    BOOST_TEST(r.out == "out\n");
    BOOST_TEST(r.status_messages == 1);
    boost::system::error_code ec;
    json::parse(r.status, ec);
    BOOST_TEST(ec.failed());
    BOOST_TEST(released(p.api));
}

BOOST_AUTO_TEST_CASE(stall_on_exec_upgrades_then_sends_nothing)
{
    pod_fixture p;
    p.api.inject({.path = "/api/v1/namespaces/default/pods/sbx/exec", .kind = fake_fault_kind::stall});
    auto start = std::chrono::steady_clock::now();
    auto r = p.exec({"echo", "never"}, std::chrono::seconds(1));
    BOOST_TEST(r.upgraded);
    BOOST_TEST(r.messages.empty());
    BOOST_TEST((std::chrono::steady_clock::now() - start >= 900ms));
    BOOST_TEST(released(p.api));
}

BOOST_AUTO_TEST_CASE(drop_connection_on_exec_cuts_the_stream_after_some_output)
{
    pod_fixture p;
    p.api.inject(
        {.path = "/api/v1/namespaces/default/pods/sbx/exec", .kind = fake_fault_kind::drop_connection});
    auto r = p.exec({"sh", "-c", "echo first; sleep 0.2; echo second"});
    BOOST_TEST(r.upgraded);
    BOOST_TEST(r.out == "first\n");
    BOOST_TEST(r.status.empty());
    BOOST_TEST(!r.closed_normally);
    BOOST_TEST(!r.read_error.empty());
    BOOST_TEST(released(p.api));
}

BOOST_AUTO_TEST_CASE(malformed_frame_header_on_exec_breaks_the_websocket_framing)
{
    pod_fixture p;
    p.api.inject({.path = "/api/v1/namespaces/default/pods/sbx/exec",
                  .kind = fake_fault_kind::malformed_frame_header});
    auto r = p.exec({"echo", "x"});
    BOOST_TEST(r.upgraded);
    BOOST_TEST(r.messages.empty());
    BOOST_TEST(!r.closed_normally);
    BOOST_TEST(!r.read_error.empty());
    BOOST_TEST_MESSAGE("the client read: " << r.read_error);
    BOOST_TEST(released(p.api));
}

BOOST_AUTO_TEST_SUITE_END()
