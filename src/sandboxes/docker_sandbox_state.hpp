// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_DOCKER_SANDBOX_STATE_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_DOCKER_SANDBOX_STATE_HPP

// What a docker_sandbox shares between its operations beyond the shell sandbox core (the engine, the
// container), and its own operations as free functions of that state: the lifecycle and the files, which
// go through the archive endpoints. Commands, background jobs and searches are the core's. Each function
// takes owned arguments: the public members copy the caller's views before anything is awaited.

#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/docker_engine.hpp>
#include <agent_backends/sandboxes/docker_sandbox.hpp>

#include "sandboxes/docker_container_exec.hpp"
#include "sandboxes/shell_sandbox_core.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

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

class docker_sandbox_state final : public shell_sandbox_core,
                                   public std::enable_shared_from_this<docker_sandbox_state>
{
public:
    docker_sandbox_state(std::shared_ptr<docker_engine> engine, docker_sandbox_options options);

    const std::shared_ptr<docker_engine> engine;
    const docker_sandbox_options opts;
    /// Lifecycle state (`attempt`, starting and stopping) is touched only here.
    const boost::asio::any_io_executor strand;

    std::shared_ptr<start_attempt> attempt;  ///< The running or last start attempt (on `strand`).

    /// The container's id; empty before start and after stop.
    std::string container_id() const;
    void set_container_id(std::string container);

    task<std::shared_ptr<container_exec>> ensure_started() override;
    task<void> throw_if_lost(std::string target) override;

private:
    mutable std::mutex mutex_;
    std::string container_id_;
};

using state_ptr = std::shared_ptr<docker_sandbox_state>;

/// The first 12 characters of a container id, as the Docker CLI shows it.
std::string_view short_container_id(std::string_view container_id) noexcept;

// ---- lifecycle (docker_sandbox_lifecycle.cpp) ----

/// The running container's id, creating and starting it first when needed (lazily, once).
/// \par Errors
/// `unavailable` `Sandbox container <short id> is gone` once the container was lost; what creating it threw.
task<std::string> ensure_container(state_ptr self);

/// \ref ensure_container, for `start()`.
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

// ---- files (docker_sandbox_files.cpp) ----

task<bool> sandbox_exists(state_ptr self, std::string path);
task<std::string> sandbox_read(state_ptr self, std::string path, read_options opts);
task<std::string> sandbox_read_bytes(state_ptr self, std::string path);
task<write_result> sandbox_write(state_ptr self, std::string path, std::string content);
task<edit_result> sandbox_edit(state_ptr self, std::string path, edit_request request);

}  // namespace agent_backends::detail

#endif
