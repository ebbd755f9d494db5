// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_COMMON_HOST_PROCESS_HPP
#define AGENT_BACKENDS_TEST_FAKES_COMMON_HOST_PROCESS_HPP

// The host processes behind a simulated container (a Docker container, a pod's container): a process group
// per running container, and the exec processes started in it.
#include <agent_backends/detail/process_group.hpp>

#include "core/unique_fd.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace agent_backends::test {

using agent_backends::detail::unique_fd;

/// The process group standing for a running container. Its leader idles reading a pipe only we write to,
/// so it also ends should the fake server vanish; execs join the group, so one signal reaches them all.
class container_group
{
public:
    /// Starts the leader. Throws `boost::system::system_error` when the system refuses.
    container_group();
    /// Kills the whole group and reaps the leader without blocking.
    ~container_group() = default;
    container_group(const container_group&) = delete;
    container_group& operator=(const container_group&) = delete;

    pid_t id() const noexcept { return leader_->leader(); }

    /// Sends `sig` to every process of the group.
    void signal(int sig) { leader_->signal(sig); }

private:
    unique_fd idle_input_;  // the leader reads this pipe until we close it
    std::unique_ptr<agent_backends::detail::process_group> leader_;
};

/// How to start an exec's process.
struct child_spec
{
    std::vector<std::string> argv;
    std::vector<std::string> env;  ///< The whole environment, `K=V`.
    std::string working_dir;       ///< Host directory.
    pid_t group{0};                ///< Process group to join.
    bool attach_stdin{false};      ///< stdin is a socket fed from the stream; else /dev/null.
    bool merge_stderr{false};      ///< stderr goes to the stdout pipe (a TTY exec has one stream).
};

/// A started exec process: the ends of its stdio we keep, and a pidfd readable once it exits. The
/// destructor kills a process not reaped yet and reaps it without blocking.
class host_child
{
public:
    host_child(pid_t pid, unique_fd pidfd, unique_fd input, unique_fd output, unique_fd errors) noexcept;
    host_child(host_child&& other) noexcept;
    host_child& operator=(host_child&&) = delete;
    ~host_child();

    pid_t pid() const noexcept { return pid_; }

    unique_fd take_pidfd() noexcept { return std::move(pidfd_); }
    unique_fd take_input() noexcept { return std::move(input_); }    ///< Our end of its stdin socket.
    unique_fd take_output() noexcept { return std::move(output_); }  ///< Read end of its stdout pipe.
    unique_fd take_errors() noexcept { return std::move(errors_); }  ///< Read end of its stderr pipe.

    /// The exit code once it has exited, reaping it (128+N when killed by signal N); nothing while it runs.
    std::optional<int> try_reap();

private:
    pid_t pid_{-1};
    bool reaped_{false};
    unique_fd pidfd_;
    unique_fd input_;
    unique_fd output_;
    unique_fd errors_;
};

/// A started process, or why it could not start as a container runtime reports it (text and exit code).
struct spawn_result
{
    std::optional<host_child> child;
    std::string failure{};  ///< The OCI runtime's text: Docker writes it to the exec stream, Kubernetes
                            ///< into its `Status`.
    int exit_code{0};       ///< 126 (cannot run) or 127 (not found) when it failed.
};

spawn_result spawn_child(const child_spec& spec);

/// Our environment, then the container's and the exec's `K=V` entries; a later entry replaces an earlier one
/// of the same name.
std::vector<std::string> merged_environment(const std::vector<std::string>& container_env,
                                            const std::vector<std::string>& exec_env);

}  // namespace agent_backends::test

#endif
