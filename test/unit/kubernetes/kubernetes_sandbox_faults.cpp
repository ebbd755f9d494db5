// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/kubernetes_sandbox.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "kubernetes_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

using namespace agent_backends;
using namespace std::chrono_literals;

namespace {

constexpr const char* exec_path = "/api/v1/namespaces/*/pods/*/exec";

test::fake_fault exec_fault(test::fake_fault_kind kind)
{
    return {.path = exec_path, .kind = kind};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kubernetes_sandbox_faults)

BOOST_AUTO_TEST_CASE(a_connection_dropped_mid_stream_is_unavailable)
{
    test::pod_session s;
    auto box = s.make_box();
    s.run(box->start());
    s.api().inject(exec_fault(test::fake_fault_kind::drop_connection));
    auto failure = test::failure_of([&] { s.run(box->execute("echo some output; sleep 1; echo more")); });
    BOOST_TEST(failure.code == errc::unavailable);
    BOOST_TEST(failure.message.find("connection lost") != std::string::npos, failure.message);
    // The pod is fine: the next command runs.
    BOOST_TEST(s.run(box->execute("echo next")).output == "next\n");
    s.run(box->stop());
}

BOOST_AUTO_TEST_CASE(a_stalled_exec_times_out_within_the_set_timeout)
{
    test::pod_session s;
    auto opts = s.options();
    opts.http.request_timeout = 2s;
    auto box = s.make_box(opts);
    s.run(box->start());
    s.api().inject(exec_fault(test::fake_fault_kind::stall));
    auto began = std::chrono::steady_clock::now();
    auto r = s.run(box->execute("echo never", {.timeout = 1s, .kill_grace = 200ms}));
    auto took = std::chrono::steady_clock::now() - began;
    BOOST_TEST(r.exit_code.value_or(-1) == 124);
    BOOST_TEST(took < 10s, std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms");

    s.api().inject(exec_fault(test::fake_fault_kind::stall));
    began = std::chrono::steady_clock::now();
    auto failure = test::failure_of([&] { s.run(box->read_bytes("anything.txt")); });
    took = std::chrono::steady_clock::now() - began;
    BOOST_TEST(failure.code == errc::timed_out);
    BOOST_TEST(took < 12s, std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms");
    BOOST_TEST(s.run(box->execute("echo after")).output == "after\n");
    s.run(box->stop());
}

BOOST_AUTO_TEST_CASE(a_malformed_frame_is_a_protocol_error)
{
    test::pod_session s;
    auto box = s.make_box();
    s.run(box->start());
    s.api().inject(exec_fault(test::fake_fault_kind::malformed_frame_header));
    BOOST_TEST(test::error_of([&] { s.run(box->execute("echo hi")); }) == errc::protocol_error);
    s.run(box->stop());
}

BOOST_AUTO_TEST_CASE(a_status_that_is_not_json_is_a_protocol_error)
{
    test::pod_session s;
    auto box = s.make_box();
    s.run(box->start());
    s.api().inject(exec_fault(test::fake_fault_kind::invalid_json));
    std::string message;
    BOOST_TEST(test::error_of([&] { s.run(box->execute("echo hi")); }, message) == errc::protocol_error);
    BOOST_TEST(message.find("not JSON") != std::string::npos, message);
    s.run(box->stop());
}

BOOST_AUTO_TEST_CASE(a_refused_exec_handshake_carries_the_status_message)
{
    test::pod_session s;
    auto box = s.make_box();
    s.run(box->start());
    s.api().fail_next("GET", exec_path, 403, "pods/exec is forbidden for this user");
    auto failure = test::failure_of([&] { s.run(box->execute("echo hi")); });
    BOOST_TEST(failure.code == errc::permission_denied);
    BOOST_TEST(failure.message.find("pods/exec is forbidden for this user") != std::string::npos,
               failure.message);
    s.api().fail_next("GET", exec_path, 400, "container sandbox is not valid");
    auto bad = test::failure_of([&] { s.run(box->execute("echo hi")); });
    BOOST_TEST(bad.code == errc::unavailable);
    BOOST_TEST(bad.message.find("container sandbox is not valid") != std::string::npos, bad.message);
    s.run(box->stop());
}

BOOST_AUTO_TEST_CASE(no_connection_is_left_open_after_faults_and_stop)
{
    test::pod_session s;
    auto box = s.make_box();
    s.run(box->start());
    s.api().inject(exec_fault(test::fake_fault_kind::drop_connection));
    test::error_of([&] { s.run(box->execute("echo x")); });
    s.api().inject(exec_fault(test::fake_fault_kind::malformed_frame_header));
    test::error_of([&] { s.run(box->execute("echo y")); });
    s.run(box->write("f.txt", "data"));
    s.run(box->execute("echo z"));
    s.run(box->stop());
    box.reset();
    BOOST_TEST(s.connections_close_soon(), s.api().open_connections() << " connections open");
}

// Faults on the REST side (creating and reading the pod) end start with a clear error inside the request
// timeout; the next start succeeds.
BOOST_AUTO_TEST_CASE(rest_faults_while_starting_are_clear_errors_and_a_later_start_works)
{
    const std::string pods = "/api/v1/namespaces/*/pods";
    const std::string pod = pods + "/*";
    struct fault_case
    {
        test::fake_fault fault;
        errc expected;
    };
    const fault_case cases[] = {
        {{.method = "GET", .path = pod, .kind = test::fake_fault_kind::invalid_json}, errc::protocol_error},
        {{.method = "POST", .path = pods, .kind = test::fake_fault_kind::malformed_status_line},
         errc::protocol_error},
        {{.method = "GET", .path = pod, .kind = test::fake_fault_kind::truncated_chunked_body},
         errc::protocol_error},
        // One dropped connection is retried (a kept-alive connection the server closed); every one fails.
        {{.method = "GET", .path = pod, .kind = test::fake_fault_kind::drop_connection,
          .times = test::fake_fault::always},
         errc::protocol_error},
        {{.method = "POST", .path = pods, .kind = test::fake_fault_kind::stall}, errc::timed_out},
        {{.method = "POST", .path = pods, .kind = test::fake_fault_kind::error_status, .status = 500,
          .message = "etcdserver: request timed out"},
         errc::unavailable},
    };
    test::pod_session s;
    for (const auto& c : cases)
    {
        BOOST_TEST_CONTEXT("fault on " << c.fault.method << " " << c.fault.path << " kind "
                                       << static_cast<int>(c.fault.kind))
        {
            auto opts = s.options();
            opts.http.request_timeout = 1s;
            auto box = s.make_box(opts);
            s.api().inject(c.fault);
            auto began = std::chrono::steady_clock::now();
            auto failure = test::failure_of([&] { s.run(box->start()); });
            auto took = std::chrono::steady_clock::now() - began;
            BOOST_TEST(static_cast<int>(failure.code) == static_cast<int>(c.expected), static_cast<int>(failure.code) << ": " << failure.message);
            BOOST_TEST(!failure.message.empty());
            BOOST_TEST(took < 8s, std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms");
            s.api().clear_faults();
            BOOST_TEST(s.run(box->execute("echo recovered")).output == "recovered\n");
            s.run(box->stop());
        }
    }
    BOOST_TEST(s.connections_close_soon(), s.api().open_connections() << " connections open");
}

BOOST_AUTO_TEST_SUITE_END()
