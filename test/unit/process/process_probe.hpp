// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_PROCESS_PROBE_HPP
#define AGENT_BACKENDS_TEST_PROCESS_PROBE_HPP

// What the kernel says about our processes (/proc), and a named pipe a command writes to when it is ready.
#include <agent_backends/task.hpp>

#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace agent_backends::test {

struct proc_entry
{
    pid_t pid{};
    pid_t ppid{};
    pid_t pgrp{};
    char state{};
};

inline std::vector<proc_entry> all_processes()
{
    std::vector<proc_entry> out;
    for (const auto& dir : std::filesystem::directory_iterator("/proc"))
    {
        auto name = dir.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        std::ifstream in(dir.path() / "stat");
        std::string line;
        if (!std::getline(in, line))
            continue;  // gone meanwhile
        auto close = line.rfind(')');
        if (close == std::string::npos)
            continue;
        std::istringstream rest(line.substr(close + 2));
        proc_entry e;
        e.pid = std::stoi(name);
        rest >> e.state >> e.ppid >> e.pgrp;
        out.push_back(e);
    }
    return out;
}

/// Our direct children (zombies included).
inline std::vector<proc_entry> children_of_self()
{
    std::vector<proc_entry> out;
    for (const auto& e : all_processes())
        if (e.ppid == ::getpid())
            out.push_back(e);
    return out;
}

inline std::size_t zombie_children()
{
    std::size_t n = 0;
    for (const auto& e : children_of_self())
        n += e.state == 'Z';
    return n;
}

/// Members of process group `pgid` that are not zombies.
inline std::vector<proc_entry> live_members(pid_t pgid)
{
    std::vector<proc_entry> out;
    for (const auto& e : all_processes())
        if (e.pgrp == pgid && e.state != 'Z' && e.state != 'X')
            out.push_back(e);
    return out;
}

/// True once group `pgid` has no live member. Processes orphaned by a killed shell die asynchronously
/// (the kernel delivers SIGKILL, init reaps), so this polls, up to `limit`.
inline bool group_ends_within(pid_t pgid, std::chrono::milliseconds limit = std::chrono::seconds(5))
{
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (!live_members(pgid).empty())
    {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

inline std::size_t open_fd_count()
{
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/fd"))
        ++n;
    return n;
}

/// A `Vm...:` figure of /proc/self/status, in kB.
inline long status_kb(const std::string& field)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(field + ":", 0) == 0)
            return std::stol(line.substr(field.size() + 1));
    return -1;
}

/// A named pipe a command writes a line into (`echo $$ > PATH`) to say it has reached a point.
class ready_pipe
{
public:
    explicit ready_pipe(std::filesystem::path path) : path_(std::move(path))
    {
        if (::mkfifo(path_.c_str(), 0600) != 0)
            throw std::runtime_error("mkfifo failed");
    }
    const std::filesystem::path& path() const { return path_; }

    /// The next line written into the pipe. Opened read-write so that it never sees end-of-file.
    task<std::string> next_line() const
    {
        int fd = ::open(path_.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
        boost::asio::posix::stream_descriptor in(co_await boost::asio::this_coro::executor, fd);
        std::string line;
        char c = 0;
        while (true)
        {
            co_await in.async_read_some(boost::asio::buffer(&c, 1), boost::asio::use_awaitable);
            if (c == '\n')
                co_return line;
            line += c;
        }
    }

private:
    std::filesystem::path path_;
};

}  // namespace agent_backends::test

#endif
