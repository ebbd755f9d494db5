// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/detail/process_group.hpp>

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>

#include <system_error>
#include <thread>

namespace agent_backends::detail {

process_group::~process_group()
{
    std::lock_guard lock(mutex_);
    if (status_)
        return;
    ::kill(-leader_, SIGKILL);
    int status = 0;
    if (::waitpid(leader_, &status, WNOHANG) != 0)
        return;
    // Still exiting (rare: only when the executor that would have reaped it is gone). SIGKILL cannot
    // be ignored, so the wait is short, but a destructor must not block on it.
    auto wait_for_it = [pid = leader_] {
        int st = 0;
        while (::waitpid(pid, &st, 0) < 0 && errno == EINTR)
        {}
    };
    try
    {
        std::thread(wait_for_it).detach();
    }
    catch (const std::system_error&)
    {
        wait_for_it();  // no thread to be had: a short block beats a zombie
    }
}

bool process_group::signal(int sig)
{
    std::lock_guard lock(mutex_);
    if (status_)
        return false;
    ::kill(-leader_, sig);
    return true;
}

void process_group::kill_group_on_reap()
{
    std::lock_guard lock(mutex_);
    kill_group_on_reap_ = true;
}

std::optional<int> process_group::try_reap()
{
    std::lock_guard lock(mutex_);
    if (status_)
        return status_;
    if (kill_group_on_reap_)
    {
        // Only once the leader has exited (peeked without reaping), so a running leader is not killed here.
        siginfo_t info{};
        if (::waitid(P_PID, static_cast<id_t>(leader_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
            info.si_pid == leader_)
            ::kill(-leader_, SIGKILL);
    }
    int status = 0;
    pid_t r;
    while ((r = ::waitpid(leader_, &status, WNOHANG)) < 0 && errno == EINTR)
    {}
    if (r == leader_)
        status_ = status;
    else if (r < 0)
        status_ = 0;  // ECHILD: someone else reaped it; nothing left to wait for
    return status_;
}

bool process_group::reaped() const
{
    std::lock_guard lock(mutex_);
    return status_.has_value();
}

}  // namespace agent_backends::detail
