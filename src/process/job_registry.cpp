// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "process/job_registry.hpp"

#include <algorithm>
#include <chrono>

#include <signal.h>

namespace agent_backends::detail {

std::string job_registry::next_id()
{
    std::lock_guard lock(mutex_);
    return "job-" + std::to_string(++counter_);
}

void job_registry::add(const std::shared_ptr<local_background_job>& job)
{
    std::lock_guard lock(mutex_);
    std::erase_if(jobs_, [](const auto& weak) { return weak.expired(); });
    jobs_.push_back(job);
}

std::vector<std::shared_ptr<local_background_job>> job_registry::snapshot()
{
    std::vector<std::shared_ptr<local_background_job>> live;
    std::lock_guard lock(mutex_);
    for (const auto& weak : jobs_)
        if (auto job = weak.lock())
            live.push_back(std::move(job));
    return live;
}

void job_registry::kill_all_now()
{
    for (const auto& job : snapshot())
        job->signal_group(SIGKILL);
}

task<void> job_registry::stop_all()
{
    auto jobs = snapshot();
    auto start = std::chrono::steady_clock::now();
    // Everyone gets SIGTERM at once, so the graces run side by side and the waits below overlap.
    for (const auto& job : jobs)
        job->signal_group(SIGTERM);
    for (const auto& job : jobs)
        co_await job->kill_by(start + job->grace());
}

}  // namespace agent_backends::detail
