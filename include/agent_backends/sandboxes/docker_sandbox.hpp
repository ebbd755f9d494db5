// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SANDBOXES_DOCKER_SANDBOX_HPP
#define AGENT_BACKENDS_SANDBOXES_DOCKER_SANDBOX_HPP

#include <agent_backends/http/http_endpoint.hpp>
#include <agent_backends/sandbox.hpp>
#include <agent_backends/sandboxes/docker_engine.hpp>
#include <agent_backends/sandboxes/runtime_config.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace agent_backends {

namespace detail {
class docker_sandbox_state;
}

/// \brief How a \ref docker_sandbox creates its container.
struct docker_sandbox_options
{
    std::string image{"python:3.12-slim"};        ///< Used when no runtime is given.
    std::optional<runtime_config> runtime{};      ///< Its image (built when needed) and work dir win.
    std::string sandbox_id{};                     ///< Empty: a random UUID.
    std::string work_dir{"/workspace"};           ///< Commands run here; relative paths resolve here.
    std::map<std::string, std::string> volumes{}; ///< Host directory → container directory, bound rw.
    std::map<std::string, std::string> env{};     ///< Container environment (the runtime's env_vars added).
    std::string user{};                           ///< Empty: the image's user.
    std::string network_mode{};                   ///< Empty: the engine's default.
    std::string container_name{};                 ///< A named container is reattached and kept on stop.
    std::optional<std::int64_t> memory_bytes{};
    std::optional<double> cpus{};
    std::optional<std::int64_t> pids_limit{512};
    std::map<std::string, std::string> labels{};  ///< Added to the labels that mark the container ours.
    bool pull_missing_image{true};                ///< Pull when the image is not present locally.
    std::size_t max_read_bytes{8 * 1024 * 1024};  ///< read/read_bytes refuse larger files.
    std::chrono::seconds idle_timeout{3600};      ///< Reported to \ref session_manager.
    /// Where the engine listens; empty: \ref docker_engine::endpoint_from_environment.
    std::optional<http_endpoint> docker_host{};
    docker_engine_options engine{};               ///< Used when the sandbox makes its own engine client.
};

/// \brief A sandbox whose commands and files live in a container, driven over the Docker Engine API
/// (Docker, or podman's compatible service).
///
/// \details \ref start (or the first operation) creates and starts the container: the image (the
/// runtime's, built from its base image when needed, pulled when missing), a main process that keeps it
/// alive and exits on SIGTERM, the environment, work dir, user, limits, network mode, the volumes as
/// binds, `no-new-privileges`, and labels `agent-backends.sandbox=<id>` that mark it ours. \ref stop
/// removes it (a named container is stopped and kept).
///
/// Paths are container paths: absolute ones as given, relative ones under the work dir; results name
/// absolute container paths. `read` renders numbered lines exactly as the other backends do. Files move
/// through the archive API (tar); `ls`, `glob` and `grep` run commands in the container (`grep -E`
/// syntax there: RE2 features such as `\d` are not available).
///
/// `execute` runs `sh -c command` through an attached exec in its own process group; on timeout or
/// cancellation a second exec kills that group (SIGTERM, the grace period, SIGKILL).
///
/// \par Errors
/// As \ref backend; `unavailable` when the engine cannot be reached or the container is gone
/// (`Sandbox container 3f2a… is gone`), `not_found` for a missing image that cannot be pulled.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: safe on one `io_context` (operations may run concurrently).
class docker_sandbox : public sandbox
{
public:
    /// \brief A sandbox with an engine client of its own.
    docker_sandbox(boost::asio::any_io_executor ex, docker_sandbox_options opts = {});

    /// \brief A sandbox sharing an engine client (and its connections) with others.
    docker_sandbox(std::shared_ptr<docker_engine> engine, docker_sandbox_options opts = {});

    ~docker_sandbox() override;

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

    /// \brief The container's id once started; empty before.
    std::string container_id() const;

    /// \brief The engine client.
    docker_engine& engine() noexcept;

private:
    std::shared_ptr<detail::docker_sandbox_state> state_;
};

}  // namespace agent_backends

#endif
