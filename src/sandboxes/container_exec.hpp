// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_CONTAINER_EXEC_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_CONTAINER_EXEC_HPP

// How a shell sandbox reaches into its container: start a process from an argv, read what it prints as
// it comes, feed its stdin, learn its exit code. Docker implements it with an attached exec, Kubernetes
// with pod exec over a WebSocket; everything above (process groups, commands, scripts, background jobs,
// listings) is written once against this.

#include <agent_backends/task.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace agent_backends::detail {

/// Which stream a piece of output came from.
enum class output_stream
{
    out,
    err,
};

/// A piece of a process's output, as it arrived.
struct process_output
{
    output_stream stream{output_stream::out};
    std::string data;
};

/// What to start.
struct process_spec
{
    std::vector<std::string> argv;  ///< Run as is (no shell in between); the first element is the program.
    bool with_stdin{false};         ///< Keep stdin open for \ref container_process::write_stdin.
    /// Where the process starts, for transports that can say (Docker's `WorkingDir`; pod exec cannot);
    /// empty: the container's working directory.
    std::string start_dir{};
};

/// A process started in a container. One read and one write may be in progress at the same time.
class container_process
{
public:
    virtual ~container_process() = default;

    /// The next piece of output; empty once the process ended and its output is complete.
    /// \par Errors
    /// `unavailable` when the connection was lost before the end; `protocol_error` for a stream that
    /// breaks its framing.
    virtual task<std::optional<process_output>> read() = 0;

    /// Writes bytes to the process's stdin (`with_stdin` must have been set).
    virtual task<void> write_stdin(std::string data) = 0;

    /// Ends the process's stdin where the transport can; otherwise does nothing (see
    /// \ref container_exec::needs_bounded_stdin).
    virtual task<void> close_stdin() = 0;

    /// The exit code once \ref read returned empty; empty when the transport cannot tell.
    virtual task<std::optional<int>> exit_code() = 0;

    /// Closes the connection at once; the process itself may keep running.
    virtual void close() noexcept = 0;
};

/// Starts processes in one container (a Docker container, a pod's container).
class container_exec
{
public:
    virtual ~container_exec() = default;

    /// \par Errors
    /// Whatever the service answers (`not_found` for a container that is gone, `unavailable`, ...).
    /// \par Cancellation
    /// Terminal: `operation_aborted`; the process may have started.
    virtual task<std::unique_ptr<container_process>> start(process_spec spec) = 0;

    /// True when \ref container_process::close_stdin cannot signal the end of the input: the process
    /// must then read exactly as many bytes as are written.
    virtual bool needs_bounded_stdin() const noexcept { return false; }

    /// What the processes run in (a container id, a pod name), for telling whether it is lost.
    virtual const std::string& target() const noexcept = 0;
};

}  // namespace agent_backends::detail

#endif
