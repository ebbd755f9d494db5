// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_PROCESS_JOB_REGISTRY_HPP
#define AGENT_BACKENDS_SRC_PROCESS_JOB_REGISTRY_HPP

#include "process/local_background_job.hpp"

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace agent_backends::detail {

/// The background jobs one \ref local_processes started and that still exist. Holds them weakly: a job
/// lives while it runs (its watching coroutine owns it) or while someone holds its handle.
///
/// Thread safety: shared objects: safe.
class job_registry
{
public:
    /// A fresh id: `job-1`, `job-2`, ...
    std::string next_id();

    void add(const std::shared_ptr<local_background_job>& job);

    /// Every job still alive.
    std::vector<std::shared_ptr<local_background_job>> snapshot();

    /// SIGKILL to every job's group, now and without waiting; their watching coroutines reap them.
    void kill_all_now();

    /// SIGTERM to every job, each job's grace, SIGKILL to the rest, reaped. Not cancellable.
    task<void> stop_all();

private:
    std::mutex mutex_;
    std::uint64_t counter_{0};
    std::vector<std::weak_ptr<local_background_job>> jobs_;
};

}  // namespace agent_backends::detail

#endif
