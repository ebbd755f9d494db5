// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// Our Docker client (docker_engine) against the fake engine: the happy paths, and every fault turning into
// a clear error, bounded in time, with the client usable afterwards.
#include <agent_backends/sandboxes/docker_engine.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "common/temp_dir.hpp"
#include "fakes/docker/fake_docker_engine.hpp"
#include "sandboxes/tar_archive.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <functional>
#include <string>

using namespace agent_backends;
using namespace agent_backends::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

struct exec_outcome
{
    std::string out;
    std::string err;
    std::optional<int> exit_code;
};

// Reads an exec stream to its end, then the exit code (polling briefly while the engine says running).
task<exec_outcome> finish(docker_engine& engine, exec_stream stream, const std::string& exec_id)
{
    exec_outcome r;
    while (auto piece = co_await stream.read())
        (piece->stream == exec_stream_kind::stderr_stream ? r.err : r.out) += piece->data;
    asio::steady_timer timer(co_await asio::this_coro::executor);
    for (int i = 0; i < 500; ++i)
    {
        auto state = co_await engine.inspect_exec(exec_id);
        if (!state.running)
        {
            r.exit_code = state.exit_code;
            break;
        }
        timer.expires_after(10ms);
        co_await timer.async_wait(asio::use_awaitable);
    }
    co_return r;
}

task<exec_outcome> run(docker_engine& engine, const std::string& container, std::vector<std::string> command,
                       std::string stdin_data = {})
{
    auto exec_id = co_await engine.create_exec(
        container, {.command = std::move(command), .attach_stdin = !stdin_data.empty()});
    auto stream = co_await engine.start_exec(exec_id);
    if (!stdin_data.empty())
    {
        co_await stream.write_stdin(stdin_data);
        co_await stream.close_stdin();
    }
    co_return co_await finish(engine, std::move(stream), exec_id);
}

task<std::string> running_container(docker_engine& engine, container_spec spec = {.image = "busybox"})
{
    if (spec.command.empty())
        spec.command = {"sleep", "infinity"};
    auto id = co_await engine.create_container(spec);
    co_await engine.start_container(id);
    co_return id;
}

// Runs `body` with a docker_engine for `fake` (short HTTP limits so that a fault can never hang a test).
void with_engine(fake_docker_engine& fake, std::function<task<void>(docker_engine&)> body,
                 http_client_options http = {.connect_timeout = 5s, .request_timeout = 10s})
{
    run_task([&]() -> task<void> {
        docker_engine engine(co_await asio::this_coro::executor, fake.endpoint(), {.http = http});
        co_await body(engine);
    }());
}

