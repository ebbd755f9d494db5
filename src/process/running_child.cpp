// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "process/running_child.hpp"

#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <memory>

namespace asio = boost::asio;

namespace agent_backends::detail {
namespace {

constexpr std::size_t read_chunk = 64 * 1024;
constexpr std::chrono::seconds after_sigkill_limit{5};

// Per-operation cancellation completes the awaited group with operation_aborted codes instead of throwing;
// this turns the caller's cancellation back into the exception it must see.
task<void> throw_if_caller_cancelled()
{
    auto state = co_await asio::this_coro::cancellation_state;
    if (state.cancelled() != asio::cancellation_type::none)
        throw boost::system::system_error(asio::error::operation_aborted);
}

}  // namespace

running_child::running_child(const asio::any_io_executor& ex, spawned_shell shell)
    : group(shell.pid), output(ex, shell.output.release()), exit_watch(ex, shell.pidfd.release())
{}

task<watch_end> watch_child(running_child& child, output_sink& sink,
                            std::chrono::steady_clock::time_point deadline)
{
    using asio::experimental::make_parallel_group;
    using asio::experimental::wait_for_one;
    asio::steady_timer timer(child.output.get_executor(), deadline);
    auto buffer = std::make_unique<char[]>(read_chunk);
    while (!child.exited)
    {
        boost::system::error_code timer_ec;
        if (child.output_open)
        {
            auto [order, read_ec, n, exit_ec, t_ec] =
                co_await make_parallel_group(
                    child.output.async_read_some(asio::buffer(buffer.get(), read_chunk), asio::deferred),
                    child.exit_watch.async_wait(asio::posix::descriptor_base::wait_read, asio::deferred),
                    timer.async_wait(asio::deferred))
                    .async_wait(wait_for_one(), asio::use_awaitable);
            if (!read_ec)
                sink.append({buffer.get(), n});
            else if (read_ec != asio::error::operation_aborted)
                child.output_open = false;  // end of file (or a broken pipe: nothing more to read either way)
            child.exited = !exit_ec;
            timer_ec = t_ec;
        }
        else
        {
            auto [order, exit_ec, t_ec] =
                co_await make_parallel_group(
                    child.exit_watch.async_wait(asio::posix::descriptor_base::wait_read, asio::deferred),
                    timer.async_wait(asio::deferred))
                    .async_wait(wait_for_one(), asio::use_awaitable);
            child.exited = !exit_ec;
            timer_ec = t_ec;
        }
        co_await throw_if_caller_cancelled();
        if (!timer_ec && !child.exited)
            co_return watch_end::deadline;
    }
    drain_available(child, sink);
    co_return watch_end::exited;
}

void drain_available(running_child& child, output_sink& sink)
{
    if (!child.output.is_open())
        return;
    int available = 0;
    if (::ioctl(child.output.native_handle(), FIONREAD, &available) != 0 || available <= 0)
        return;
    // Only what is there now: a process the shell left behind may keep writing forever.
    auto buffer = std::make_unique<char[]>(read_chunk);
    while (available > 0)
    {
        auto n = ::read(child.output.native_handle(), buffer.get(),
                        std::min<std::size_t>(read_chunk, static_cast<std::size_t>(available)));
        if (n <= 0)
            break;
        sink.append({buffer.get(), static_cast<std::size_t>(n)});
        available -= static_cast<int>(n);
    }
}

task<void> wait_exit_until(running_child& child, std::chrono::steady_clock::time_point deadline)
{
    using asio::experimental::make_parallel_group;
    using asio::experimental::wait_for_one;
    if (child.exited)
        co_return;
    asio::steady_timer timer(child.exit_watch.get_executor(), deadline);
    auto [order, exit_ec, timer_ec] =
        co_await make_parallel_group(
            child.exit_watch.async_wait(asio::posix::descriptor_base::wait_read, asio::deferred),
            timer.async_wait(asio::deferred))
            .async_wait(wait_for_one(), asio::use_awaitable);
    child.exited = !exit_ec;
}

task<void> terminate_child(running_child& child, std::chrono::milliseconds grace)
{
    using clock = std::chrono::steady_clock;
    child.group.kill_group_on_reap();
    if (!child.exited)
    {
        child.group.signal(SIGTERM);
        co_await wait_exit_until(child, clock::now() + grace);
    }
    if (!child.exited)
    {
        child.group.signal(SIGKILL);
        co_await wait_exit_until(child, clock::now() + after_sigkill_limit);
    }
    if (child.exited)
        reap(child);
}

std::optional<int> reap(running_child& child)
{
    auto status = child.group.try_reap();
    if (status && child.exit_watch.is_open())
    {
        boost::system::error_code ignored;
        child.exit_watch.close(ignored);
    }
    return status;
}

}  // namespace agent_backends::detail
