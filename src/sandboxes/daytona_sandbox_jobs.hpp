// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_DAYTONA_SANDBOX_JOBS_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_DAYTONA_SANDBOX_JOBS_HPP

#include <agent_backends/background_job.hpp>

#include "process/job_completion.hpp"
#include "sandboxes/daytona_api.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace agent_backends::detail {

/// Where a background command runs: a toolbox session of its own, and the command's id in it.
struct daytona_job_place
{
    std::shared_ptr<daytona_api> toolbox;
    std::string session_id;
    std::string command_id;
};

/// A background command of a daytona_sandbox, run asynchronously (`runAsync`) in a toolbox session of its
/// own. Nothing watches it between calls: \ref read and \ref wait ask the toolbox for the command's exit
/// code and its log (which the toolbox keeps whole), and hand on what is new. Killing it deletes its
/// session, which ends the session's processes. Its state lives on a strand; the public operations hop
/// there.
class daytona_background_job final : public background_job,
                                     public std::enable_shared_from_this<daytona_background_job>
{
public:
    /// `strand` must be a strand.
    daytona_background_job(boost::asio::any_io_executor strand, daytona_job_place place, std::string id,
                           std::string command, std::size_t max_output_bytes,
                           std::chrono::milliseconds poll_interval);

    std::string_view id() const override { return id_; }
    std::string_view command() const override { return command_; }
    task<background_output> read() override;
    task<int> wait() override;
    task<bool> kill() override;

    /// Deletes the session (best effort) and reports the job ended: for a sandbox that is kept on stop.
    task<void> end();

    /// Reports the job ended without asking the toolbox: its sandbox is gone. From any thread.
    void abandon();

private:
    static task<void> refresh(std::shared_ptr<daytona_background_job> self);
    static task<background_output> read_on_strand(std::shared_ptr<daytona_background_job> self);
    static task<int> wait_on_strand(std::shared_ptr<daytona_background_job> self);
    static task<bool> kill_on_strand(std::shared_ptr<daytona_background_job> self);
    static task<void> end_on_strand(std::shared_ptr<daytona_background_job> self);
    static task<void> delete_session(std::shared_ptr<daytona_background_job> self);

    boost::asio::any_io_executor strand_;
    daytona_job_place place_;
    std::string id_;
    std::string command_;
    std::chrono::milliseconds poll_interval_;
    job_completion completion_;
    std::uint64_t delivered_{0};  ///< Bytes of the log already handed to the backlog.
};

/// The background jobs of one sandbox that still exist, held weakly.
class daytona_job_registry
{
public:
    /// A fresh id: `job-1`, `job-2`, ...
    std::string next_id();

    void add(const std::shared_ptr<daytona_background_job>& job);

    /// Every job still alive; the registry is left empty.
    std::vector<std::shared_ptr<daytona_background_job>> take_all();

private:
    std::mutex mutex_;
    std::uint64_t counter_{0};
    std::vector<std::weak_ptr<daytona_background_job>> jobs_;
};

}  // namespace agent_backends::detail

#endif
