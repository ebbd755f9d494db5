// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// Exec over the WebSocket channel protocols, driven with a Beast WebSocket client written in the test:
// framing, exit codes, stdin with the v5 close signal, the v4 fallback, refusals before the upgrade, and
// what happens to the process when the client or the pod goes away.
#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "common/temp_dir.hpp"
#include "kubernetes_fake_support.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/write.hpp>
#include <boost/test/unit_test.hpp>

#include <array>
#include <string>

using namespace agent_backends;
using namespace agent_backends::test;
namespace asio = boost::asio;
namespace json = boost::json;

namespace {

const std::string pods_path = "/api/v1/namespaces/default/pods";

// A fake with one running pod `sbx` (container `main`), and a client for it.
struct running_pod
{
    explicit running_pod(fake_kubernetes_options opts = {}, std::string extra = {}) : api(std::move(opts))
    {
        run_task([&]() -> task<void> {
            http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
            co_await create_running_pod(client, "sbx", extra);
        }());
    }

    ws_exec_result exec(std::vector<std::string> argv, std::vector<std::string> send = {},
                        std::string protocols = "v5.channel.k8s.io, v4.channel.k8s.io")
    {
        return run_task(ws_exec(api, {.target = exec_target("sbx", argv, !send.empty()),
                                      .protocols = std::move(protocols),
                                      .send = std::move(send)}));
    }

    fake_kubernetes_api api;
};

std::string stdin_message(std::string_view data)
{
    return std::string(1, '\0') + std::string(data);
}

const std::string stdin_eof("\xFF\x00", 2);

}  // namespace

BOOST_AUTO_TEST_SUITE(fake_kubernetes_api_exec)

BOOST_AUTO_TEST_CASE(exec_picks_v5_sends_the_readiness_frame_output_and_success_then_closes_1000)
{
    running_pod p;
    auto r = p.exec({"sh", "-c", "printf out; printf err >&2"});
    BOOST_REQUIRE(r.upgraded);
    BOOST_TEST(r.protocol == "v5.channel.k8s.io");
    BOOST_REQUIRE(!r.messages.empty());
    BOOST_TEST(r.messages.front() == std::string(1, '\x01'));
    BOOST_TEST(r.out == "out");
    BOOST_TEST(r.err == "err");
    BOOST_TEST(r.status == R"({"metadata":{},"status":"Success"})");
    BOOST_TEST(r.status_messages == 1);
    BOOST_TEST(r.messages.back()[0] == '\x03');  // the status is the last message
    BOOST_TEST(r.closed_normally);
    BOOST_TEST(p.api.pod("default", "sbx")->execs == 1u);
}

BOOST_AUTO_TEST_CASE(a_non_zero_exit_is_a_non_zero_exit_code_status_with_the_exit_code_cause)
{
    running_pod p;
    auto r = p.exec({"sh", "-c", "echo hi; exit 3"});
    BOOST_TEST(r.out == "hi\n");
    auto status = r.status_json();
    BOOST_TEST(text_at(status, {"status"}) == "Failure");
    BOOST_TEST(text_at(status, {"reason"}) == "NonZeroExitCode");
    BOOST_TEST(text_at(status, {"message"}) ==
               "command terminated with non-zero exit code: error executing command [sh -c echo hi; exit 3], "
               "exit code 3");
    BOOST_TEST(text_at(status, {"details", "causes"}) == R"([{"reason":"ExitCode","message":"3"}])");
    BOOST_TEST(r.closed_normally);
}

BOOST_AUTO_TEST_CASE(a_missing_executable_is_an_internal_error_without_exit_code)
{
    running_pod p;
    auto r = p.exec({"no-such-program-here"});
    BOOST_REQUIRE(r.upgraded);
    auto status = r.status_json();
    BOOST_TEST(text_at(status, {"status"}) == "Failure");
    BOOST_TEST(text_at(status, {"reason"}) == "InternalError");
    BOOST_TEST(text_at(status, {"code"}) == "500");
    BOOST_TEST(text_at(status, {"message"}).find("executable file not found in $PATH") != std::string::npos);
    BOOST_TEST(text_at(status, {"details", "causes"}).find("ExitCode") == std::string::npos);
    BOOST_TEST(r.closed_normally);
}

BOOST_AUTO_TEST_CASE(stdin_messages_reach_the_process_and_the_v5_close_signal_ends_its_input)
{
    running_pod p;
    auto r = p.exec({"sh", "-c", "cat; echo done"},
                    {stdin_message("hello "), stdin_message("world\n"), stdin_eof});
    BOOST_TEST(r.out == "hello world\ndone\n");
    BOOST_TEST(r.status == R"({"metadata":{},"status":"Success"})");
}

