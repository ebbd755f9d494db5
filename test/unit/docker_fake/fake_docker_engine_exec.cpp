// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// The fake engine's exec endpoints: real commands, the hijacked multiplexed stream, exit codes, stdin.
#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "common/temp_dir.hpp"
#include "fake_engine_support.hpp"
#include "fakes/docker/fake_docker_engine.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

using namespace agent_backends;
using namespace agent_backends::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace json = boost::json;

namespace {

task<std::string> create_exec(http_client& client, const std::string& container, const std::string& body)
{
    auto created = co_await client.request(post_json("/v1.43/containers/" + container + "/exec", body));
    BOOST_REQUIRE_EQUAL(created.status, 201u);
    co_return std::string(json_of(created).at("Id").as_string());
}

task<json::value> inspect_exec(http_client& client, const std::string& exec_id)
{
    co_return json_of(co_await client.request({.target = "/v1.43/exec/" + exec_id + "/json"}));
}

// Polls the exec's state until it has finished (bounded).
task<json::value> finished_exec(http_client& client, const std::string& exec_id)
{
    asio::steady_timer timer(co_await asio::this_coro::executor);
    auto deadline = std::chrono::steady_clock::now() + 10s;
    for (;;)
    {
        auto state = co_await inspect_exec(client, exec_id);
        if (!state.at("Running").as_bool() || std::chrono::steady_clock::now() > deadline)
            co_return state;
        timer.expires_after(10ms);
        co_await timer.async_wait(asio::use_awaitable);
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fake_docker_engine_exec)

BOOST_AUTO_TEST_CASE(start_switches_to_101_upgraded_and_frames_stdout_and_stderr_apart)
{
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto id = co_await start_container(client);
        auto exec_id = co_await create_exec(
            client, id,
            R"({"AttachStdout":true,"AttachStderr":true,"Cmd":["sh","-c","echo out; echo err >&2"]})");
        auto stream =
            co_await client.upgrade(post_json("/v1.43/exec/" + exec_id + "/start", R"({"Detach":false})"));
        BOOST_TEST(stream.status() == 101u);
        BOOST_TEST(stream.response().reason == "UPGRADED");
        BOOST_TEST(stream.response().headers.find("Content-Type").value_or("") ==
                   "application/vnd.docker.multiplexed-stream");
        BOOST_TEST(stream.response().headers.find("Upgrade").value_or("") == "tcp");
        auto raw = co_await read_to_end(stream);
        BOOST_TEST(static_cast<int>(raw[0]) == 1);
        auto streams = demultiplex(raw);
        BOOST_TEST(streams.well_formed);
        BOOST_TEST(streams.out == "out\n");
        BOOST_TEST(streams.err == "err\n");
    }());
}

BOOST_AUTO_TEST_CASE(exit_code_is_recorded_before_the_stream_closes)
{
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto id = co_await start_container(client);
        for (int code : {0, 3, 42})
        {
            auto r = co_await run_exec(client, id, R"(["sh","-c","exit )" + std::to_string(code) + R"("])");
            BOOST_TEST(r.exit_code == code);
        }
        auto killed = co_await run_exec(client, id, R"(["sh","-c","kill -KILL $$"])");
        BOOST_TEST(killed.exit_code == 137);
    }());
}

BOOST_AUTO_TEST_CASE(exec_json_reports_running_with_a_null_exit_code_until_the_command_ends)
{
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto id = co_await start_container(client);
        auto exec_id = co_await create_exec(client, id,
                                            R"({"AttachStdin":true,"AttachStdout":true,"AttachStderr":true,)"
                                            R"("Cmd":["sh","-c","read line; echo got $line"]})");
        auto before = co_await inspect_exec(client, exec_id);
        BOOST_TEST(!before.at("Running").as_bool());
        BOOST_TEST(before.at("ExitCode").is_null());
        auto stream =
            co_await client.upgrade(post_json("/v1.43/exec/" + exec_id + "/start", R"({"Detach":false})"));
        auto during = co_await inspect_exec(client, exec_id);
        BOOST_TEST(during.at("Running").as_bool());
        BOOST_TEST(during.at("ExitCode").is_null());
        BOOST_TEST(during.at("Pid").as_int64() > 0);
        BOOST_TEST(during.at("ProcessConfig").at("entrypoint").as_string() == "sh");
        co_await stream.write("hello\n");
        auto streams = demultiplex(co_await read_to_end(stream));
        BOOST_TEST(streams.out == "got hello\n");
        auto after = co_await inspect_exec(client, exec_id);
        BOOST_TEST(!after.at("Running").as_bool());
        BOOST_TEST(after.at("ExitCode").as_int64() == 0);
    }());
}

