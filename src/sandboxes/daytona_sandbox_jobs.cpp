// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/daytona_sandbox_jobs.hpp"

#include <agent_backends/error.hpp>

#include "core/ignore_cancellation.hpp"
#include "sandboxes/daytona_json.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <utility>

namespace asio = boost::asio;

namespace agent_backends::detail {
namespace {

// What a job reports when its end cannot be learned from the toolbox: its session or sandbox was deleted,
// which kills its processes (SIGTERM first, as the toolbox does).
constexpr int ended_with_session = 128 + 15;
constexpr int ended_with_sandbox = 128 + 9;
constexpr std::chrono::seconds session_delete_limit{30};

}  // namespace

daytona_background_job::daytona_background_job(asio::any_io_executor strand, daytona_job_place place,
                                               std::string id, std::string command,
                                               std::size_t max_output_bytes,
                                               std::chrono::milliseconds poll_interval)
    : strand_(std::move(strand)),
      place_(std::move(place)),
      id_(std::move(id)),
      command_(std::move(command)),
      poll_interval_(poll_interval),
      completion_(strand_, max_output_bytes)
{}

task<void> daytona_background_job::refresh(std::shared_ptr<daytona_background_job> self)
{
    if (self->completion_.done())
        co_return;
    auto& toolbox = *self->place_.toolbox;
    const auto command = "/process/session/" + query_escape(self->place_.session_id) + "/command/" +
                         query_escape(self->place_.command_id);
    // The status first: once it names an exit code, the log read after it is complete.
    auto status_res = co_await toolbox.send("GET", command);
    if (status_res.status == 404)
    {
        self->completion_.finish(ended_with_session);  // deleted behind our back
        co_return;
    }
    if (status_res.status != 200)
        toolbox.refuse(status_res, "GET", command);
    auto status = parse_command_status(status_res.body);
    if (!status)
        toolbox.malformed("GET", command, "not a command status object");

    const auto logs_target = command + "/logs";
    auto logs_res = co_await toolbox.send("GET", logs_target);
    if (logs_res.status != 200)
        toolbox.refuse(logs_res, "GET", logs_target);
    const auto log = command_logs_of(logs_res.body);
    if (log.size() > self->delivered_)
    {
        self->completion_.backlog().append(std::string_view(log).substr(self->delivered_));
        self->delivered_ = log.size();
    }
    if (status->exit_code)
        self->completion_.finish(*status->exit_code);
}

task<background_output> daytona_background_job::read()
{
    return asio::co_spawn(strand_, read_on_strand(shared_from_this()), asio::use_awaitable);
}

task<background_output> daytona_background_job::read_on_strand(std::shared_ptr<daytona_background_job> self)
{
    co_await refresh(self);
    co_return self->completion_.take();
}

task<int> daytona_background_job::wait()
{
    return asio::co_spawn(strand_, wait_on_strand(shared_from_this()), asio::use_awaitable);
}

task<int> daytona_background_job::wait_on_strand(std::shared_ptr<daytona_background_job> self)
{
    asio::steady_timer pause(self->strand_);
    for (;;)
    {
        co_await refresh(self);
        if (self->completion_.done())
            co_return co_await self->completion_.wait();
        pause.expires_after(self->poll_interval_);
        co_await pause.async_wait(asio::use_awaitable);
    }
}

task<void> daytona_background_job::delete_session(std::shared_ptr<daytona_background_job> self)
{
    auto& toolbox = *self->place_.toolbox;
    const auto target = "/process/session/" + query_escape(self->place_.session_id);
    auto res = co_await toolbox.send("DELETE", target, {}, session_delete_limit);
    if (res.status >= 300 && res.status != 404)
        toolbox.refuse(res, "DELETE", target);
}

task<bool> daytona_background_job::kill()
{
    return asio::co_spawn(strand_, kill_on_strand(shared_from_this()), asio::use_awaitable);
}

task<bool> daytona_background_job::kill_on_strand(std::shared_ptr<daytona_background_job> self)
{
    // Once begun, the kill goes through whatever the caller does meanwhile.
    co_await asio::this_coro::reset_cancellation_state(ignore_cancellation());
    co_await refresh(self);  // a job that has ended is not killed; the output so far is kept
    if (self->completion_.done())
        co_return false;
    co_await delete_session(self);
    self->completion_.finish(ended_with_session);
    co_return true;
}

task<void> daytona_background_job::end()
{
    return asio::co_spawn(strand_, end_on_strand(shared_from_this()), asio::use_awaitable);
}

task<void> daytona_background_job::end_on_strand(std::shared_ptr<daytona_background_job> self)
{
    co_await asio::this_coro::reset_cancellation_state(ignore_cancellation());
    if (self->completion_.done())
        co_return;
    try
    {
        co_await delete_session(self);
    }
    catch (const error&)
    {
        // Best effort: the sandbox is being stopped and nobody waits for this job any more.
    }
    self->completion_.finish(ended_with_session);
}

void daytona_background_job::abandon()
{
    asio::post(strand_, [self = shared_from_this()] {
        if (!self->completion_.done())
            self->completion_.finish(ended_with_sandbox);
    });
}

std::string daytona_job_registry::next_id()
{
    std::lock_guard lock(mutex_);
    return "job-" + std::to_string(++counter_);
}

void daytona_job_registry::add(const std::shared_ptr<daytona_background_job>& job)
{
    std::lock_guard lock(mutex_);
    std::erase_if(jobs_, [](const auto& weak) { return weak.expired(); });
    jobs_.push_back(job);
}

std::vector<std::shared_ptr<daytona_background_job>> daytona_job_registry::take_all()
{
    std::vector<std::shared_ptr<daytona_background_job>> live;
    std::lock_guard lock(mutex_);
    for (const auto& weak : jobs_)
        if (auto job = weak.lock())
            live.push_back(std::move(job));
    jobs_.clear();
    return live;
}

}  // namespace agent_backends::detail
