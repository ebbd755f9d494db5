// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_DOCKER_SANDBOX_STATE_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_DOCKER_SANDBOX_STATE_HPP

// What a docker_sandbox shares between its operations, and the operations themselves as free functions
// of that state (one file per job: lifecycle, execute, files, search, background jobs). Each function
// takes owned arguments: the public members copy the caller's views before anything is awaited.

#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/docker_engine.hpp>
#include <agent_backends/sandboxes/docker_sandbox.hpp>

#include "sandboxes/docker_sandbox_jobs.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// One attempt to create (or reattach) and start the container; every caller that arrives while it runs
/// waits for the same attempt.
struct start_attempt
{
    explicit start_attempt(const boost::asio::any_io_executor& strand);

    boost::asio::steady_timer done_signal;  ///< Never expires; cancelled once the attempt finished.
    bool finished{false};
    std::exception_ptr failure;
};

class docker_sandbox_state
{
public:
    docker_sandbox_state(std::shared_ptr<docker_engine> engine, docker_sandbox_options options);

    const std::shared_ptr<docker_engine> engine;
    const docker_sandbox_options opts;
    const std::string id;        ///< The sandbox id (labels, logs, sessions).
    const std::string work_dir;  ///< The runtime's when a runtime is given, else the options'.
    /// Lifecycle state (`attempt`, starting and stopping) is touched only here.
    const boost::asio::any_io_executor strand;

    std::shared_ptr<start_attempt> attempt;  ///< The running or last start attempt (on `strand`).
    docker_job_registry jobs;

    /// The container's id; empty before start and after stop.
    std::string container_id() const;
    void set_container_id(std::string container);

    /// Records that the container was found removed or stopped behind our back; operations then fail
    /// with `message` until \ref stop_sandbox.
    void set_lost(std::string message);
    /// The message of \ref set_lost; empty while the container is fine.
    std::string lost_message() const;
    void clear_lost();

    /// Records that an operation ran now.
    void touch() noexcept;
    std::optional<std::chrono::steady_clock::time_point> last_activity() const noexcept;

private:
    mutable std::mutex mutex_;
    std::string container_id_;
    std::string lost_message_;
    std::atomic<std::chrono::steady_clock::rep> last_activity_{0};  ///< 0: never used.
};

using state_ptr = std::shared_ptr<docker_sandbox_state>;

/// The first 12 characters of a container id, as the Docker CLI shows it.
std::string_view short_container_id(std::string_view container_id) noexcept;

// ---- lifecycle (docker_sandbox_lifecycle.cpp) ----

/// The running container's id, creating and starting it first when needed (lazily, once).
/// \par Errors
/// `unavailable` `Sandbox container <short id> is gone` once the container was lost; what creating it threw.
task<std::string> ensure_started(state_ptr self);

/// \ref ensure_started, for `start()`.
task<void> start_sandbox(state_ptr self);

/// Stops background jobs and removes the container (a named one is stopped and kept). Idempotent.
task<void> stop_sandbox(state_ptr self);

/// Whether the container exists and runs.
task<bool> sandbox_is_alive(state_ptr self);

/// Called after an engine call on the container failed: throws `unavailable` when the container is gone
/// or no longer running (marking the sandbox lost); returns when it is fine.
task<void> throw_if_container_lost(state_ptr self, std::string container_id);

/// `op`, an engine call on the container: when it fails and the container turns out to be lost, that is
/// reported (`unavailable`) instead of the call's own error.
template <class T>
task<T> on_container(state_ptr self, std::string container_id, task<T> op)
{
    std::exception_ptr failed;
    try
    {
        co_return co_await std::move(op);
    }
    catch (const error&)
    {
        failed = std::current_exception();
    }
    co_await throw_if_container_lost(std::move(self), std::move(container_id));
    std::rethrow_exception(failed);
}

/// Starts a best-effort removal (or stop, for a named container) that nobody waits for.
void release_in_background(const docker_sandbox_state& self);

// ---- commands (docker_sandbox_execute.cpp) ----

task<execute_response> sandbox_execute(state_ptr self, std::string command, execute_options opts);

/// What an internal command printed.
struct script_output
{
    std::string out;
    std::string err;
    std::optional<int> exit_code;
    bool overflowed{false};  ///< stdout exceeded the limit; the rest was dropped.
};

/// Runs `sh -c script` in the container, each stream kept apart, stdout up to `max_out` bytes.
/// \par Cancellation
/// Terminal: the script's process group is killed, then `operation_aborted` is thrown.
task<script_output> run_script(state_ptr self, std::string container_id, std::string script,
                               std::size_t max_out);

task<std::shared_ptr<background_job>> sandbox_start_background(state_ptr self, std::string command,
                                                               execute_options opts);

// ---- files (docker_sandbox_files.cpp) ----

/// A container path: absolute ones as given, relative ones under `work_dir`; `.` and `..` resolved
/// lexically. Throws `invalid_argument` for a NUL byte.
std::string resolve_container_path(std::string_view given, std::string_view work_dir);

task<bool> sandbox_exists(state_ptr self, std::string path);
task<std::string> sandbox_read(state_ptr self, std::string path, read_options opts);
task<std::string> sandbox_read_bytes(state_ptr self, std::string path);
task<write_result> sandbox_write(state_ptr self, std::string path, std::string content);
task<edit_result> sandbox_edit(state_ptr self, std::string path, edit_request request);

// ---- listing and search (docker_sandbox_search.cpp) ----

task<std::vector<file_info>> sandbox_ls(state_ptr self, std::string path);
task<std::vector<file_info>> sandbox_glob(state_ptr self, std::string pattern, std::string path);
task<std::vector<grep_match>> sandbox_grep(state_ptr self, grep_request request);

}  // namespace agent_backends::detail

#endif