BOOST_AUTO_TEST_CASE(large_output_arrives_whole_in_order)
{
    running_pod p;
    auto r = p.exec({"sh", "-c", "i=0; while [ $i -lt 20000 ]; do echo line-$i; i=$((i+1)); done"});
    BOOST_TEST(r.out.size() == 208890u);
    BOOST_TEST(r.out.starts_with("line-0\nline-1\n"));
    BOOST_TEST(r.out.ends_with("line-19999\n"));
}

BOOST_AUTO_TEST_CASE(without_stdout_the_readiness_message_is_on_channel_2_and_stdout_is_dropped)
{
    running_pod p;
    auto target = exec_target("sbx", {"sh", "-c", "echo out; echo err >&2"});
    target.replace(target.find("stdout=true"), 11, "stdout=false");
    auto r = run_task(ws_exec(p.api, {.target = target}));
    BOOST_REQUIRE(!r.messages.empty());
    BOOST_TEST(r.messages.front() == std::string(1, '\x02'));
    BOOST_TEST(r.out.empty());
    BOOST_TEST(r.err == "err\n");
}

BOOST_AUTO_TEST_CASE(a_v4_only_server_picks_v4_and_ignores_the_close_signal)
{
    running_pod p({.exec_protocols = {"v4.channel.k8s.io"}});
    auto r = p.exec({"sh", "-c", "head -c 5"}, {stdin_message("abcde"), stdin_eof});
    BOOST_TEST(r.protocol == "v4.channel.k8s.io");
    BOOST_TEST(r.out == "abcde");
    BOOST_TEST(r.status == R"({"metadata":{},"status":"Success"})");
}

BOOST_AUTO_TEST_CASE(a_client_offering_only_unknown_protocols_is_refused_with_403)
{
    running_pod p;
    auto r = p.exec({"true"}, {}, "v3.channel.k8s.io");
    BOOST_TEST(!r.upgraded);
    BOOST_TEST(r.refusal_status == 403u);
    BOOST_TEST(r.refusal_body.find("requested protocol(s) are not supported") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_command_runs_in_the_pod_directory_with_the_container_env)
{
    temp_dir work;
    running_pod p({},
                  R"(,"env":[{"name":"GREETING","value":"hi there"}],"workingDir":")" + work.str() + "\"");
    auto r = p.exec({"sh", "-c", "echo \"$GREETING\"; pwd; touch made-here"});
    BOOST_TEST(r.out == "hi there\n" + work.str() + "\n");
    BOOST_TEST(std::filesystem::exists(work.path() / "made-here"));

    running_pod q({}, R"(,"workingDir":"/no/such/dir")");
    auto s = q.exec({"pwd"});
    BOOST_TEST(s.out == q.api.pod("default", "sbx")->root_dir + "\n");
}

BOOST_AUTO_TEST_CASE(refusals_before_the_upgrade_are_status_objects)
{
    running_pod p({.pending_reads = 0});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, p.api.endpoint(), client_options(p.api));
        auto missing = co_await client.request(get(exec_target("nope", {"true"})));
        BOOST_TEST(missing.status == 404u);
        BOOST_TEST(text_at(json_of(missing), {"message"}) == R"(pods "nope" not found)");
        auto container = co_await client.request(get(exec_target("sbx", {"true"}, false, "other")));
        BOOST_TEST(container.status == 400u);
        BOOST_TEST(text_at(json_of(container), {"message"}) == "container other is not valid for pod sbx");
        auto no_stream = co_await client.request(
            get(pods_path + "/sbx/exec?command=true&stdin=false&stdout=false&stderr=false"));
        BOOST_TEST(no_stream.status == 400u);
        BOOST_TEST(text_at(json_of(no_stream), {"message"}) ==
                   "you must specify at least 1 of stdin, stdout, stderr");
        auto no_command = co_await client.request(get(pods_path + "/sbx/exec?stdout=true"));
        BOOST_TEST(no_command.status == 400u);
        BOOST_TEST(text_at(json_of(no_command), {"message"}) == "you must specify at least 1 command");
        auto no_upgrade = co_await client.request(get(exec_target("sbx", {"true"})));
        BOOST_TEST(no_upgrade.status == 400u);
        BOOST_TEST(text_at(json_of(no_upgrade), {"message"}).starts_with("Upgrade request required"));

        p.api.fail_image_pulls("ErrImagePull");
        co_await client.request(post_json(pods_path, pod_json("stuck")));
        auto pending = co_await client.request(get(exec_target("stuck", {"true"})));
        BOOST_TEST(pending.status == 400u);
        BOOST_TEST(
            text_at(json_of(pending), {"message"}) ==
            R"(container "main" in pod "stuck" is waiting to start: trying and failing to pull image)");
    }());
    auto r = run_task(ws_exec(p.api, {.target = exec_target("nope", {"true"})}));
    BOOST_TEST(!r.upgraded);
    BOOST_TEST(r.refusal_status == 404u);
}

