// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_UNIT_DOCKER_ENGINE_TEST_SUPPORT_HPP
#define AGENT_BACKENDS_TEST_UNIT_DOCKER_ENGINE_TEST_SUPPORT_HPP

#include <agent_backends/http/http_client.hpp>
#include <agent_backends/sandboxes/docker_engine.hpp>

#include "common/run_task.hpp"
#include "common/test_engine.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace agent_backends::test {

/// What an exec printed and how it ended.
struct exec_result
{
    std::string out;
    std::string err;
    int exit_code{-1};  ///< -1 when the engine reported none.
};

/// The exit code once the engine reports the exec finished (it may lag the end of the stream briefly).
inline task<exec_state> finished_exec(docker_engine& engine, const std::string& exec_id)
{
    auto state = co_await engine.inspect_exec(exec_id);
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
    for (int i = 0; state.running && i < 100; ++i)
    {
        timer.expires_after(std::chrono::milliseconds(20));
        co_await timer.async_wait(boost::asio::use_awaitable);
        state = co_await engine.inspect_exec(exec_id);
    }
    co_return state;
}

/// Runs a command in a container to the end: its output by stream and its exit code.
inline task<exec_result> run_exec(docker_engine& engine, std::string container_id,
                                  std::vector<std::string> command,
                                  std::optional<std::string> input = std::nullopt)
{
    auto id = co_await engine.create_exec(container_id,
                                          {.command = std::move(command), .attach_stdin = input.has_value()});
    auto stream = co_await engine.start_exec(id);
    if (input)
    {
        co_await stream.write_stdin(std::move(*input));
        co_await stream.close_stdin();
    }
    exec_result r;
    while (auto piece = co_await stream.read())
        (piece->stream == exec_stream_kind::stderr_stream ? r.err : r.out) += piece->data;
    r.exit_code = (co_await finished_exec(engine, id)).exit_code.value_or(-1);
    co_return r;
}

/// Runs `fn(engine)` on a fresh io_context against the test engine.
template <class F>
auto with_engine(const http_endpoint& host, F fn)
{
    return run_task([&]() -> decltype(fn(std::declval<docker_engine&>())) {
        docker_engine engine(co_await boost::asio::this_coro::executor, host);
        co_return co_await fn(engine);
    }());
}

/// One running busybox container shared by the test cases of a suite (decorate the suite with
/// `* boost::unit_test::fixture<shared_container>()`); removed when the suite ends.
struct shared_container
{
    static inline std::optional<http_endpoint> host;
    static inline std::string id;

    void setup()
    {
        host = test_engine();
        if (!host)
            return;
        id = with_engine(*host, [](docker_engine& engine) -> task<std::string> {
            auto id = co_await engine.create_container({.image = test_image(),
                                                        .command = {"sleep", "3600"},
                                                        .labels = {{"agent-backends-test", "1"}}});
            co_await engine.start_container(id);
            co_return id;
        });
    }

    void teardown()
    {
        if (host && !id.empty())
            with_engine(*host, [](docker_engine& engine) -> task<bool> {
                co_return co_await engine.remove_container(id);
            });
        id.clear();
    }
};

/// A request straight to the engine, for what the client under test does not offer (image removal, the
/// full inspect document).
inline http_response raw_request(const http_endpoint& host, http_request req)
{
    return run_task([&]() -> task<http_response> {
        http_client client(co_await boost::asio::this_coro::executor, host);
        co_return co_await client.request(std::move(req));
    }());
}

}  // namespace agent_backends::test

#endif
