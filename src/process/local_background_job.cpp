// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "process/local_background_job.hpp"

#include <agent_backends/detail/exit_report.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <signal.h>

#include <utility>

namespace asio = boost::asio;
using clock_type = std::chrono::steady_clock;

namespace agent_backends::detail {
namespace {

constexpr std::chrono::seconds after_sigkill_limit{5};

auto ignore_cancellation()
{
    return [](asio::cancellation_type) { return asio::cancellation_type::none; };
}

}  // namespace

local_background_job::local_background_job(asio::any_io_executor strand, std::string id, std::string command,
                                           spawned_shell shell, std::size_t max_output_bytes,
                                           std::chrono::milliseconds grace)
    : strand_(std::move(strand)), id_(std::move(id)), command_(std::move(command)), grace_(grace),
      child_(strand_, std::move(shell)), backlog_(max_output_bytes),
      done_signal_(strand_, clock_type::time_point::max())
{}

void local_background_job::start()
{
    asio::co_spawn(strand_, supervise(shared_from_this()), asio::detached);
}

task<void> local_background_job::supervise(std::shared_ptr<local_background_job> self)
{
    co_await watch_child(self->child_, self->backlog_, clock_type::time_point::max());
    auto status = reap(self->child_).value_or(0);
    if (auto note = signal_note(status))
        self->backlog_.append((self->backlog_.at_line_start() ? "" : "\n") + *note);
    boost::system::error_code ignored;
    self->child_.output.close(ignored);
    self->exit_code_ = exit_code_of(status);
    self->done_ = true;
    self->done_signal_.cancel();
}

task<background_output> local_background_job::read()
{
    return asio::co_spawn(strand_, read_on_strand(shared_from_this()), asio::use_awaitable);
}

task<background_output> local_background_job::read_on_strand(std::shared_ptr<local_background_job> self)
{
    auto taken = self->backlog_.take();
    co_return background_output{std::move(taken.output), !self->done_, self->exit_code_, taken.truncated};
}

task<int> local_background_job::wait()
{
    return asio::co_spawn(strand_, wait_on_strand(shared_from_this()), asio::use_awaitable);
}

task<int> local_background_job::wait_on_strand(std::shared_ptr<local_background_job> self)
{
    while (!self->done_)
    {
        boost::system::error_code ec;  // operation_aborted: either done, or the caller cancelled
        co_await self->done_signal_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        auto state = co_await asio::this_coro::cancellation_state;
        if (!self->done_ && state.cancelled() != asio::cancellation_type::none)
            throw boost::system::system_error(asio::error::operation_aborted);
    }
    co_return *self->exit_code_;
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
    if (self->done_)
        co_return false;
    self->signal_group(SIGTERM);
    co_await self->wait_done_until(grace_deadline);
    if (!self->done_)
    {
        self->child_.group.signal(SIGKILL);
        co_await self->wait_done_until(clock_type::now() + after_sigkill_limit);
    }
    co_return true;
}

void local_background_job::signal_group(int sig)
{
    child_.group.kill_group_on_reap();
    child_.group.signal(sig);
}

task<void> local_background_job::wait_done_until(clock_type::time_point deadline)
{
    using asio::experimental::make_parallel_group;
    using asio::experimental::wait_for_one;
    if (done_)
        co_return;
    asio::steady_timer timer(strand_, deadline);
    co_await make_parallel_group(done_signal_.async_wait(asio::deferred), timer.async_wait(asio::deferred))
        .async_wait(wait_for_one(), asio::use_awaitable);
}

}  // namespace agent_backends::detail