// The error `op` throws, if any.
task<std::optional<failure>> failure_in(std::function<task<void>()> op)
{
    try
    {
        co_await op();
    }
    catch (const error& e)
    {
        co_return failure{e.condition(), e.what()};
    }
    co_return std::nullopt;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(docker_engine_against_the_fake)

BOOST_AUTO_TEST_CASE(ping_negotiates_the_api_version_and_prefixes_every_request)
{
    fake_docker_engine fake({.images = {"busybox"}, .api_version = "1.41"});
    with_engine(fake, [&](docker_engine& engine) -> task<void> {
        auto info = co_await engine.ping();
        BOOST_TEST(info.api_version == "1.41");
        BOOST_TEST(info.engine_version == "24.0.7");
        BOOST_TEST(!info.is_podman);
        BOOST_TEST(co_await engine.image_exists("busybox"));
    });
    auto log = fake.requests();
    BOOST_REQUIRE(!log.empty());
    BOOST_TEST(log.back().target.starts_with("/v1.41/images/busybox"), log.back().target);
}

BOOST_AUTO_TEST_CASE(images_are_found_pulled_and_built)
{
    fake_docker_engine fake({.images = {"busybox"}});
    with_engine(fake, [&](docker_engine& engine) -> task<void> {
        BOOST_TEST(co_await engine.image_exists("busybox:latest"));
        BOOST_TEST(!co_await engine.image_exists("python:3.12"));
        co_await engine.pull_image("python:3.12");
        BOOST_TEST(co_await engine.image_exists("python:3.12"));

        std::vector<std::string> log;
        auto id = co_await engine.build_image(
            "agent-sbx:1", detail::make_tar({{.name = "Dockerfile", .content = "FROM busybox\nRUN true\n"}}),
            [&](std::string_view line) { log.emplace_back(line); });
        BOOST_TEST(id.starts_with("sha256:"), id);
        BOOST_TEST(co_await engine.image_exists("agent-sbx:1"));
        BOOST_REQUIRE(!log.empty());
        BOOST_TEST(log.front() == "Step 1/2 : FROM busybox");
        BOOST_TEST(log.back() == "Successfully tagged agent-sbx:1");
    });
}

BOOST_AUTO_TEST_CASE(pull_and_build_failures_in_the_stream_are_unavailable_with_the_engine_message)
{
    fake_docker_engine fake({.images = {"busybox"}});
    fake.fail_pulls("manifest for nope:latest not found");
    fake.fail_builds("The command '/bin/sh -c false' returned a non-zero code: 1");
    with_engine(fake, [&](docker_engine& engine) -> task<void> {
        std::string message;
        try
        {
            co_await engine.pull_image("nope");
        }
        catch (const error& e)
        {
            BOOST_TEST(e.condition() == errc::unavailable);
            message = e.what();
        }
        BOOST_TEST(message == "Docker engine: pulling nope failed: manifest for nope:latest not found");
        try
        {
            co_await engine.build_image(
                "x:1", detail::make_tar({{.name = "Dockerfile", .content = "FROM busybox"}}));
            BOOST_ERROR("expected an error");
        }
        catch (const error& e)
        {
            BOOST_TEST(e.condition() == errc::unavailable);
            BOOST_TEST(std::string(e.what()).find("returned a non-zero code: 1") != std::string::npos,
                       e.what());
        }
    });
}

BOOST_AUTO_TEST_CASE(container_lifecycle_follows_the_engine)
{
    fake_docker_engine fake({.images = {"busybox"}});
    with_engine(fake, [&](docker_engine& engine) -> task<void> {
        auto id = co_await engine.create_container({.image = "busybox",
                                                    .command = {"sleep", "infinity"},
                                                    .env = {"A=1"},
                                                    .working_dir = "/workspace",
                                                    .labels = {{"owner", "agent-sbx"}},
                                                    .name = "sbx-1"});
        BOOST_TEST(id.size() == 64u);
        BOOST_TEST((co_await engine.inspect_container(id)).status == "created");
        co_await engine.start_container(id);
        co_await engine.start_container(id);  // already running is fine
        auto state = co_await engine.inspect_container(id);
        BOOST_TEST(state.running);
        BOOST_TEST(state.status == "running");
        co_await engine.stop_container(id, 0s);
        co_await engine.stop_container(id, 0s);  // already stopped is fine
        state = co_await engine.inspect_container(id);
        BOOST_TEST(!state.running);
        BOOST_TEST(state.exit_code == 137);
        BOOST_TEST(co_await engine.remove_container(id));
        BOOST_TEST(!co_await engine.remove_container(id));
    });
    BOOST_TEST(fake.containers().empty());
}

BOOST_AUTO_TEST_CASE(refusals_map_to_error_codes_with_the_engine_message)
{
    fake_docker_engine fake({.images = {"busybox"}});
    with_engine(fake, [&](docker_engine& engine) -> task<void> {
        auto expect = [&](std::function<task<void>()> op, errc code, std::string text) -> task<void> {
            try
            {
                co_await op();
                BOOST_ERROR("expected an error: " << text);
            }
            catch (const error& e)
            {
                BOOST_TEST(e.condition() == code, e.what());
                BOOST_TEST(std::string(e.what()).find(text) != std::string::npos, e.what());
            }
        };
        co_await expect([&]() -> task<void> { co_await engine.create_container({.image = "nope:1"}); },
                        errc::not_found, "Docker engine: No such image: nope:1");
        co_await expect([&]() -> task<void> { co_await engine.inspect_container("missing"); },
                        errc::not_found, "No such container: missing");
        co_await engine.create_container({.image = "busybox", .name = "taken"});
        co_await expect(
            [&]() -> task<void> { co_await engine.create_container({.image = "busybox", .name = "taken"}); },
            errc::unavailable, "is already in use");
        auto stopped = co_await engine.create_container({.image = "busybox"});
        co_await expect([&]() -> task<void> { co_await engine.create_exec(stopped, {.command = {"true"}}); },
                        errc::unavailable, "is not running");
    });
}

BOOST_AUTO_TEST_CASE(exec_returns_stdout_stderr_and_the_exit_code)
{
    fake_docker_engine fake({.images = {"busybox"}});
    with_engine(fake, [&](docker_engine& engine) -> task<void> {
        auto id = co_await running_container(engine, {.image = "busybox", .working_dir = "/work"});
        auto r = co_await run(engine, id, {"sh", "-c", "echo out; echo err >&2; exit 3"});
        BOOST_TEST(r.out == "out\n");
        BOOST_TEST(r.err == "err\n");
        BOOST_TEST(r.exit_code.value_or(-1) == 3);
        auto piped = co_await run(engine, id, {"sh", "-c", "tr a-z A-Z"}, "shout\n");
        BOOST_TEST(piped.out == "SHOUT\n");
        BOOST_TEST(piped.exit_code.value_or(-1) == 0);
        auto before = co_await engine.inspect_exec(co_await engine.create_exec(id, {.command = {"true"}}));
        BOOST_TEST(!before.running);
        BOOST_TEST(!before.exit_code);
    });
}

BOOST_AUTO_TEST_CASE(archive_round_trip_and_path_stat)
{
    fake_docker_engine fake({.images = {"busybox"}});
    with_engine(fake, [&](docker_engine& engine) -> task<void> {
        auto id = co_await running_container(engine, {.image = "busybox", .working_dir = "/workspace"});
        co_await engine.put_archive(id, "/workspace",
                                    detail::make_tar({{.name = "notes.txt", .content = "twelve bytes"},
                                                      {.name = "sub/", .is_dir = true},
                                                      {.name = "sub/b.txt", .content = "b"}}));
        auto tar = co_await engine.get_archive(id, "/workspace/notes.txt", 1 << 20);
        std::error_code ec;
        auto entries = detail::read_tar(tar, ec);
        BOOST_REQUIRE_EQUAL(entries.size(), 1u);
        BOOST_TEST(entries[0].content == "twelve bytes");
        auto stat = co_await engine.stat_path(id, "/workspace/notes.txt");
        BOOST_REQUIRE(stat);
        BOOST_TEST(stat->name == "notes.txt");
        BOOST_TEST(stat->size == 12u);
        BOOST_TEST(!stat->is_dir());
        auto dir = co_await engine.stat_path(id, "/workspace/sub");
        BOOST_REQUIRE(dir);
        BOOST_TEST(dir->is_dir());
        BOOST_TEST(!(co_await engine.stat_path(id, "/workspace/absent")));
        auto r = co_await run(engine, id, {"cat", "sub/b.txt"});
        BOOST_TEST(r.out == "b");
        try
        {
            co_await engine.get_archive(id, "/workspace", 100);
            BOOST_ERROR("expected too_large");
        }
        catch (const error& e)
        {
            BOOST_TEST(e.condition() == errc::too_large, e.what());
        }
        try
        {
            co_await engine.get_archive(id, "/workspace/absent", 1 << 20);
            BOOST_ERROR("expected not_found");
        }
        catch (const error& e)
        {
            BOOST_TEST(e.condition() == errc::not_found, e.what());
        }
    });
}

// The example of docs/testing-with-fakes.md, as written there.
BOOST_AUTO_TEST_CASE(create_fails_clearly_when_the_engine_refuses)
{
    fake_docker_engine fake({.images = {"busybox:latest"}});  // serves on a thread of its own
    fake.fail_next("POST", "/containers/create", 500, "boom");
    run_task([&]() -> task<void> {
        docker_engine engine(co_await boost::asio::this_coro::executor, fake.endpoint());
        try
        {
            co_await engine.create_container({.image = "busybox"});
            BOOST_ERROR("expected an error");
        }
        catch (const error& e)
        {
            BOOST_TEST(e.what() == std::string("Docker engine: boom"));  // errc::unavailable
        }
        auto id = co_await engine.create_container({.image = "busybox"});  // the next one works
        BOOST_TEST(fake.container(id)->status == "created");
    }());
}

BOOST_AUTO_TEST_CASE(faults_become_clear_errors_and_the_client_recovers)
{
    struct fault_case
    {
        fake_fault fault;
        errc expected;
        std::string text;
    };
    std::vector<fault_case> cases{
        {{.path = "/containers/create", .kind = fake_fault_kind::invalid_json},
         errc::protocol_error,
         "malformed answer"},
        {{.path = "/containers/create", .kind = fake_fault_kind::stall}, errc::timed_out, ""},
        {{.path = "/containers/create", .kind = fake_fault_kind::malformed_status_line},
         errc::protocol_error,
         "Malformed HTTP response"},
        {{.path = "/containers/create", .kind = fake_fault_kind::truncated_chunked_body},
         errc::protocol_error,
         "was complete"},
        {{.path = "/containers/create", .kind = fake_fault_kind::drop_connection},
         errc::protocol_error,
         "without responding"},
        {{.path = "/containers/create", .status = 404, .message = "no such thing"},
         errc::not_found,
         "Docker engine: no such thing"},
        {{.path = "/containers/create", .status = 403, .message = "forbidden"},
         errc::permission_denied,
         "Docker engine: forbidden"},
    };
    for (auto& c : cases)
    {
        BOOST_TEST_CONTEXT("fault " << static_cast<int>(c.fault.kind) << " status " << c.fault.status)
        {
            fake_docker_engine fake({.images = {"busybox"}});
            fake.inject(c.fault);
            auto start = std::chrono::steady_clock::now();
            with_engine(
                fake,
                [&](docker_engine& engine) -> task<void> {
                    co_await engine.ping();
                    auto f = co_await failure_in(
                        [&]() -> task<void> { co_await engine.create_container({.image = "busybox"}); });
                    BOOST_REQUIRE(f);
                    BOOST_TEST(f->code == c.expected, f->message);
                    BOOST_TEST(f->message.find(c.text) != std::string::npos, f->message);
                    // usable again: the same client goes on working
                    BOOST_TEST((co_await engine.create_container({.image = "busybox"})).size() == 64u);
                },
                // Short only where the engine stalls: the limit is what ends that case.
                {.connect_timeout = 5s, .request_timeout = c.expected == errc::timed_out ? 1s : 10s});
            bool bounded = std::chrono::steady_clock::now() - start < 8s;
            BOOST_TEST(bounded);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_dropped_exec_stream_is_a_protocol_error_and_the_command_still_finishes)
{
    fake_docker_engine fake({.images = {"busybox"}});
    fake.inject({.path = "/exec/*/start", .kind = fake_fault_kind::drop_connection});
    with_engine(fake, [&](docker_engine& engine) -> task<void> {
        auto id = co_await running_container(engine);
        auto exec_id =
            co_await engine.create_exec(id, {.command = {"sh", "-c", "echo partial-output; exit 9"}});
        auto stream = co_await engine.start_exec(exec_id);
        try
        {
            while (co_await stream.read())
            {}
            BOOST_ERROR("expected protocol_error");
        }
        catch (const error& e)
        {
            BOOST_TEST(e.condition() == errc::protocol_error, e.what());
            BOOST_TEST(std::string(e.what()).find("ended inside a frame") != std::string::npos, e.what());
        }
        auto again = co_await run(engine, id, {"echo", "again"});
        BOOST_TEST(again.out == "again\n");
        asio::steady_timer timer(co_await asio::this_coro::executor);
        exec_state state;
        for (int i = 0; i < 500 && (state = co_await engine.inspect_exec(exec_id)).running; ++i)
        {
            timer.expires_after(10ms);
            co_await timer.async_wait(asio::use_awaitable);
        }
        BOOST_TEST(state.exit_code.value_or(-1) == 9);
    });
}

BOOST_AUTO_TEST_CASE(a_malformed_frame_header_is_a_protocol_error)
{
    fake_docker_engine fake({.images = {"busybox"}});
    fake.inject({.path = "/exec/*/start", .kind = fake_fault_kind::malformed_frame_header});
    with_engine(fake, [&](docker_engine& engine) -> task<void> {
        auto id = co_await running_container(engine);
        auto stream =
            co_await engine.start_exec(co_await engine.create_exec(id, {.command = {"echo", "hi"}}));
        try
        {
            while (co_await stream.read())
            {}
            BOOST_ERROR("expected protocol_error");
        }
        catch (const error& e)
        {
            BOOST_TEST(e.condition() == errc::protocol_error, e.what());
            BOOST_TEST(std::string(e.what()).find("bad frame header") != std::string::npos, e.what());
        }
        auto again = co_await run(engine, id, {"echo", "fine"});
        BOOST_TEST(again.out == "fine\n");
    });
}

BOOST_AUTO_TEST_CASE(a_stopped_engine_is_unavailable)
{
    temp_dir dir;
    fake_docker_engine fake({.socket_path = dir.str() + "/docker.sock"});
    with_engine(fake, [&](docker_engine& engine) -> task<void> {
        co_await engine.ping();
        fake.stop();
        try
        {
            co_await engine.image_exists("busybox");
            BOOST_ERROR("expected unavailable");
        }
        catch (const error& e)
        {
            BOOST_TEST(e.condition() == errc::unavailable, e.what());
            BOOST_TEST(std::string(e.what()).find(fake.url()) != std::string::npos, e.what());
        }
    });
}

BOOST_AUTO_TEST_SUITE_END()
