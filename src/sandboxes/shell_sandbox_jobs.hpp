// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_SHELL_SANDBOX_JOBS_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_SHELL_SANDBOX_JOBS_HPP

#include <agent_backends/background_job.hpp>

#include "process/job_completion.hpp"
#include "sandboxes/container_exec.hpp"
#include "sandboxes/group_exec.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace agent_backends::detail {

/// A background command of a container sandbox: a process in its own process group whose output a
/// coroutine copies into a bounded backlog. Its state lives on a strand; the public operations hop there.
class container_background_job final : public background_job,
                                       public std::enable_shared_from_this<container_background_job>
{
public:
    /// `strand` must be a strand.
    container_background_job(boost::asio::any_io_executor strand, std::string id, std::string command,
                             std::size_t max_output_bytes, std::chrono::milliseconds grace);

    /// Starts the command and the coroutine that watches it. Call once, on the strand.
    task<void> launch(std::shared_ptr<container_exec> target, group_exec_request request);

    std::string_view id() const override { return id_; }
    std::string_view command() const override { return command_; }
    task<background_output> read() override;
    task<int> wait() override;
    task<bool> kill() override;

    /// Stops watching a job whose container is gone; it then reports itself ended. From any thread.
    void abandon();

private:
    static task<void> supervise(std::shared_ptr<container_background_job> self);
    static task<background_output> read_on_strand(std::shared_ptr<container_background_job> self);
    static task<int> wait_on_strand(std::shared_ptr<container_background_job> self);
    static task<bool> kill_on_strand(std::shared_ptr<container_background_job> self);

    boost::asio::any_io_executor strand_;
    std::string id_;
    std::string command_;
    std::chrono::milliseconds grace_;
    job_completion completion_;
    std::shared_ptr<group_exec> exec_;
};

/// The background jobs of one sandbox that still exist, held weakly: a job lives while it runs (its
/// watching coroutine owns it) or while someone holds its handle.
class container_job_registry
{
public:
    /// A fresh id: `job-1`, `job-2`, ...
    std::string next_id();

    void add(const std::shared_ptr<container_background_job>& job);

    /// Every job's watcher stops and the jobs report they ended (their container is gone).
    void abandon_all();

private:
    std::mutex mutex_;
    std::uint64_t counter_{0};
    std::vector<std::weak_ptr<container_background_job>> jobs_;
};

}  // namespace agent_backends::detail

#endif
