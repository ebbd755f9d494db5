// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_PROCESS_SHELL_SPAWN_HPP
#define AGENT_BACKENDS_SRC_PROCESS_SHELL_SPAWN_HPP

#include "core/unique_fd.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sys/types.h>

namespace agent_backends::detail {

/// What to start: `/bin/sh -c command`.
struct shell_request
{
    std::string_view command;
    std::string_view working_dir;                                   ///< Empty: ours.
    const std::vector<std::pair<std::string, std::string>>* env{};  ///< Added to (or replacing in) ours.
    std::string_view stdin_text;                                    ///< Empty: /dev/null.
};

/// A started shell: the leader of a new process group, its output pipe and a pidfd to await its exit.
struct spawned_shell
{
    pid_t pid{-1};
    unique_fd output;  ///< Read end (non-blocking) of the one pipe behind both stdout and stderr.
    unique_fd pidfd;   ///< Readable once the shell has exited.
};

/// Starts the shell with posix_spawn (vfork-class: no page-table copy) in its own process group, stdin from
/// /dev/null or a memory file holding `stdin_text` (no writer to block or to get SIGPIPE), signal
/// dispositions and mask reset to their defaults.
///
/// Throws `error`: `invalid_argument` for a working directory that is missing, not a directory or not
/// accessible, an environment variable name that is empty or holds `=`, or a NUL byte anywhere;
/// `unavailable` when the system refuses (no processes or descriptors left).
spawned_shell spawn_shell(const shell_request& request);

}  // namespace agent_backends::detail

#endif
