// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_SHELL_SANDBOX_CORE_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_SHELL_SANDBOX_CORE_HPP

// What every sandbox that runs its work as processes in a container shares (Docker, Kubernetes): the
// transport to start them, the work dir, activity and loss bookkeeping, background jobs; and the
// operations written once on top of it (commands, internal scripts, background jobs, ls/glob/grep,
// files through processes). Each sandbox supplies only its lifecycle, and its files where it has a
// better channel for them. Each function takes owned arguments: the public members copy the caller's
// views before anything is awaited.

#include <agent_backends/background_job.hpp>
#include <agent_backends/types.hpp>

#include "sandboxes/container_exec.hpp"
#include "sandboxes/remote_paths.hpp"
#include "sandboxes/shell_sandbox_jobs.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::detail {

class shell_sandbox_core
{
public:
    /// `work_dir` must be absolute and normal.
    shell_sandbox_core(boost::asio::any_io_executor ex, std::string id, std::string work_dir);
    virtual ~shell_sandbox_core();
    shell_sandbox_core(const shell_sandbox_core&) = delete;
    shell_sandbox_core& operator=(const shell_sandbox_core&) = delete;

    const boost::asio::any_io_executor executor;  ///< Strands of operations are made from it.
    const std::string id;                         ///< The sandbox id (labels, logs, sessions).
    const std::string work_dir;                   ///< Commands start here; relative paths resolve here.
    container_job_registry jobs;

    /// A transport to the running container, starting the sandbox first when needed (lazily, once).
    /// \par Errors
    /// `unavailable` once the sandbox was lost (\ref set_lost's message); what starting it threw.
    virtual task<std::shared_ptr<container_exec>> ensure_started() = 0;

    /// Called after a process in `target` failed: throws `unavailable` when the container is gone or no
    /// longer runs (marking the sandbox lost); returns when it is fine.
    virtual task<void> throw_if_lost(std::string target) = 0;

    /// Records that the container was found removed or stopped behind our back; operations then fail
    /// with `message` until the sandbox is stopped.
    void set_lost(std::string message);
    /// The message of \ref set_lost; empty while the container is fine.
    std::string lost_message() const;
    void clear_lost();

    /// Records that an operation ran now.
    void touch() noexcept;
    std::optional<std::chrono::steady_clock::time_point> last_activity() const noexcept;

private:
    mutable std::mutex mutex_;
    std::string lost_message_;
    std::atomic<std::chrono::steady_clock::rep> last_activity_{0};  ///< 0: never used.
};

using core_ptr = std::shared_ptr<shell_sandbox_core>;

// ---- commands (shell_sandbox_execute.cpp) ----

/// Runs `sh -c command` in its own process group (killed on timeout or cancellation).
task<execute_response> core_execute(core_ptr self, std::string command, execute_options opts);

task<std::shared_ptr<background_job>> core_start_background(core_ptr self, std::string command,
                                                            execute_options opts);

/// What an internal command printed.
struct script_output
{
    std::string out;
    std::string err;
    std::optional<int> exit_code;
    bool overflowed{false};  ///< stdout exceeded the limit; the rest was dropped.
};

/// How an internal command runs.
struct script_options
{
    std::size_t max_out{64 * 1024};           ///< Most stdout kept; more sets `overflowed`.
    std::optional<std::string> stdin_text{};  ///< Written to its stdin (binary-safe), then closed.
    std::chrono::milliseconds timeout{0};     ///< Zero: none; else `timed_out` after killing it.
    std::string what{"the command"};          ///< Names it in the `timed_out` message.
};

/// Runs `sh -c script` in `target`, starting at `/`, each stream kept apart.
/// \par Errors
/// `timed_out` past `opts.timeout`; `unavailable` when the container is lost or the connection broke.
/// \par Cancellation
/// Terminal: the script's process group is killed, then `operation_aborted` is thrown.
task<script_output> run_script(core_ptr self, std::shared_ptr<container_exec> target, std::string script,
                               script_options opts = {});

// ---- listing and search (shell_sandbox_search.cpp) ----

task<std::vector<file_info>> core_ls(core_ptr self, std::string path);
task<std::vector<file_info>> core_glob(core_ptr self, std::string pattern, std::string path);
task<std::vector<grep_match>> core_grep(core_ptr self, grep_request request);

// ---- files through processes: raw bytes over stdout and stdin (shell_sandbox_files.cpp) ----

/// Limits of the file operations.
struct shell_file_limits
{
    std::size_t max_read_bytes{8 * 1024 * 1024};
    std::chrono::milliseconds timeout{0};  ///< Per file operation; zero: none.
};

task<bool> shell_exists(core_ptr self, std::string path, shell_file_limits limits);
task<std::string> shell_read(core_ptr self, std::string path, read_options opts, shell_file_limits limits);
task<std::string> shell_read_bytes(core_ptr self, std::string path, shell_file_limits limits);
task<write_result> shell_write(core_ptr self, std::string path, std::string content,
                               shell_file_limits limits);
task<edit_result> shell_edit(core_ptr self, std::string path, edit_request request, shell_file_limits limits);

}  // namespace agent_backends::detail

#endif
