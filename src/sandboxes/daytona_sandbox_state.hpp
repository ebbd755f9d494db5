// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_DAYTONA_SANDBOX_STATE_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_DAYTONA_SANDBOX_STATE_HPP

// What a daytona_sandbox shares between its operations, and the operations themselves as free functions
// of that state (one file per job: lifecycle, execute, files, search, background jobs). Each function
// takes owned arguments: the public members copy the caller's views before anything is awaited.

#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/daytona_sandbox.hpp>

#include "sandboxes/daytona_api.hpp"
#include "sandboxes/daytona_json.hpp"
#include "sandboxes/daytona_sandbox_jobs.hpp"
#include "sandboxes/remote_paths.hpp"
#include "sandboxes/shared_start.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <exception>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// The remote sandbox once it runs: what every toolbox call needs.
struct daytona_remote
{
    std::string id;                        ///< The remote sandbox's id.
    std::shared_ptr<daytona_api> toolbox;  ///< Its toolbox (`toolboxProxyUrl/<id>`).
    std::string work_dir;                  ///< Where relative paths and commands start.
    std::string daemon_dir;                ///< Where the toolbox starts sessions (its own work dir).
    bool attached{false};                  ///< Found, not created: kept on stop.
};

class daytona_sandbox_state
{
public:
    daytona_sandbox_state(boost::asio::any_io_executor ex, daytona_sandbox_options options);

    const daytona_sandbox_options opts;
    const daytona_config config;
    const std::string id;  ///< The sandbox id (label, logs, sessions).
    /// Lifecycle state (`attempt`, starting and stopping) is touched only here.
    const boost::asio::any_io_executor strand;
    daytona_api api;  ///< The control plane.

    std::shared_ptr<shared_start> attempt;  ///< The running or last start attempt (on `strand`).
    daytona_job_registry jobs;

    /// The running remote sandbox; empty before start and after stop.
    std::shared_ptr<const daytona_remote> remote() const;
    void set_remote(std::shared_ptr<const daytona_remote> remote);

    /// Records that the remote sandbox was found deleted or stopped behind our back; operations then fail
    /// with `message` until \ref stop_sandbox.
    void set_lost(std::string message);
    /// The message of \ref set_lost; empty while the sandbox is fine.
    std::string lost_message() const;
    void clear_lost();

    /// Records that an operation ran now.
    void touch() noexcept;
    std::optional<std::chrono::steady_clock::time_point> last_activity() const noexcept;

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const daytona_remote> remote_;
    std::string lost_message_;
    std::atomic<std::chrono::steady_clock::rep> last_activity_{0};  ///< 0: never used.
};

using daytona_state_ptr = std::shared_ptr<daytona_sandbox_state>;
using remote_ptr = std::shared_ptr<const daytona_remote>;

// ---- lifecycle (daytona_sandbox_lifecycle.cpp) ----

/// The running remote sandbox, creating it first when needed (lazily, once).
/// \par Errors
/// `unavailable` `Sandbox <id> is gone ...` once the sandbox was lost; what creating it threw.
task<remote_ptr> ensure_started(daytona_state_ptr self);

task<void> start_sandbox(daytona_state_ptr self);

/// Ends background jobs and deletes the remote sandbox (an attached one is kept). Idempotent.
task<void> stop_sandbox(daytona_state_ptr self);

/// Whether the remote sandbox exists and is `started`.
task<bool> sandbox_is_alive(daytona_state_ptr self);

/// Called after a toolbox call failed: throws `unavailable` when the remote sandbox is gone or no longer
/// started (marking the sandbox lost); returns when it is fine.
task<void> throw_if_lost(daytona_state_ptr self, remote_ptr remote);

/// `op`, a toolbox call: when it fails and the sandbox turns out lost, that is reported (`unavailable`)
/// instead of the call's own error.
template <class T>
task<T> on_remote(daytona_state_ptr self, remote_ptr remote, task<T> op)
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
    co_await throw_if_lost(std::move(self), std::move(remote));
    std::rethrow_exception(failed);
}

/// A toolbox request whose refusal is checked against a lost sandbox first: the answer when it is 2xx or
/// one of `expected`; otherwise throws (`unavailable` when lost, else the refusal's error).
task<http_response> toolbox_call(daytona_state_ptr self, remote_ptr remote, http_request req,
                                 std::initializer_list<unsigned> expected = {});

/// Starts a best-effort deletion that nobody waits for.
void release_in_background(daytona_state_ptr self);

// ---- commands (daytona_sandbox_execute.cpp) ----

task<execute_response> sandbox_execute(daytona_state_ptr self, std::string command, execute_options opts);

/// The directory a command starts in: the work dir, or the one asked for, which must be a directory.
task<std::string> command_dir(daytona_state_ptr self, remote_ptr remote, std::string given);

/// Checks `execute_options.env` names and values as the other sandboxes do.
void check_environment(const execute_options& opts);

/// Refuses a NUL byte in `text`: `invalid_argument` "Invalid <what>: contains a NUL byte".
void refuse_nul(std::string_view text, std::string_view what);

task<std::shared_ptr<background_job>> sandbox_start_background(daytona_state_ptr self, std::string command,
                                                               execute_options opts);

// ---- files (daytona_sandbox_files.cpp) ----

/// `/files/info` of a path; empty when nothing is there.
task<std::optional<daytona_file_entry>> remote_file_info(daytona_state_ptr self, remote_ptr remote,
                                                         std::string path);

task<bool> sandbox_exists(daytona_state_ptr self, std::string path);
task<std::string> sandbox_read(daytona_state_ptr self, std::string path, read_options opts);
task<std::string> sandbox_read_bytes(daytona_state_ptr self, std::string path);
task<write_result> sandbox_write(daytona_state_ptr self, std::string path, std::string content);
task<edit_result> sandbox_edit(daytona_state_ptr self, std::string path, edit_request request);

/// The bytes of a regular file within `limit` (the caller's path in messages), or `not_found` etc.
task<std::string> download_file(daytona_state_ptr self, remote_ptr remote, std::string path,
                                std::string given, std::size_t limit);

// ---- listing and search (daytona_sandbox_search.cpp) ----

task<std::vector<file_info>> sandbox_ls(daytona_state_ptr self, std::string path);
task<std::vector<file_info>> sandbox_glob(daytona_state_ptr self, std::string pattern, std::string path);
task<std::vector<grep_match>> sandbox_grep(daytona_state_ptr self, grep_request request);

}  // namespace agent_backends::detail

#endif