BOOST_AUTO_TEST_CASE(a_client_that_goes_away_leaves_the_process_running_and_releases_the_connection)
{
    running_pod p;
    temp_dir dir;
    auto marker = dir.path() / "finished";
    auto r = run_task(ws_exec(
        p.api,
        {.target = exec_target("sbx", {"sh", "-c", "echo started; sleep 0.3; touch " + marker.string()}),
         .stop_reading_after_first_output = true}));
    BOOST_TEST(r.out == "started\n");
    run_task([&]() -> task<void> {
        BOOST_TEST(co_await eventually([&] { return p.api.open_connections() == 0; }));
        BOOST_TEST(co_await eventually([&] { return std::filesystem::exists(marker); }));
    }());
}

BOOST_AUTO_TEST_CASE(deleting_the_pod_kills_its_execs)
{
    running_pod p;
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        http_client client(ex, p.api.endpoint(), client_options(p.api));
        auto remover = [&]() -> task<void> {
            co_await eventually([&] { return host_process_running("sleep 3713"); });
            auto deleted = co_await client.request(delete_request(pods_path + "/sbx"));
            BOOST_TEST(deleted.status == 200u);
        };
        asio::co_spawn(ex, remover(), asio::detached);
        auto r = co_await ws_exec(p.api, {.target = exec_target("sbx", {"sleep", "3713"})});
        BOOST_TEST(text_at(r.status_json(), {"details", "causes"}) ==
                   R"([{"reason":"ExitCode","message":"137"}])");
        BOOST_TEST(!host_process_running("sleep 3713"));
        client.close_idle_connections();
        BOOST_TEST(co_await eventually([&] { return p.api.open_connections() == 0; }));
    }());
}

BOOST_AUTO_TEST_CASE(exec_works_over_tls)
{
    running_pod p({.tls = true});
    auto r = p.exec({"sh", "-c", "echo secure; exit 4"});
    BOOST_TEST(r.out == "secure\n");
    BOOST_TEST(text_at(r.status_json(), {"details", "causes"}) == R"([{"reason":"ExitCode","message":"4"}])");
    BOOST_TEST(r.closed_normally);
}

BOOST_AUTO_TEST_CASE(stopping_the_server_kills_running_execs)
{
    auto p = std::make_unique<running_pod>();
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        auto stopper = [&]() -> task<void> {
            co_await eventually([&] { return host_process_running("sleep 3714"); });
            p->api.stop();
        };
        asio::co_spawn(ex, stopper(), asio::detached);
        auto r = co_await ws_exec(p->api, {.target = exec_target("sbx", {"sleep", "3714"})});
        BOOST_TEST(!r.closed_normally);
        BOOST_TEST(co_await eventually([&] { return !host_process_running("sleep 3714"); }));
    }());
    BOOST_TEST(p->api.open_connections() == 0u);
}

BOOST_AUTO_TEST_CASE(a_post_exec_upgrades_too_with_the_exact_switch_and_readiness_bytes)
{
    running_pod p;
    run_task([&]() -> task<void> {
        asio::ip::tcp::socket socket(co_await asio::this_coro::executor);
        co_await socket.async_connect({asio::ip::make_address_v4("127.0.0.1"), p.api.endpoint().port},
                                      asio::use_awaitable);
        std::string request = "POST " + exec_target("sbx", {"true"}) +
                              " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer fake-token\r\n"
                              "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                              "Sec-WebSocket-Protocol: v5.channel.k8s.io\r\n\r\n";
        co_await asio::async_write(socket, asio::buffer(request), asio::use_awaitable);
        std::string received;
        std::array<char, 1024> buffer;
        while (received.find("\r\n\r\n") == std::string::npos ||
               received.size() < received.find("\r\n\r\n") + 7)
        {
            auto n = co_await socket.async_read_some(asio::buffer(buffer), asio::use_awaitable);
            received.append(buffer.data(), n);
        }
        auto head_end = received.find("\r\n\r\n") + 4;
        auto head = received.substr(0, head_end);
        BOOST_TEST(head.starts_with("HTTP/1.1 101 Switching Protocols\r\n"));
        BOOST_TEST(head.find("Sec-WebSocket-Protocol: v5.channel.k8s.io\r\n") != std::string::npos);
        BOOST_TEST(head.find("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n") != std::string::npos);
        // An unmasked final binary frame of one byte: channel 1, the readiness message.
        BOOST_TEST(received.substr(head_end, 3) == std::string("\x82\x01\x01", 3));
    }());
}

BOOST_AUTO_TEST_SUITE_END()
