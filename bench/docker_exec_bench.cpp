// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// One exec round trip of `true` in a running container (exec create, attached start read to the end,
// exec inspect) through our docker_engine, beside `curl --unix-socket` doing the same three requests, in
// the same run, alternating. Prints `name ours anchor ratio` lines (milliseconds per round trip; ratio =
// ours / anchor, lower is better), then docker_sandbox::execute("true") for the cost of its wrapper.
//
//   docker_exec_bench [unix:///path/to/engine.sock] [IMAGE]
// Defaults: DOCKER_HOST (else /var/run/docker.sock) and the busybox image of scripts/test_engine.sh.
#include <agent_backends/sandboxes/docker_engine.hpp>
#include <agent_backends/sandboxes/docker_sandbox.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <spawn.h>
#include <sys/wait.h>

extern char** environ;

namespace asio = boost::asio;
using namespace agent_backends;
using clock_type = std::chrono::steady_clock;

namespace {

constexpr int execs_per_batch = 20;
constexpr int rounds = 5;  // ours and curl alternate, so drift on a shared machine hits both alike

double milliseconds_since(clock_type::time_point start)
{
    return std::chrono::duration<double, std::milli>(clock_type::now() - start).count();
}

task<void> exec_true(docker_engine& engine, const std::string& container)
{
    auto exec = co_await engine.create_exec(container, {.command = {"true"}});
    auto stream = co_await engine.start_exec(exec);
    while (co_await stream.read())
    {
    }
    auto state = co_await engine.inspect_exec(exec);
    while (state.running)
        state = co_await engine.inspect_exec(exec);
    if (state.exit_code != 0)
        throw std::runtime_error("exec of true failed");
}

// The same three requests by curl, one process per request as a shell script would do it.
double curl_batch_ms(const std::string& socket, const std::string& api, const std::string& container)
{
    std::string base = "curl -sf --unix-socket '" + socket + "' http://d/v" + api;
    std::string script =
        "for i in $(seq " + std::to_string(execs_per_batch) + "); do "
        "e=$(" + base + "/containers/" + container + "/exec -H 'Content-Type: application/json' "
        "-d '{\"AttachStdout\":true,\"AttachStderr\":true,\"Cmd\":[\"true\"]}') || exit 1; "
        "e=${e#*\\\"Id\\\":\\\"}; e=${e%%\\\"*}; " +
        base + "/exec/$e/start -H 'Content-Type: application/json' -d '{\"Detach\":false,\"Tty\":false}' "
        ">/dev/null || exit 1; " +
        base + "/exec/$e/json >/dev/null || exit 1; done";
    auto start = clock_type::now();
    const char* sh_argv[] = {"sh", "-c", script.c_str(), nullptr};
    pid_t pid = 0;
    if (::posix_spawn(&pid, "/bin/sh", nullptr, nullptr, const_cast<char* const*>(sh_argv), environ) != 0)
        throw std::runtime_error("cannot run /bin/sh");
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error("the curl sequence failed (is curl installed?)");
    return milliseconds_since(start) / execs_per_batch;
}

}  // namespace

int main(int argc, char** argv)
{
    try
    {
        auto endpoint = argc > 1 ? http_endpoint::parse(argv[1]) : docker_engine::endpoint_from_environment();
        std::string image = argc > 2 ? argv[2] : "agent-backends-test/busybox:latest";
        if (endpoint.transport != http_transport::unix_socket)
            throw std::runtime_error("the curl anchor needs a unix socket endpoint");

        asio::io_context io;
        docker_engine engine(io.get_executor(), endpoint);
        auto run = [&](auto make_task) {
            auto done = asio::co_spawn(io, make_task(), asio::use_future);
            io.restart();
            io.run();
            return done.get();
        };
        auto info = run([&]() { return engine.ping(); });
        std::string container = run([&]() -> task<std::string> {
            auto id = co_await engine.create_container(
                {.image = image,
                 .command = {"sh", "-c", "trap 'exit 0' TERM; while :; do sleep 86400 & wait $!; done"},
                 .labels = {{"agent-backends.bench", "docker_exec_bench"}}});
            co_await engine.start_container(id);
            co_return id;
        });

        std::vector<double> ours, anchor;
        run([&]() { return exec_true(engine, container); });  // warm the connection and the engine
        for (int r = 0; r < rounds; ++r)
        {
            auto start = clock_type::now();
            run([&]() -> task<void> {
                for (int i = 0; i < execs_per_batch; ++i)
                    co_await exec_true(engine, container);
            });
            ours.push_back(milliseconds_since(start) / execs_per_batch);
            anchor.push_back(curl_batch_ms(endpoint.socket_path, info.api_version, container));
        }

        docker_sandbox box(io.get_executor(), {.image = image, .docker_host = endpoint});
        std::vector<double> sandbox_ms;
        run([&]() -> task<void> {
            co_await box.start();
            co_await box.execute("true");
            for (int i = 0; i < execs_per_batch; ++i)
            {
                auto start = clock_type::now();
                co_await box.execute("true");
                sandbox_ms.push_back(milliseconds_since(start));
            }
            co_await box.stop();
            co_await engine.remove_container(container, true);
        });

        auto median = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return v[v.size() / 2];
        };
        std::printf("# %s engine %s, API %s; %d rounds of %d execs, medians in ms per round trip\n",
                    info.is_podman ? "podman" : "docker", info.engine_version.c_str(), info.api_version.c_str(),
                    rounds, execs_per_batch);
        std::printf("exec_true_round_trip %.2f %.2f %.3f\n", median(ours), median(anchor),
                    median(ours) / median(anchor));
        std::printf("sandbox_execute_true %.2f %.2f %.3f\n", median(sandbox_ms), median(anchor),
                    median(sandbox_ms) / median(anchor));
        return 0;
    }
    catch (const std::exception& e)
    {
        std::fprintf(stderr, "docker_exec_bench: %s\n", e.what());
        return 1;
    }
}
