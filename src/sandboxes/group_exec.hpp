// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_GROUP_EXEC_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_GROUP_EXEC_HPP

// A command run in a container in a process group of its own, so that a second process can end the whole
// group: neither Docker nor Kubernetes has a way to kill an exec, and closing its connection leaves the
// command running. The wrapper also enters the working directory and sets the environment, which pod
// exec cannot pass.

#include <agent_backends/task.hpp>

#include "sandboxes/container_exec.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::detail {

/// Receives the output as it arrives: which stream, and the bytes.
using exec_output_handler = std::function<void(output_stream, std::string_view)>;

/// What to run.
struct group_exec_request
{
    std::string command;                      ///< Given to `sh -c`.
    std::string working_dir;                  ///< Absolute: the wrapper enters it; empty: where it starts.
    std::vector<std::string> env{};           ///< `K=V` entries added to the environment.
    std::optional<std::string> stdin_text{};  ///< Written to stdin, then closed; empty: no stdin.
    std::string start_dir{};  ///< Where the transport starts the wrapper, if it can (\ref process_spec).
};

/// Exit status of the wrapper when it cannot enter the working directory; it then prints one of the
/// `working_dir_*` markers below on stderr and nothing else.
inline constexpr int working_dir_status = 126;
inline constexpr std::string_view working_dir_missing_marker = "\036agent-backends: working dir missing\n";
inline constexpr std::string_view working_dir_not_dir_marker =
    "\036agent-backends: working dir not a directory\n";
inline constexpr std::string_view working_dir_denied_marker = "\036agent-backends: working dir denied\n";

/// The wrapper every command runs in (`sh -c wrapper sh TOKEN COMMAND DIR STDIN_BYTES K=V...`): it enters
/// DIR (when not empty), starts `sh -c COMMAND` with the K=V entries added to its environment as the leader
/// of a new session (and so process group) through `setsid`, records that group's id in
/// `/tmp/.agent-backends/TOKEN.pgid` until the command ends, and exits with its status. With STDIN_BYTES
/// set, the command's stdin is exactly that many bytes of the wrapper's (`head -c`), for transports that
/// cannot signal the end of the input.
std::vector<std::string> group_exec_command(std::string_view token, std::string_view command,
                                            std::string_view working_dir,
                                            std::optional<std::size_t> stdin_bytes = std::nullopt,
                                            const std::vector<std::string>& env = {});

/// The command of the second exec (`sh -c script sh TOKEN TENTHS`): SIGTERM to the recorded group, up to
/// TENTHS tenths of a second for it to go, then SIGKILL. Works with busybox, dash and bash `kill`.
std::vector<std::string> group_kill_command(std::string_view token, std::chrono::milliseconds grace);

/// A command started in the container in its own process group. Its output is read by a coroutine of its
/// own on `strand`, which hands it to the handler; every member must be called on `strand`.
class group_exec : public std::enable_shared_from_this<group_exec>
{
public:
    group_exec(boost::asio::any_io_executor strand, std::shared_ptr<container_exec> target,
               exec_output_handler on_output);

    /// Starts the command, then reads its output in the background.
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

    /// The exit code, once \ref done; empty when the transport cannot tell.
    task<std::optional<int>> exit_code();

    /// Ends the command's process group (SIGTERM, `grace`, SIGKILL) through a second process, then waits
    /// a little for the output to end and abandons it otherwise. Bounded; ignores cancellation (call it
    /// with the cancellation state reset).
    task<void> kill(std::chrono::milliseconds grace);

    /// Stops reading: the connection is closed and the output ends (the command keeps running).
    void abandon();

private:
    static task<void> pump(std::shared_ptr<group_exec> self);
    static task<void> feed_stdin(std::shared_ptr<group_exec> self, std::string text);
    task<bool> wait_done_shielded(std::chrono::steady_clock::time_point deadline);

    boost::asio::any_io_executor strand_;
    std::shared_ptr<container_exec> target_;
    exec_output_handler on_output_;
    std::string token_;
    std::unique_ptr<container_process> process_;
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
