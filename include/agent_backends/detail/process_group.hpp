// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_DETAIL_PROCESS_GROUP_HPP
#define AGENT_BACKENDS_DETAIL_PROCESS_GROUP_HPP

#include <mutex>
#include <optional>

#include <sys/types.h>

namespace agent_backends::detail {

/// \brief A child process that leads its own process group, until it is reaped.
///
/// \details The group id is the leader's pid, which the kernel cannot reuse while the leader is unreaped,
/// so signals go to the group only before \ref try_reap succeeded. Once \ref kill_group_on_reap was
/// called, reaping first sends SIGKILL to the whole group (the leader is a zombie then, so the id is still
/// ours): members that outlived the leader die with it.
///
/// The destructor never blocks: an unreaped leader gets SIGKILL (with its group) and is reaped on the spot
/// when it is already gone, else by a detached thread that waits for it.
///
/// \par Thread safety
/// Shared objects: safe (signals may come from any thread while another reaps).
class process_group
{
public:
    explicit process_group(pid_t leader) noexcept : leader_(leader) {}
    ~process_group();
    process_group(const process_group&) = delete;
    process_group& operator=(const process_group&) = delete;

    pid_t leader() const noexcept { return leader_; }

    /// Sends `sig` to every process of the group; false when the leader was already reaped.
    bool signal(int sig);

    /// Makes reaping kill what is left of the group first.
    void kill_group_on_reap();

    /// The leader's `waitpid` status once it has exited (reaping it then); nothing while it runs.
    std::optional<int> try_reap();

    /// True once \ref try_reap returned a status.
    bool reaped() const;

private:
    pid_t leader_;
    mutable std::mutex mutex_;
    std::optional<int> status_;
    bool kill_group_on_reap_{false};
};

}  // namespace agent_backends::detail

#endif
