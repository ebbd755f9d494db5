// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/local_processes.hpp>

#include <agent_backends/detail/exit_report.hpp>
#include <agent_backends/detail/output_capture.hpp>

#include "core/ignore_cancellation.hpp"
#include "process/job_registry.hpp"
#include "process/running_child.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>
#include <utility>

namespace asio = boost::asio;
using clock_type = std::chrono::steady_clock;

namespace agent_backends {

namespace {

// Longer timeouts count as none (and cannot overflow the clock).
constexpr std::chrono::hours no_limit{24 * 365 * 100};

struct shared_state
{
    explicit shared_state(std::string dir) : working_dir(std::move(dir)) {}

    const std::string working_dir;
    detail::job_registry jobs;
};

task<execute_response> run_command(std::shared_ptr<shared_state> self, std::string command,
                                   execute_options opts)
{
    co_await asio::this_coro::reset_cancellation_state(asio::enable_total_cancellation());
    const std::string& dir = opts.working_dir.empty() ? self->working_dir : opts.working_dir;
    auto executor = co_await asio::this_coro::executor;
    detail::running_child child(executor, detail::spawn_shell({command, dir, &opts.env, opts.stdin_text}));
    detail::output_capture capture(opts.max_output_bytes);
    auto deadline = opts.timeout.count() > 0 && opts.timeout < no_limit ? clock_type::now() + opts.timeout
                                                                        : clock_type::time_point::max();

    std::exception_ptr cancelled;  // operation_aborted, or whatever else stopped the watch
    auto end = detail::watch_end::exited;
    try
    {
        end = co_await detail::watch_child(child, capture, deadline);
    }
    catch (...)
    {
        cancelled = std::current_exception();
    }
    if (cancelled || end == detail::watch_end::deadline)
    {
        // The cleanup must finish whatever the caller does next: no more cancellation from here on.
        co_await asio::this_coro::reset_cancellation_state(detail::ignore_cancellation());
        co_await detail::terminate_child(child, opts.kill_grace);
        if (cancelled)
            std::rethrow_exception(cancelled);
        detail::drain_available(child, capture);
        bool truncated = capture.truncated();
        co_return detail::timed_out_response(capture.take(), truncated, opts.timeout);
    }
    int status = detail::reap(child).value_or(0);
    bool truncated = capture.truncated();
    co_return detail::exited_response(capture.take(), truncated, status);
}

// The filters run_command sets would otherwise stay on the caller's coroutine stack (cancellation state
// belongs to the whole stack): run it on a stack of its own, which co_spawn links to the caller's
// cancellation.
task<execute_response> execute_on_own_stack(std::shared_ptr<shared_state> self, std::string command,
                                            execute_options opts)
{
    auto executor = co_await asio::this_coro::executor;
    co_return co_await asio::co_spawn(
        executor, run_command(std::move(self), std::move(command), std::move(opts)), asio::use_awaitable);
}

task<std::shared_ptr<background_job>> start_job(std::shared_ptr<shared_state> self, std::string command,
                                                execute_options opts)
{
    const std::string& dir = opts.working_dir.empty() ? self->working_dir : opts.working_dir;
    auto strand = asio::make_strand(co_await asio::this_coro::executor);
    auto shell = detail::spawn_shell({command, dir, &opts.env, opts.stdin_text});
    auto job = std::make_shared<detail::local_background_job>(strand, self->jobs.next_id(),
                                                              std::move(command), std::move(shell),
                                                              opts.max_output_bytes, opts.kill_grace);
    job->start();
    self->jobs.add(job);
    co_return job;
}

task<void> stop_jobs(std::shared_ptr<shared_state> self)
{
    co_await self->jobs.stop_all();
}

}  // namespace

struct local_processes::impl : shared_state
{
    using shared_state::shared_state;
};

local_processes::local_processes(std::string working_dir)
    : impl_(std::make_shared<impl>(std::move(working_dir)))
{}

local_processes::~local_processes()
{
    impl_->jobs.kill_all_now();
}

task<execute_response> local_processes::execute(std::string_view command, execute_options opts)
{
    return execute_on_own_stack(impl_, std::string(command), std::move(opts));
}

task<std::shared_ptr<background_job>> local_processes::start_background(std::string_view command,
                                                                        execute_options opts)
{
    return start_job(impl_, std::string(command), std::move(opts));
}

task<void> local_processes::stop()
{
    return stop_jobs(impl_);
}

}  // namespace agent_backends
