// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "process/shell_spawn.hpp"

#include <agent_backends/error.hpp>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

extern char** environ;

namespace agent_backends::detail {
namespace {

[[noreturn]] void fail_unavailable(std::string_view what, int err)
{
    throw error(errc::unavailable, "Cannot run the command: " + std::string(what) + " failed (" +
                                       std::string(::strerror(err)) +
                                       "); the system may be out of "
                                       "processes or file descriptors, try again later");
}

void refuse_nul(std::string_view text, std::string_view what)
{
    if (text.find('\0') != std::string_view::npos)
        throw error(errc::invalid_argument, "Invalid " + std::string(what) + ": contains a NUL byte");
}

// Keeps our descriptors off 0-2, so the child's dup2 onto its stdio never clobbers one of them.
unique_fd above_stdio(unique_fd fd)
{
    if (fd.get() > 2)
        return fd;
    int moved = ::fcntl(fd.get(), F_DUPFD_CLOEXEC, 3);
    if (moved < 0)
        fail_unavailable("fcntl", errno);
    return unique_fd(moved);
}

unique_fd memory_file_holding(std::string_view text)
{
    unique_fd fd(::memfd_create("stdin", MFD_CLOEXEC));
    if (!fd)
        fail_unavailable("memfd_create", errno);
    while (!text.empty())
    {
        auto n = ::write(fd.get(), text.data(), text.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            fail_unavailable("write", errno);
        text.remove_prefix(static_cast<std::size_t>(n));
    }
    ::lseek(fd.get(), 0, SEEK_SET);
    return above_stdio(std::move(fd));
}

// Our environment with the additions replacing same-named entries.
class environment
{
public:
    explicit environment(const std::vector<std::pair<std::string, std::string>>* additions)
    {
        if (!additions || additions->empty())
            return;
        for (const auto& [key, value] : *additions)
        {
            if (key.empty() || key.find('=') != std::string::npos)
                throw error(errc::invalid_argument, "Invalid environment variable name: '" + key + "'");
            refuse_nul(key, "environment variable name");
            refuse_nul(value, "value of environment variable " + key);
            added_.push_back(key + "=" + value);
        }
        for (char** e = environ; *e; ++e)
        {
            std::string_view entry(*e);
            auto key = entry.substr(0, entry.find('='));
            bool replaced = false;
            for (const auto& [k, v] : *additions)
                replaced = replaced || k == key;
            if (!replaced)
                pointers_.push_back(*e);
        }
        for (auto& entry : added_)
            pointers_.push_back(entry.data());
        pointers_.push_back(nullptr);
    }

    char** get() { return pointers_.empty() ? environ : pointers_.data(); }

private:
    std::vector<std::string> added_;
    std::vector<char*> pointers_;
};

class spawn_setup
{
public:
    spawn_setup()
    {
        ::posix_spawn_file_actions_init(&actions_);
        ::posix_spawnattr_init(&attr_);
    }
    ~spawn_setup()
    {
        ::posix_spawn_file_actions_destroy(&actions_);
        ::posix_spawnattr_destroy(&attr_);
    }
    spawn_setup(const spawn_setup&) = delete;
    spawn_setup& operator=(const spawn_setup&) = delete;

    posix_spawn_file_actions_t actions_;
    posix_spawnattr_t attr_;
};

[[noreturn]] void fail_working_dir(std::string_view dir, int spawn_error)
{
    std::string d(dir);
    struct stat st = {};
    if (::stat(d.c_str(), &st) != 0)
        throw error(errc::invalid_argument,
                    "Cannot run the command: working directory '" + d + "' does not exist");
    if (!S_ISDIR(st.st_mode))
        throw error(errc::invalid_argument,
                    "Cannot run the command: working directory '" + d + "' is not a directory");
    if (spawn_error == EACCES)
        throw error(errc::invalid_argument, "Cannot run the command: working directory '" + d +
                                                "' is not accessible (permission denied)");
    fail_unavailable("posix_spawn", spawn_error);
}

}  // namespace

spawned_shell spawn_shell(const shell_request& request)
{
    refuse_nul(request.command, "command");
    refuse_nul(request.working_dir, "working directory");
    environment env(request.env);

    int ends[2];
    if (::pipe2(ends, O_CLOEXEC) != 0)
        fail_unavailable("pipe2", errno);
    unique_fd read_end = above_stdio(unique_fd(ends[0]));
    unique_fd write_end = above_stdio(unique_fd(ends[1]));
    ::fcntl(read_end.get(), F_SETFL, ::fcntl(read_end.get(), F_GETFL) | O_NONBLOCK);
    unique_fd input = request.stdin_text.empty() ? unique_fd() : memory_file_holding(request.stdin_text);

    spawn_setup setup;
    if (input)
        ::posix_spawn_file_actions_adddup2(&setup.actions_, input.get(), 0);
    else
        ::posix_spawn_file_actions_addopen(&setup.actions_, 0, "/dev/null", O_RDONLY, 0);
    ::posix_spawn_file_actions_adddup2(&setup.actions_, write_end.get(), 1);
    ::posix_spawn_file_actions_adddup2(&setup.actions_, write_end.get(), 2);
    // Nothing else of ours reaches the command: a descriptor we opened without O_CLOEXEC (a listening
    // socket, a client's connection) would otherwise live as long as the command and anything it leaves
    // running.
    ::posix_spawn_file_actions_addclosefrom_np(&setup.actions_, 3);
    std::string dir(request.working_dir);
    if (!dir.empty())
        ::posix_spawn_file_actions_addchdir_np(&setup.actions_, dir.c_str());

    // Own process group (so the whole tree can be signalled); no signal blocked or ignored because we are.
    sigset_t none, all;
    ::sigemptyset(&none);
    ::sigfillset(&all);
    ::posix_spawnattr_setflags(&setup.attr_,
                               POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    ::posix_spawnattr_setpgroup(&setup.attr_, 0);
    ::posix_spawnattr_setsigmask(&setup.attr_, &none);
    ::posix_spawnattr_setsigdefault(&setup.attr_, &all);

    std::string command(request.command);
    char sh[] = "/bin/sh";
    char dash_c[] = "-c";
    char* argv[] = {sh, dash_c, command.data(), nullptr};
    pid_t pid = -1;
    if (int err = ::posix_spawn(&pid, sh, &setup.actions_, &setup.attr_, argv, env.get()))
    {
        if (!dir.empty() && (err == ENOENT || err == ENOTDIR || err == EACCES))
            fail_working_dir(dir, err);
        fail_unavailable("posix_spawn", err);
    }

    unique_fd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
    if (!pidfd)
    {
        int err = errno;
        ::kill(-pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        fail_unavailable("pidfd_open", err);
    }
    return {pid, std::move(read_end), std::move(pidfd)};
}

}  // namespace agent_backends::detail
