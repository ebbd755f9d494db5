// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/daytona/host_command.hpp"

#include "fakes/common/host_process.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <array>
#include <utility>

#include <signal.h>

namespace asio = boost::asio;

namespace agent_backends::test::daytona_fake {
namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

task<void> pump(asio::posix::stream_descriptor* stream, bool is_stderr, const host_command_events& events)
{
    if (!stream)
        co_return;
    std::array<char, 32 * 1024> chunk;
    for (;;)
    {
        auto [ec, n] = co_await stream->async_read_some(asio::buffer(chunk), use_tuple);
        if (n > 0 && events.output)
            events.output(is_stderr, {chunk.data(), n});
        if (ec)
            co_return;
    }
}

}  // namespace

std::vector<std::string> environment_with(const std::vector<std::string>& extra)
{
    return merged_environment({}, extra);
}

task<std::optional<int>> run_host_command(asio::any_io_executor ex, host_command_spec spec,
                                          host_command_events events,
                                          std::chrono::steady_clock::time_point deadline)
{
    using namespace asio::experimental::awaitable_operators;
    auto spawned = spawn_child({.argv = {"/bin/sh", "-c", spec.command},
                                .env = std::move(spec.env),
                                .working_dir = spec.working_dir,
                                .group = 0,
                                .attach_stdin = false,
                                .merge_stderr = spec.merge_stderr});
    if (!spawned.child)
        throw host_command_failure(spawned.failure);
    auto& child = *spawned.child;
    const pid_t group = child.pid();
    if (events.started)
        events.started(group);

    asio::posix::stream_descriptor output(ex, child.take_output().release());
    std::optional<asio::posix::stream_descriptor> errors;
    if (auto fd = child.take_errors())
        errors.emplace(ex, fd.release());
    asio::posix::stream_descriptor exit_watch(ex, child.take_pidfd().release());

    asio::steady_timer timer(ex, deadline);
    auto first =
        co_await ((pump(&output, false, events) && pump(errors ? &*errors : nullptr, true, events)) ||
                  timer.async_wait(use_tuple));
    const bool timed_out = first.index() == 1;
    if (timed_out)
        ::kill(-group, SIGKILL);
    // The output may end before the process does (it closed its descriptors): wait for the exit itself.
    for (;;)
    {
        if (auto code = child.try_reap())
            co_return timed_out ? std::nullopt : std::optional<int>(*code);
        auto [ec] = co_await exit_watch.async_wait(asio::posix::descriptor_base::wait_read, use_tuple);
        if (ec && ec != asio::error::interrupted)
        {
            ::kill(-group, SIGKILL);
            co_return std::nullopt;
        }
    }
}

}  // namespace agent_backends::test::daytona_fake
