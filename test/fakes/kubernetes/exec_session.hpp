// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_KUBERNETES_EXEC_SESSION_HPP
#define AGENT_BACKENDS_TEST_FAKES_KUBERNETES_EXEC_SESSION_HPP

// An exec over an accepted WebSocket (`v5.channel.k8s.io` or `v4.channel.k8s.io`): the readiness frame,
// the process's stdout and stderr as channel 1 and 2 messages, channel 0 messages to its stdin (v5: `[255,
// 0]` ends it), then one channel 3 `Status` and a close with code 1000. When the client goes away first,
// the connection ends and the process runs on (its output discarded), as in a cluster.
#include <agent_backends/task.hpp>

#include "fakes/common/fake_fault.hpp"
#include "fakes/common/host_process.hpp"
#include "fakes/kubernetes/connection.hpp"
#include "fakes/kubernetes/server_context.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace agent_backends::test::kubernetes_fake {

struct exec_session_config
{
    std::vector<std::string> command;
    bool v5{true};  ///< The client may end stdin with `[255, 0]`.
    bool stdout_wanted{true};
    bool stderr_wanted{true};
    std::optional<fake_fault_kind> stream_fault;  ///< `stall`, `drop_connection`, `invalid_json`,
                                                  ///< `malformed_frame_header`.
};

/// The channel 3 `Status` for a process that exited with `exit_code`.
std::string exit_status_json(const std::vector<std::string>& command, int exit_code);

/// The channel 3 `Status` for a command that could not start (`InternalError`, no exit code).
std::string start_failure_json(std::string_view runtime_text);

/// Runs the exec to its end on `socket` (over `conn`). `spawned` is empty for faults that start nothing.
task<void> run_exec_session(std::shared_ptr<server_context> ctx, std::shared_ptr<connection> conn,
                            std::unique_ptr<exec_socket> socket, std::optional<spawn_result> spawned,
                            exec_session_config config);

}  // namespace agent_backends::test::kubernetes_fake

#endif
