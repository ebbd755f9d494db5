// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "process/local_background_job.hpp"

#include <agent_backends/detail/exit_report.hpp>

#include "core/ignore_cancellation.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <signal.h>

#include <utility>

namespace asio = boost::asio;
using clock_type = std::chrono::steady_clock;

namespace agent_backends::detail {
namespace {

constexpr std::chrono::seconds after_sigkill_limit{5};

}  // namespace

local_background_job::local_background_job(asio::any_io_executor strand, std::string id, std::string command,
                                           spawned_shell shell, std::size_t max_output_bytes,
                                           std::chrono::milliseconds grace)
    : strand_(std::move(strand)), id_(std::move(id)), command_(std::move(command)), grace_(grace),
      child_(strand_, std::move(shell)), completion_(strand_, max_output_bytes)
{}

void local_background_job::start()
{
    asio::co_spawn(strand_, supervise(shared_from_this()), asio::detached);
}

task<void> local_background_job::supervise(std::shared_ptr<local_background_job> self)
{
    auto& backlog = self->completion_.backlog();
    co_await watch_child(self->child_, backlog, clock_type::time_point::max());
    auto status = reap(self->child_).value_or(0);
    if (auto note = signal_note(status))
        backlog.append((backlog.at_line_start() ? "" : "\n") + *note);
    boost::system::error_code ignored;
    self->child_.output.close(ignored);
    self->completion_.finish(exit_code_of(status));
}

task<background_output> local_background_job::read()
{
    return asio::co_spawn(strand_, read_on_strand(shared_from_this()), asio::use_awaitable);
}

task<background_output> local_background_job::read_on_strand(std::shared_ptr<local_background_job> self)
{
    co_return self->completion_.take();
}

task<int> local_background_job::wait()
{
    return asio::co_spawn(strand_, wait_on_strand(shared_from_this()), asio::use_awaitable);
}

task<int> local_background_job::wait_on_strand(std::shared_ptr<local_background_job> self)
{
    co_return co_await self->completion_.wait();
}

task<bool> local_background_job::kill()
{
    return kill_by(clock_type::now() + grace_);
}

task<bool> local_background_job::kill_by(clock_type::time_point grace_deadline)
{
    return asio::co_spawn(strand_, kill_on_strand(shared_from_this(), grace_deadline), asio::use_awaitable);
}

task<bool> local_background_job::kill_on_strand(std::shared_ptr<local_background_job> self,
                                                clock_type::time_point grace_deadline)
{
    co_await asio::this_coro::reset_cancellation_state(ignore_cancellation());
    if (self->completion_.done())
        co_return false;
    self->signal_group(SIGTERM);
    co_await self->completion_.wait_until(grace_deadline);
    if (!self->completion_.done())
    {
        self->child_.group.signal(SIGKILL);
        co_await self->completion_.wait_until(clock_type::now() + after_sigkill_limit);
    }
    co_return true;
}

void local_background_job::signal_group(int sig)
{
    child_.group.kill_group_on_reap();
    child_.group.signal(sig);
}

}  // namespace agent_backends::detail
