// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_PROCESS_LOCAL_BACKGROUND_JOB_HPP
#define AGENT_BACKENDS_SRC_PROCESS_LOCAL_BACKGROUND_JOB_HPP

#include <agent_backends/background_job.hpp>

#include "process/job_completion.hpp"
#include "process/running_child.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace agent_backends::detail {

/// A background command of \ref local_processes. Its state lives on a strand of the executor that
/// started it; a coroutine there copies its output into a bounded backlog and reaps it when it exits.
/// The public operations hop onto that strand, so they may be called from any thread.
class local_background_job final : public background_job,
                                   public std::enable_shared_from_this<local_background_job>
{
public:
    /// `strand` must be a strand (all state is touched only there).
    local_background_job(boost::asio::any_io_executor strand, std::string id, std::string command,
                         spawned_shell shell, std::size_t max_output_bytes, std::chrono::milliseconds grace);

    /// Begins copying output and watching for the exit. Call once, right after construction.
    void start();

    std::string_view id() const override { return id_; }
    std::string_view command() const override { return command_; }
    task<background_output> read() override;
    task<int> wait() override;
    task<bool> kill() override;

    /// SIGTERM (then SIGKILL once `grace_deadline` passed) to the group; true if the job was running.
    /// Not cancellable: bounded by the deadline plus 5 s.
    task<bool> kill_by(std::chrono::steady_clock::time_point grace_deadline);

    /// Sends `sig` to the group now, from any thread; reaping will also kill what the shell leaves behind.
    void signal_group(int sig);

    std::chrono::milliseconds grace() const noexcept { return grace_; }

private:
    static task<void> supervise(std::shared_ptr<local_background_job> self);
    static task<background_output> read_on_strand(std::shared_ptr<local_background_job> self);
    static task<int> wait_on_strand(std::shared_ptr<local_background_job> self);
    static task<bool> kill_on_strand(std::shared_ptr<local_background_job> self,
                                     std::chrono::steady_clock::time_point grace_deadline);

    boost::asio::any_io_executor strand_;
    std::string id_;
    std::string command_;
    std::chrono::milliseconds grace_;
    running_child child_;
    job_completion completion_;  ///< Done once exited, output drained, reaped.
};

}  // namespace agent_backends::detail

#endif
