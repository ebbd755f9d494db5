// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/common/host_process.hpp"

#include <boost/system/system_error.hpp>

#include <map>
#include <thread>
#include <utility>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace agent_backends::test {
namespace {

[[noreturn]] void throw_errno(int err, const char* what)
{
    throw boost::system::system_error(boost::system::error_code(err, boost::system::system_category()), what);
}

class spawn_setup
{
public:
    spawn_setup()
    {
        ::posix_spawn_file_actions_init(&actions);
        ::posix_spawnattr_init(&attr);
    }
    ~spawn_setup()
    {
        ::posix_spawn_file_actions_destroy(&actions);
        ::posix_spawnattr_destroy(&attr);
    }
    spawn_setup(const spawn_setup&) = delete;
    spawn_setup& operator=(const spawn_setup&) = delete;

    // Joins (or, with 0, leads) a process group; default signal handling.
    void prepare(pid_t group)
    {
        sigset_t none, all;
        ::sigemptyset(&none);
        ::sigfillset(&all);
        ::posix_spawnattr_setflags(&attr,
                                   POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
        ::posix_spawnattr_setpgroup(&attr, group);
        ::posix_spawnattr_setsigmask(&attr, &none);
        ::posix_spawnattr_setsigdefault(&attr, &all);
    }

    // Nothing of ours but stdio reaches the child; after the dup2 actions, which read descriptors above 2.
    void close_the_rest() { ::posix_spawn_file_actions_addclosefrom_np(&actions, 3); }

    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
};

struct fd_pair
{
    unique_fd ours;
    unique_fd theirs;
};

// Descriptors above 2, so the child's dup2 onto its stdio never clobbers one of them.
unique_fd above_stdio(int fd)
{
    if (fd < 0 || fd > 2)
        return unique_fd(fd);
    unique_fd low(fd);
    int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
    if (moved < 0)
        throw_errno(errno, "fcntl");
    return unique_fd(moved);
}

fd_pair make_pipe(bool we_read)
{
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC) != 0)
        throw_errno(errno, "pipe2");
    unique_fd read_end = above_stdio(ends[0]);
    unique_fd write_end = above_stdio(ends[1]);
    if (we_read)
        return {std::move(read_end), std::move(write_end)};
    return {std::move(write_end), std::move(read_end)};
}

// stdin is a socket rather than a pipe: writing to it after the command closed its input fails with EPIPE
// instead of raising SIGPIPE in our process (Asio sends with MSG_NOSIGNAL).
fd_pair make_input_socket()
{
    int ends[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0)
        throw_errno(errno, "socketpair");
    unique_fd ours = above_stdio(ends[0]);
    unique_fd theirs = above_stdio(ends[1]);
    ::shutdown(theirs.get(), SHUT_WR);
    return {std::move(ours), std::move(theirs)};
}

