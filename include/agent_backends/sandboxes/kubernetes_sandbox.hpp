// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SANDBOXES_KUBERNETES_SANDBOX_HPP
#define AGENT_BACKENDS_SANDBOXES_KUBERNETES_SANDBOX_HPP

#include <agent_backends/http/http_client_options.hpp>
#include <agent_backends/sandbox.hpp>
#include <agent_backends/sandboxes/kubernetes_config.hpp>
#include <agent_backends/sandboxes/runtime_config.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace agent_backends {

namespace detail {
class kubernetes_sandbox_state;
}

/// \brief How a \ref kubernetes_sandbox creates its pod.
struct kubernetes_sandbox_options
{
    std::optional<kubernetes_config> cluster{};  ///< Empty: \ref kubernetes_config::from_environment.
    std::string namespace_name{};                ///< Empty: the configuration's namespace.
    std::string image{"python:3.12-slim"};       ///< Used when no runtime is given.
    /// A runtime that names an `image` (pods cannot build one: a runtime with only a `base_image` is
    /// refused with `invalid_argument`); its work dir and environment win.
    std::optional<runtime_config> runtime{};
    std::string sandbox_id{};                    ///< Empty: a random UUID.
    std::string pod_name{};                      ///< Empty: `agent-sandbox-<first 12 of the id>`.
    std::string container_name{"sandbox"};
    std::string work_dir{"/workspace"};          ///< Commands run here; relative paths resolve here.
    std::map<std::string, std::string> env{};
    std::map<std::string, std::string> labels{};  ///< Added to `agent-backends.sandbox=<id>`.
    std::string cpu_request{};     ///< Kubernetes quantities (`500m`, `2`); empty: none.
    std::string cpu_limit{};
    std::string memory_request{};  ///< (`256Mi`, `1Gi`); empty: none.
    std::string memory_limit{};
    std::string image_pull_policy{};  ///< `Always`, `IfNotPresent`, `Never`; empty: the cluster's default.
    std::string service_account{};    ///< Empty: the namespace's default.
    /// The pod's `activeDeadlineSeconds`: the cluster ends it after this long even if nobody stops it.
    std::chrono::seconds active_deadline{std::chrono::hours(24)};
    std::chrono::seconds startup_timeout{120};  ///< Until the pod runs; then `timed_out`.
    std::size_t max_read_bytes{8 * 1024 * 1024};  ///< read/read_bytes refuse larger files.
    std::chrono::seconds idle_timeout{3600};       ///< Reported to \ref session_manager.
    http_client_options http{};  ///< Timeouts and limits of the API client (TLS comes from `cluster`).
};

/// \brief A sandbox whose commands and files live in a Kubernetes pod, driven over the API server's REST
/// and WebSocket exec endpoints.
///
/// \details \ref start (or the first operation) creates the pod (image, a main process that keeps it alive
/// and exits on SIGTERM, namespace, labels, resources, working directory, environment, `restartPolicy:
/// Never`, the active deadline) and waits until it runs; an image that cannot be pulled
/// (`ErrImagePull`, `ImagePullBackOff`, `InvalidImageName`) or a pod that fails ends the wait at once with
/// the cluster's reason. \ref stop deletes the pod.
///
/// `execute` runs through pod exec over a WebSocket (`v5.channel.k8s.io`, else `v4.channel.k8s.io`), in a
/// process group of its own; the exit code comes from the status channel; on timeout or cancellation a
/// second exec kills that group (SIGTERM, the grace period, SIGKILL). Files move through exec as raw
/// bytes (`cat` to read; to write, a length-bounded read of stdin into a temporary file renamed over the
/// target); `ls`, `glob` and `grep` run the same portable commands as \ref docker_sandbox.
///
/// Paths are container paths: absolute ones as given, relative ones under the work dir.
///
/// \par Errors
/// As \ref backend; the API server's answers become: 401 `unavailable` (credentials refused), 403
/// `permission_denied` (with the RBAC message), 404 `not_found`, 409 `invalid_argument` (already exists),
/// others `unavailable`, each with the `Status` object's message; a pod that is gone →
/// `unavailable` `Sandbox pod <name> is gone`; `timed_out` when the pod does not run in time.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: safe on one `io_context` (operations may run concurrently).
class kubernetes_sandbox : public sandbox
{
public:
    kubernetes_sandbox(boost::asio::any_io_executor ex, kubernetes_sandbox_options opts = {});
    ~kubernetes_sandbox() override;

    std::string_view id() const override;
    task<bool> exists(std::string_view path) override;
    task<std::vector<file_info>> ls(std::string_view path) override;
    task<std::string> read(std::string_view path, read_options opts = {}) override;
    task<std::string> read_bytes(std::string_view path) override;
    task<write_result> write(std::string_view path, std::string_view content) override;
    task<edit_result> edit(std::string_view path, edit_request request) override;
    task<std::vector<file_info>> glob(std::string_view pattern, std::string_view path = "/") override;
    task<std::vector<grep_match>> grep(grep_request request) override;
    task<execute_response> execute(std::string_view command, execute_options opts = {}) override;
    task<std::shared_ptr<background_job>> start_background(std::string_view command,
                                                           execute_options opts = {}) override;
    task<void> start() override;
    task<void> stop() override;
    task<bool> is_alive() override;
    std::optional<std::chrono::steady_clock::time_point> last_activity() const noexcept override;
    std::optional<std::chrono::seconds> idle_timeout() const noexcept override;

    /// \brief The pod's name.
    const std::string& pod_name() const noexcept;

    /// \brief The namespace the pod lives in.
    const std::string& namespace_name() const noexcept;

    /// \brief The exec subprotocol the server chose last (`v5.channel.k8s.io` or `v4.channel.k8s.io`);
    /// empty before the first exec.
    std::string exec_protocol() const;

private:
    std::shared_ptr<detail::kubernetes_sandbox_state> state_;
};

}  // namespace agent_backends

#endif
