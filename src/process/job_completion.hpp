// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_PROCESS_JOB_COMPLETION_HPP
#define AGENT_BACKENDS_SRC_PROCESS_JOB_COMPLETION_HPP

#include <agent_backends/background_job.hpp>
#include <agent_backends/detail/output_backlog.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstddef>
#include <optional>

namespace agent_backends::detail {

/// What every kind of background job keeps: its bounded output, whether it has ended, its exit code, and
/// the waiting for that end. Touched only on the job's strand.
class job_completion
{
public:
    /// `strand` must be the job's strand.
    job_completion(boost::asio::any_io_executor strand, std::size_t max_output_bytes);

    /// Where the job's output goes.
    output_backlog& backlog() noexcept { return backlog_; }

    bool done() const noexcept { return done_; }

    /// Records the end and wakes every waiter.
    void finish(int exit_code);

    /// The output since the previous call, and the state.
    background_output take();

    /// Until \ref finish; terminal cancellation throws `operation_aborted` (the job keeps running).
    task<int> wait();

    /// Until \ref finish or `deadline`, whichever comes first; not cancellable.
    task<void> wait_until(std::chrono::steady_clock::time_point deadline);

private:
    boost::asio::any_io_executor strand_;
    output_backlog backlog_;
    std::optional<int> exit_code_;
    bool done_{false};
    boost::asio::steady_timer done_signal_;  ///< Never expires; cancelled once done.
};

}  // namespace agent_backends::detail

#endif