BOOST_AUTO_TEST_CASE(stdin_from_the_stream_reaches_the_command_until_the_half_close)
{
    fake_docker_engine fake({.images = {"busybox"}});
    std::string big(200 * 1024, 'x');
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto id = co_await start_container(client);
        auto r = co_await run_exec(client, id, R"(["sh","-c","wc -c"])", big);
        BOOST_TEST(r.out == std::to_string(big.size()) + "\n");
        auto echoed = co_await run_exec(client, id, R"(["cat"])", "line 1\nline 2\n");
        BOOST_TEST(echoed.out == "line 1\nline 2\n");
    }());
}

BOOST_AUTO_TEST_CASE(start_without_upgrade_answers_200_and_streams_until_the_close)
{
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto id = co_await start_container(client);
        auto exec_id = co_await create_exec(
            client, id,
            R"({"AttachStdout":true,"AttachStderr":true,"Cmd":["sh","-c","printf abc; exit 5"]})");
        auto plain =
            co_await client.open(post_json("/v1.43/exec/" + exec_id + "/start", R"({"Detach":false})"));
        BOOST_TEST(plain.status() == 200u);
        BOOST_TEST(plain.response().headers.find("Content-Type").value_or("") ==
                   "application/vnd.docker.raw-stream");
        BOOST_TEST(!plain.response().headers.contains("Content-Length"));
        BOOST_TEST(!plain.response().headers.contains("Transfer-Encoding"));
        auto streams = demultiplex(co_await plain.read_all(1 << 20));
        BOOST_TEST(streams.out == "abc");
        BOOST_TEST((co_await inspect_exec(client, exec_id)).at("ExitCode").as_int64() == 5);
    }());
}

BOOST_AUTO_TEST_CASE(tty_exec_streams_raw_output_without_frames)
{
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto id = co_await start_container(client);
        auto exec_id = co_await create_exec(
            client, id,
            R"({"AttachStdout":true,"AttachStderr":true,"Tty":true,"Cmd":["sh","-c","echo a; echo b >&2"]})");
        auto stream = co_await client.upgrade(post_json("/exec/" + exec_id + "/start", R"({"Tty":true})"));
        BOOST_TEST(stream.response().headers.find("Content-Type").value_or("") ==
                   "application/vnd.docker.raw-stream");
        BOOST_TEST(co_await read_to_end(stream) == "a\nb\n");
    }());
}

BOOST_AUTO_TEST_CASE(large_output_arrives_complete_in_frames_of_at_most_32_kib)
{
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto id = co_await start_container(client);
        auto exec_id = co_await create_exec(
            client, id,
            R"({"AttachStdout":true,"AttachStderr":true,"Cmd":["sh","-c",)"
            R"("head -c 1000000 /dev/zero | tr '\\0' a; head -c 70000 /dev/zero >&2"]})");
        auto stream = co_await client.upgrade(post_json("/exec/" + exec_id + "/start", "{}"));
        auto raw = co_await read_to_end(stream);
        std::size_t largest = 0;
        for (std::string_view rest = raw; rest.size() >= 8;)
        {
            std::size_t length =
                (static_cast<unsigned char>(rest[4]) << 24) | (static_cast<unsigned char>(rest[5]) << 16) |
                (static_cast<unsigned char>(rest[6]) << 8) | static_cast<unsigned char>(rest[7]);
            largest = std::max(largest, length);
            rest.remove_prefix(std::min(rest.size(), 8 + length));
        }
        BOOST_TEST(largest <= 32u * 1024u);
        auto streams = demultiplex(raw);
        BOOST_TEST(streams.well_formed);
        BOOST_TEST(streams.out == std::string(1000000, 'a'));
        BOOST_TEST(streams.err.size() == 70000u);
    }());
}

BOOST_AUTO_TEST_CASE(command_runs_in_the_mapped_working_dir_with_the_container_and_exec_environment)
{
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto id = co_await start_container(client, "busybox",
                                           R"(,"WorkingDir":"/work","Env":["A=container","B=container"])");
        auto r = co_await run_exec(client, id, R"(["sh","-c","pwd; echo $A $B"])");
        BOOST_TEST(r.out == fake.host_path(id, "/work") + "\ncontainer container\n");
        auto created = co_await client.request(
            post_json("/containers/" + id + "/exec",
                      R"({"AttachStdout":true,"AttachStderr":true,"Env":["B=exec"],"WorkingDir":"/tmp",)"
                      R"("Cmd":["sh","-c","pwd; echo $A $B"]})"));
        std::string exec_id(json_of(created).at("Id").as_string());
        auto stream = co_await client.upgrade(post_json("/exec/" + exec_id + "/start", "{}"));
        auto streams = demultiplex(co_await read_to_end(stream));
        BOOST_TEST(streams.out == fake.host_path(id, "/tmp") + "\ncontainer exec\n");
    }());
}

