// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_KUBERNETES_SANDBOX_STATE_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_KUBERNETES_SANDBOX_STATE_HPP

// What a kubernetes_sandbox adds to the shell sandbox core: the API client, the pod, and the pod's
// lifecycle (create and wait until it runs, lost detection, delete). Commands, background jobs, searches
// and files are the core's, over pod exec.

#include <agent_backends/sandboxes/kubernetes_sandbox.hpp>

#include "sandboxes/kubernetes_api.hpp"
#include "sandboxes/shared_start.hpp"
#include "sandboxes/shell_sandbox_core.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <string>

namespace agent_backends::detail {

class kubernetes_sandbox_state final : public shell_sandbox_core,
                                       public std::enable_shared_from_this<kubernetes_sandbox_state>
{
public:
    /// \par Errors
    /// `invalid_argument` for a runtime that names only a base image; what loading the cluster
    /// configuration from the environment throws.
    kubernetes_sandbox_state(boost::asio::any_io_executor ex, kubernetes_sandbox_options options);

    const kubernetes_sandbox_options opts;
    const std::shared_ptr<kubernetes_api> api;
    const std::string namespace_name;
    const std::string pod_name;
    const std::string image;
    /// Lifecycle state (`attempt`, `pod_created`, starting and stopping) is touched only here.
    const boost::asio::any_io_executor strand;

    std::shared_ptr<shared_start> attempt;  ///< The running or last start attempt.
    bool pod_created{false};                     ///< The pod may exist and is ours to delete.

    /// True once the pod runs, until stop.
    bool running() const;
    void set_running(bool value);

    shell_file_limits file_limits() const noexcept;

    task<std::shared_ptr<container_exec>> ensure_started() override;
    task<void> throw_if_lost(std::string target) override;

private:
    mutable std::mutex mutex_;
    bool running_{false};
};

using kubernetes_state_ptr = std::shared_ptr<kubernetes_sandbox_state>;

/// Creates the pod and waits until it runs (lazily, once).
task<void> start_pod(kubernetes_state_ptr self);

/// Stops background jobs, deletes the pod and waits (bounded) until it is gone. Idempotent.
task<void> stop_pod(kubernetes_state_ptr self);

/// Whether the pod exists and runs.
task<bool> pod_is_alive(kubernetes_state_ptr self);

/// Starts a best-effort deletion of the pod that nobody waits for.
void delete_pod_in_background(const kubernetes_sandbox_state& self);

}  // namespace agent_backends::detail

#endif
