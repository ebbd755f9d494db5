// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/shell_sandbox_jobs.hpp"

#include "core/ignore_cancellation.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <utility>

namespace asio = boost::asio;
using clock_type = std::chrono::steady_clock;

namespace agent_backends::detail {
namespace {

// What a job reports when its end cannot be learned: its container was removed, which
// kills everything in it.
constexpr int killed_with_container = 128 + 9;
constexpr std::chrono::seconds settle_after_kill{5};

}  // namespace

container_background_job::container_background_job(asio::any_io_executor strand, std::string id,
                                                   std::string command, std::size_t max_output_bytes,
                                                   std::chrono::milliseconds grace)
    : strand_(std::move(strand)),
      id_(std::move(id)),
      command_(std::move(command)),
      grace_(grace),
      completion_(strand_, max_output_bytes)
{}

task<void> container_background_job::launch(std::shared_ptr<container_exec> target,
                                            group_exec_request request)
{
    // The output goes to the backlog while the job object exists; the exec does not keep it alive.
    std::weak_ptr<container_background_job> weak = weak_from_this();
    exec_ = std::make_shared<group_exec>(strand_, std::move(target),
                                         [weak](output_stream, std::string_view data) {
                                             if (auto self = weak.lock())
                                                 self->completion_.backlog().append(data);
                                         });
    co_await exec_->launch(std::move(request));
    asio::co_spawn(strand_, supervise(shared_from_this()), asio::detached);
}

task<void> container_background_job::supervise(std::shared_ptr<container_background_job> self)
{
    co_await self->exec_->wait_until(clock_type::time_point::max());
    auto code = co_await self->exec_->exit_code();
    self->completion_.finish(code.value_or(killed_with_container));
}

task<background_output> container_background_job::read()
{
    return asio::co_spawn(strand_, read_on_strand(shared_from_this()), asio::use_awaitable);
}

task<background_output> container_background_job::read_on_strand(
    std::shared_ptr<container_background_job> self)
{
    co_return self->completion_.take();
}

task<int> container_background_job::wait()
{
    return asio::co_spawn(strand_, wait_on_strand(shared_from_this()), asio::use_awaitable);
}

task<int> container_background_job::wait_on_strand(std::shared_ptr<container_background_job> self)
{
    co_return co_await self->completion_.wait();
}

task<bool> container_background_job::kill()
{
    return asio::co_spawn(strand_, kill_on_strand(shared_from_this()), asio::use_awaitable);
}

task<bool> container_background_job::kill_on_strand(std::shared_ptr<container_background_job> self)
{
    co_await asio::this_coro::reset_cancellation_state(ignore_cancellation());
    if (self->completion_.done())
        co_return false;
    co_await self->exec_->kill(self->grace_);
    // The watcher still asks for the exit code: give it a moment, so the caller sees it.
    co_await self->completion_.wait_until(clock_type::now() + settle_after_kill);
    co_return true;
}

void container_background_job::abandon()
{
    asio::post(strand_, [self = shared_from_this()] {
        if (self->exec_)
            self->exec_->abandon();
    });
}

std::string container_job_registry::next_id()
{
    std::lock_guard lock(mutex_);
    return "job-" + std::to_string(++counter_);
}

void container_job_registry::add(const std::shared_ptr<container_background_job>& job)
{
    std::lock_guard lock(mutex_);
    std::erase_if(jobs_, [](const auto& weak) { return weak.expired(); });
    jobs_.push_back(job);
}

void container_job_registry::abandon_all()
{
    std::vector<std::shared_ptr<container_background_job>> live;
    {
        std::lock_guard lock(mutex_);
        for (const auto& weak : jobs_)
            if (auto job = weak.lock())
                live.push_back(std::move(job));
        jobs_.clear();
    }
    for (const auto& job : live)
        job->abandon();
}

}  // namespace agent_backends::detail
