// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_MCP_HTTP_PROCESS_WATCH_HPP
#define AGENT_BACKENDS_TEST_MCP_HTTP_PROCESS_WATCH_HPP

// Polling with a deadline for what a command left behind: a pid file it wrote, and its process going away.

#include "common/temp_dir.hpp"

#include <cerrno>
#include <chrono>
#include <string>
#include <thread>

#include <signal.h>
#include <sys/types.h>

namespace agent_backends::test {

/// Polls `done` every 10 ms until it holds or `limit` passes; returns whether it held.
template <class F>
bool eventually(F done, std::chrono::milliseconds limit = std::chrono::seconds(10))
{
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done())
    {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

/// The pid a command wrote with `echo $$ > NAME` once the line is complete, or 0 after 10 s.
inline pid_t pid_written_to(const temp_dir& dir, const std::string& name)
{
    pid_t pid = 0;
    eventually([&] {
        auto text = dir.read(name);
        if (text.empty() || text.back() != '\n')
            return false;
        pid = static_cast<pid_t>(std::stol(text));
        return true;
    });
    return pid;
}

/// Whether no process `pid` exists any more (killed and reaped: a zombie still counts as existing).
inline bool process_gone(pid_t pid)
{
    return ::kill(pid, 0) == -1 && errno == ESRCH;
}

}  // namespace agent_backends::test

#endif