std::vector<char*> pointers(std::vector<std::string>& strings)
{
    std::vector<char*> out;
    for (auto& s : strings)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

std::string oci_failure(std::string_view detail)
{
    return "OCI runtime exec failed: exec failed: unable to start container process: " + std::string(detail) +
           ": unknown\r\n";
}

int exit_code_of(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return 255;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------
// container_group

container_group::container_group()
{
    auto input = make_pipe(false);
    spawn_setup setup;
    setup.prepare(0);
    ::posix_spawn_file_actions_adddup2(&setup.actions, input.theirs.get(), 0);
    ::posix_spawn_file_actions_addopen(&setup.actions, 1, "/dev/null", O_WRONLY, 0);
    ::posix_spawn_file_actions_addopen(&setup.actions, 2, "/dev/null", O_WRONLY, 0);
    setup.close_the_rest();
    std::vector<std::string> args{"/bin/sh", "-c", "read -r line"};
    auto argv = pointers(args);
    pid_t pid = -1;
    if (int err = ::posix_spawn(&pid, "/bin/sh", &setup.actions, &setup.attr, argv.data(), environ))
        throw_errno(err, "posix_spawn");
    leader_ = std::make_unique<agent_backends::detail::process_group>(pid);
    leader_->kill_group_on_reap();
    idle_input_ = std::move(input.ours);
}

// ---------------------------------------------------------------------------------------------------------
// host_child

host_child::host_child(pid_t pid, unique_fd pidfd, unique_fd input, unique_fd output,
                       unique_fd errors) noexcept
    : pid_(pid),
      pidfd_(std::move(pidfd)),
      input_(std::move(input)),
      output_(std::move(output)),
      errors_(std::move(errors))
{}

host_child::host_child(host_child&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      reaped_(std::exchange(other.reaped_, true)),
      pidfd_(std::move(other.pidfd_)),
      input_(std::move(other.input_)),
      output_(std::move(other.output_)),
      errors_(std::move(other.errors_))
{}

host_child::~host_child()
{
    if (reaped_ || pid_ <= 0)
        return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == 0)
        std::thread([pid = pid_] {
            int ignored = 0;
            ::waitpid(pid, &ignored, 0);
        }).detach();
}

std::optional<int> host_child::try_reap()
{
    if (reaped_)
        return std::nullopt;
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == 0)
        return std::nullopt;
    reaped_ = true;
    if (r < 0)
        return 255;  // reaped elsewhere: the code is lost
    return exit_code_of(status);
}

// ---------------------------------------------------------------------------------------------------------
// spawning

spawn_result spawn_child(const child_spec& spec)
{
    if (spec.argv.empty())
        return {std::nullopt, oci_failure("exec: no command"), 126};
    struct stat st = {};
    if (::stat(spec.working_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return {std::nullopt,
                oci_failure("chdir to cwd (\"" + spec.working_dir +
                            "\") set in config.json failed: no such file or directory"),
                126};

    auto output = make_pipe(true);
    std::optional<fd_pair> errors;
    if (!spec.merge_stderr)
        errors = make_pipe(true);
    std::optional<fd_pair> input;
    if (spec.attach_stdin)
        input = make_input_socket();

    spawn_setup setup;
    setup.prepare(spec.group);
    if (input)
        ::posix_spawn_file_actions_adddup2(&setup.actions, input->theirs.get(), 0);
    else
        ::posix_spawn_file_actions_addopen(&setup.actions, 0, "/dev/null", O_RDONLY, 0);
    ::posix_spawn_file_actions_adddup2(&setup.actions, output.theirs.get(), 1);
    ::posix_spawn_file_actions_adddup2(&setup.actions, errors ? errors->theirs.get() : output.theirs.get(),
                                       2);
    setup.close_the_rest();
    ::posix_spawn_file_actions_addchdir_np(&setup.actions, spec.working_dir.c_str());

    auto args = spec.argv;
    auto env = spec.env;
    auto argv = pointers(args);
    auto envp = pointers(env);
    pid_t pid = -1;
    if (int err = ::posix_spawnp(&pid, argv[0], &setup.actions, &setup.attr, argv.data(), envp.data()))
    {
        if (err == ENOENT)
            return {std::nullopt,
                    oci_failure("exec: \"" + spec.argv[0] + "\": executable file not found in $PATH"), 127};
        if (err == EACCES || err == ENOEXEC)
            return {std::nullopt, oci_failure("exec: \"" + spec.argv[0] + "\": permission denied"), 126};
        if (err == EPERM || err == ESRCH)
            return {std::nullopt, oci_failure("container process group is gone"), 126};
        throw_errno(err, "posix_spawnp");
    }
    unique_fd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
    if (!pidfd)
    {
        int err = errno;
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        throw_errno(err, "pidfd_open");
    }
    return {host_child(pid, std::move(pidfd), input ? std::move(input->ours) : unique_fd(),
                       std::move(output.ours), errors ? std::move(errors->ours) : unique_fd())};
}

std::vector<std::string> merged_environment(const std::vector<std::string>& container_env,
                                            const std::vector<std::string>& exec_env)
{
    std::vector<std::string> out;
    std::map<std::string, std::size_t, std::less<>> position;
    auto add = [&](std::string entry) {
        auto name = entry.substr(0, entry.find('='));
        if (auto it = position.find(name); it != position.end())
            out[it->second] = std::move(entry);
        else
        {
            position.emplace(name, out.size());
            out.push_back(std::move(entry));
        }
    };
    for (char** e = environ; *e; ++e)
        add(*e);
    for (const auto& entry : container_env)
        add(entry);
    for (const auto& entry : exec_env)
        add(entry);
    return out;
}

}  // namespace agent_backends::test
