// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_DOCKER_SANDBOX_EXEC_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_DOCKER_SANDBOX_EXEC_HPP

// A command run in a container through an attached exec, in a process group of its own, so that a
// second exec can end the whole group: there is no endpoint that kills an exec, and closing its
// connection leaves the command running.

#include <agent_backends/sandboxes/docker_engine.hpp>
#include <agent_backends/task.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::detail {

/// Receives the output as it arrives: which stream, and the bytes.
using exec_output_handler = std::function<void(exec_stream_kind, std::string_view)>;

/// What to run.
struct group_exec_request
{
    std::string command;                      ///< Given to `sh -c`.
    std::string working_dir;                  ///< Absolute; the exec's `WorkingDir`.
    std::vector<std::string> env{};           ///< `K=V` entries.
    std::optional<std::string> stdin_text{};  ///< Written to stdin, then closed; empty: no stdin.
};

/// The wrapper every command runs in (`sh -c wrapper sh TOKEN COMMAND`): it starts `sh -c COMMAND` as the
/// leader of a new session (and so process group) through `setsid`, records that group's id in
/// `/tmp/.agent-backends/TOKEN.pgid` until the command ends, and exits with its status.
std::vector<std::string> group_exec_command(std::string_view token, std::string_view command);

/// The command of the second exec (`sh -c script sh TOKEN TENTHS`): SIGTERM to the recorded group, up to
/// TENTHS tenths of a second for it to go, then SIGKILL. Works with busybox, dash and bash `kill`.
std::vector<std::string> group_kill_command(std::string_view token, std::chrono::milliseconds grace);

/// A command started in the container in its own process group. Its output is read by a coroutine of its
/// own on `strand`, which hands it to the handler; every member must be called on `strand`.
class group_exec : public std::enable_shared_from_this<group_exec>
{
public:
    group_exec(boost::asio::any_io_executor strand, std::shared_ptr<docker_engine> engine,
               std::string container_id, exec_output_handler on_output);

    /// Creates and starts the exec, then reads its output in the background.
    /// \par Cancellation
    /// Terminal: `operation_aborted`; the command may have started (\ref kill it).
    task<void> launch(group_exec_request request);

    /// True once the output ended (the command exited, or the connection was lost or abandoned).
    bool done() const noexcept { return done_; }

    /// Why the output ended early (a lost connection); null after a normal end or \ref abandon.
    std::exception_ptr failure() const noexcept { return failure_; }

    /// Waits until the output ended or `deadline` passed; true when it ended.
    /// \par Cancellation
    /// Terminal: throws `operation_aborted`; the command keeps running.
    task<bool> wait_until(std::chrono::steady_clock::time_point deadline);

    /// The exit code, once \ref done (polls the engine briefly while it still reports the exec running);
    /// empty when the engine cannot tell.
    task<std::optional<int>> exit_code();

    /// Ends the command's process group (SIGTERM, `grace`, SIGKILL) through a second exec, then waits a
    /// little for the output to end and abandons it otherwise. Bounded; ignores cancellation (call it with
    /// the cancellation state reset).
    task<void> kill(std::chrono::milliseconds grace);

    /// Stops reading: the connection is closed and the output ends (the command keeps running).
    void abandon();

private:
    static task<void> pump(std::shared_ptr<group_exec> self);
    static task<void> feed_stdin(std::shared_ptr<group_exec> self, std::string text);
    task<bool> wait_done_shielded(std::chrono::steady_clock::time_point deadline);

    boost::asio::any_io_executor strand_;
    std::shared_ptr<docker_engine> engine_;
    std::string container_id_;
    exec_output_handler on_output_;
    std::string token_;
    std::string exec_id_;
    std::unique_ptr<exec_stream> stream_;
    bool launched_{false};
    bool done_{false};
    bool abandoned_{false};
    std::exception_ptr failure_;
    boost::asio::steady_timer done_signal_;  ///< Never expires; cancelled once the output ended.
    boost::asio::cancellation_signal stop_reading_;
    boost::asio::cancellation_signal stop_writing_;
};

}  // namespace agent_backends::detail

#endif
