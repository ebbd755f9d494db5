// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_DOCKER_EXEC_SESSION_HPP
#define AGENT_BACKENDS_TEST_FAKES_DOCKER_EXEC_SESSION_HPP

// A started exec: its process's output goes to the hijacked connection (as multiplexed frames unless it
// has a TTY), the connection's input to its stdin; its exit code is recorded before the stream closes.
#include <agent_backends/task.hpp>

#include "fakes/docker/fake_docker_engine.hpp"
#include "fakes/common/host_process.hpp"
#include "fakes/docker/server_context.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace agent_backends::test::docker_fake {

struct exec_session_config
{
    std::string exec_id;
    bool tty{false};                              ///< Raw output instead of frames.
    std::optional<fake_fault_kind> stream_fault;  ///< `drop_connection` or `malformed_frame_header`.
};

/// The 8-byte multiplexed-stream frame header: stream type, three zero bytes, big-endian payload length.
std::string frame_header(unsigned char stream, std::uint32_t length);

/// Runs an exec to its end. `conn` is the hijacked connection, its response head already written, or null
/// for a detached exec (output discarded). `spawned` holds the started process, or, when it could not
/// start, the engine's text (written to the stream) and the exit code to record.
task<void> run_exec_session(std::shared_ptr<server_context> ctx, std::shared_ptr<connection> conn,
                            spawn_result spawned, exec_session_config config);

}  // namespace agent_backends::test::docker_fake

#endif