BOOST_AUTO_TEST_CASE(a_missing_program_writes_the_engine_error_into_the_stream_and_exits_127)
{
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto id = co_await start_container(client);
        auto r = co_await run_exec(client, id, R"(["no-such-program-here"])");
        BOOST_TEST(r.exit_code == 127);
        BOOST_TEST(r.out.find("executable file not found in $PATH") != std::string::npos, r.out);
    }());
}

BOOST_AUTO_TEST_CASE(exec_requests_fail_with_the_engine_status_codes)
{
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto created = co_await client.request(post_json("/containers/create", R"({"Image":"busybox"})"));
        std::string id(json_of(created).at("Id").as_string());
        auto not_running =
            co_await client.request(post_json("/containers/" + id + "/exec", R"({"Cmd":["true"]})"));
        BOOST_TEST(not_running.status == 409u);
        BOOST_TEST(json_of(not_running).at("message").as_string() == "Container " + id + " is not running");
        auto missing = co_await client.request(post_json("/containers/nope/exec", R"({"Cmd":["true"]})"));
        BOOST_TEST(missing.status == 404u);
        auto unknown_exec =
            co_await client.upgrade(post_json("/exec/" + std::string(64, 'a') + "/start", "{}"));
        BOOST_TEST(unknown_exec.status() == 404u);
        BOOST_TEST(!unknown_exec.is_open());
        BOOST_TEST(json_of(unknown_exec.response()).at("message").as_string() ==
                   "No such exec instance: " + std::string(64, 'a'));
        auto unknown_json = co_await client.request({.target = "/exec/nope/json"});
        BOOST_TEST(unknown_json.status == 404u);

        co_await client.request(post_json("/containers/" + id + "/start", ""));
        auto r = co_await run_exec(client, id, R"(["true"])");
        BOOST_TEST(r.exit_code == 0);
    }());
}

BOOST_AUTO_TEST_CASE(detached_exec_answers_at_once_and_runs_to_its_end)
{
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto id = co_await start_container(client, "busybox", R"(,"WorkingDir":"/w")");
        auto exec_id =
            co_await create_exec(client, id, R"({"Cmd":["sh","-c","echo done > marker; exit 7"]})");
        auto started =
            co_await client.request(post_json("/exec/" + exec_id + "/start", R"({"Detach":true})"));
        BOOST_TEST(started.status == 200u);
        BOOST_TEST(started.body.empty());
        auto state = co_await finished_exec(client, exec_id);
        BOOST_TEST(state.at("ExitCode").as_int64() == 7);
    }());
    std::ifstream marker(fake.host_path(fake.containers().at(0).id, "/w/marker"));
    std::string text;
    std::getline(marker, text);
    BOOST_TEST(text == "done");
}

BOOST_AUTO_TEST_CASE(stopping_the_container_ends_its_running_execs)
{
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto id = co_await start_container(client);
        auto exec_id = co_await create_exec(client, id, R"({"AttachStdout":true,"Cmd":["sleep","30"]})");
        auto stream = co_await client.upgrade(post_json("/exec/" + exec_id + "/start", "{}"));
        auto start = std::chrono::steady_clock::now();
        BOOST_TEST((co_await client.request(post_json("/containers/" + id + "/stop?t=5", ""))).status ==
                   204u);
        BOOST_TEST(co_await read_to_end(stream) == "");
        bool before_the_grace_ended = std::chrono::steady_clock::now() - start < 5s;
        BOOST_TEST(before_the_grace_ended);
        auto state = co_await inspect_exec(client, exec_id);
        BOOST_TEST(state.at("ExitCode").as_int64() == 143);
        auto container = json_of(co_await client.request({.target = "/containers/" + id + "/json"}));
        BOOST_TEST(container.at("State").at("ExitCode").as_int64() == 143);
    }());
}

BOOST_AUTO_TEST_CASE(a_later_exec_can_kill_a_hanging_one_through_its_process_group)
{
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto id = co_await start_container(client, "busybox", R"(,"WorkingDir":"/w")");
        auto hanging =
            co_await create_exec(client, id,
                                 R"({"AttachStdout":true,"AttachStderr":true,)"
                                 R"("Cmd":["sh","-c","echo $$ > job.pid; exec setsid sleep 30"]})");
        auto stream = co_await client.upgrade(post_json("/exec/" + hanging + "/start", "{}"));
        // The group exists once the first exec got past setsid; the killer waits for it (bounded).
        auto killer = co_await run_exec(
            client, id,
            R"x(["sh","-c","for i in $(seq 200); do )x"
            R"x([ -s job.pid ] && kill -0 -$(cat job.pid) 2>/dev/null && break; sleep 0.05; done; )x"
            R"x(kill -KILL -$(cat job.pid)"])x");
        BOOST_TEST(killer.exit_code == 0, killer.err);
        BOOST_TEST(co_await read_to_end(stream) == "");
        BOOST_TEST((co_await inspect_exec(client, hanging)).at("ExitCode").as_int64() == 137);
    }());
}

BOOST_AUTO_TEST_SUITE_END()
