// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// execute() against the floor of the machine: posix_spawn + waitpid of `/bin/sh -c true`, measured in the
// same run. Prints `name ours anchor ratio` lines (ratio = ours / anchor; lower is better).
#include <agent_backends/local_processes.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <thread>
#include <vector>

#include <spawn.h>
#include <sys/wait.h>

extern char** environ;

namespace asio = boost::asio;
using agent_backends::local_processes;
using agent_backends::task;
using clock_type = std::chrono::steady_clock;

namespace {

constexpr int commands = 1000;
constexpr int rounds = 5;  // ours and the floor alternate, so drift on a shared machine hits both alike

double seconds_since(clock_type::time_point start)
{
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

void spawn_and_wait_true()
{
    char sh[] = "/bin/sh";
    char dash_c[] = "-c";
    char cmd[] = "true";
    char* argv[] = {sh, dash_c, cmd, nullptr};
    pid_t pid = 0;
    if (::posix_spawn(&pid, sh, nullptr, nullptr, argv, environ) != 0)
        throw std::runtime_error("posix_spawn failed");
    int status = 0;
    ::waitpid(pid, &status, 0);
}

// The floor: `in_flight` threads, each spawning and waiting, until `count` commands ran.
double floor_seconds(int count, int in_flight)
{
    std::atomic<int> next{0};
    auto start = clock_type::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < in_flight; ++t)
        threads.emplace_back([&] {
            while (next.fetch_add(1) < count)
                spawn_and_wait_true();
        });
    for (auto& t : threads)
        t.join();
    return seconds_since(start);
}

task<void> worker(local_processes& processes, int& next, int count, int& failures)
{
    while (next++ < count)
    {
        auto r = co_await processes.execute("true");
        failures += r.exit_code != 0;
    }
}

// Ours: `in_flight` coroutines on one io_context thread, until `count` commands ran.
double our_seconds(local_processes& processes, int count, int in_flight)
{
    asio::io_context io;
    int next = 0;
    int failures = 0;
    auto start = clock_type::now();
    for (int i = 0; i < in_flight; ++i)
        asio::co_spawn(io, worker(processes, next, count, failures), asio::detached);
    io.run();
    auto took = seconds_since(start);
    if (failures)
        throw std::runtime_error("execute(\"true\") failed");
    return took;
}

void report(const char* name, double ours, double anchor)
{
    std::printf("%s %.1f %.1f %.2f\n", name, ours, anchor, ours / anchor);
}

}  // namespace

int main()
{
    local_processes processes(std::filesystem::current_path().string());
    our_seconds(processes, 50, 1);  // warm up both paths
    floor_seconds(50, 1);

    double ours = 0, anchor = 0;
    for (int r = 0; r < rounds; ++r)
    {
        ours += our_seconds(processes, commands / rounds, 1);
        anchor += floor_seconds(commands / rounds, 1);
    }
    report("execute_true_latency_us", ours / commands * 1e6, anchor / commands * 1e6);

    for (int in_flight : {2, 16})
    {
        ours = anchor = 0;
        for (int r = 0; r < rounds; ++r)
        {
            ours += our_seconds(processes, commands / rounds, in_flight);
            anchor += floor_seconds(commands / rounds, in_flight);
        }
        auto name = "execute_1000_in_flight_" + std::to_string(in_flight) + "_ms";
        report(name.c_str(), ours * 1e3, anchor * 1e3);
    }
}
