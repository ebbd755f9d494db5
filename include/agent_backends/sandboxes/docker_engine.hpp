// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SANDBOXES_DOCKER_ENGINE_HPP
#define AGENT_BACKENDS_SANDBOXES_DOCKER_ENGINE_HPP

#include <agent_backends/http/http_client_options.hpp>
#include <agent_backends/http/http_endpoint.hpp>
#include <agent_backends/sandboxes/docker_types.hpp>
#include <agent_backends/task.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace agent_backends {

namespace detail {
class docker_engine_core;
struct exec_stream_state;
}  // namespace detail

/// \brief Settings of a \ref docker_engine.
struct docker_engine_options
{
    http_client_options http{};  ///< Timeouts, limits, TLS (for `https://` and `tcp://` with TLS).
    /// API version to speak (`1.41`); empty: negotiate once from `GET /_ping` as min(1.43, the engine's).
    std::string api_version{};
};

/// \brief The demultiplexed output of an attached exec (`POST /exec/{id}/start`), plus its stdin.
///
/// \details Frames may split and merge arbitrarily across reads; \ref read returns whole payload pieces
/// tagged with their stream. The engine closes the connection when the command has exited.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: unsafe, except one read beside one stdin write.
class exec_stream
{
public:
    explicit exec_stream(std::unique_ptr<detail::exec_stream_state> state) noexcept;
    exec_stream(exec_stream&&) noexcept;
    exec_stream& operator=(exec_stream&&) noexcept;
    ~exec_stream();

    /// \brief The next piece of output; empty once the engine has closed the stream.
    /// \par Errors
    /// `protocol_error`: a malformed frame header, or the stream ended inside a frame. `unavailable`: the
    /// connection failed.
    /// \par Cancellation
    /// Terminal: the connection is closed and `operation_aborted` is thrown (the command keeps running in
    /// the container: kill it with a follow-up exec).
    task<std::optional<exec_output>> read();

    /// \brief Writes raw bytes to the command's stdin (the exec must attach stdin).
    task<void> write_stdin(std::string data);

    /// \brief Signals end of stdin (half-close); output keeps coming.
    task<void> close_stdin();

    /// \brief Closes the connection at once.
    void close() noexcept;

private:
    std::unique_ptr<detail::exec_stream_state> state_;
};

/// \brief A client of the Docker Engine API (Docker, or podman's compatible service) on our HTTP client.
///
/// \details Speaks the subset a sandbox needs: ping and version negotiation, images (inspect, pull, build
/// from a tar context), containers (create, start, inspect, stop, remove), exec (create, attached start
/// with the multiplexed stream, inspect) and the archive endpoints (tar upload and download). Connections
/// are kept alive and reused; an exec start takes a connection of its own (the engine closes it after the
/// command). Podman's differences (spec/container-engine-here.md) are handled here, not by callers.
/// ```
/// docker_engine engine(ex, docker_engine::endpoint_from_environment());
/// auto id = co_await engine.create_container({.image = "alpine:3.20", .command = {"sleep", "infinity"}});
/// co_await engine.start_container(id);
/// ```
///
/// \par Errors
/// Every operation throws `error`: `unavailable` when the engine cannot be reached (the message names the
/// endpoint and says to check that the engine runs, or `DOCKER_HOST`); for an engine's refusal, by status:
/// 404 `not_found`, 400 `invalid_argument`, 401/403 `permission_denied`, 409 and 5xx `unavailable`; the
/// message carries the engine's own `message` text (`Docker engine: No such container: 3f2a…`).
/// `protocol_error` for a malformed answer; `timed_out` from the HTTP client's limits.
///
/// \par Cancellation
/// Every operation honours terminal cancellation (see \ref http_client).
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: safe on one `io_context` (as \ref http_client).
class docker_engine
{
public:
    docker_engine(boost::asio::any_io_executor ex, http_endpoint endpoint, docker_engine_options opts = {});
    ~docker_engine();
    docker_engine(docker_engine&&) noexcept;
    docker_engine& operator=(docker_engine&&) noexcept;

    /// \brief Where the Docker CLI would connect: `DOCKER_HOST` when set (`unix://`, `tcp://`, `http(s)://`;
    /// `tcp://` becomes `https://` when `DOCKER_TLS_VERIFY` is set), else `unix:///var/run/docker.sock`.
    /// \par Errors
    /// `invalid_argument`: a `DOCKER_HOST` that is not a URL of those forms (the message quotes it).
    static http_endpoint endpoint_from_environment();

    /// \brief TLS settings from `DOCKER_CERT_PATH` (`ca.pem`, `cert.pem`, `key.pem`) when set.
    static docker_engine_options options_from_environment();

    /// \brief Pings the engine and negotiates the API version (done once, lazily, by every other call).
    task<docker_engine_info> ping();

    /// \brief True when the image is present locally (`GET /images/{name}/json`).
    task<bool> image_exists(std::string_view image);

    /// \brief Pulls an image (`POST /images/create`), scanning every progress line for an error.
    task<void> pull_image(std::string_view image);

    /// \brief Builds an image from an uncompressed tar build context holding `Dockerfile`; returns its id.
    /// \details Classic builder (`version=1`), `rm=1&forcerm=1`. `on_output`, when set, receives each
    /// `stream` text line of the build log.
    /// \par Errors
    /// As the class; a failed step (an `error` line in the 200 stream) is `unavailable` with its message.
    task<std::string> build_image(std::string_view tag, std::string context_tar,
                                  std::function<void(std::string_view)> on_output = {});

    /// \brief Creates a container; returns its id. A missing image is `not_found`.
    task<std::string> create_container(const container_spec& spec);

    /// \brief Starts a container (already running is fine).
    task<void> start_container(std::string_view id);

    /// \brief The container's state; `not_found` when it is gone.
    task<container_state> inspect_container(std::string_view id);

    /// \brief Stops a container, killing it after `grace` (already stopped is fine).
    task<void> stop_container(std::string_view id, std::chrono::seconds grace);

    /// \brief Removes a container (`force` kills it first); returns false when it was already gone.
    task<bool> remove_container(std::string_view id, bool force = true);

    /// \brief Creates an exec in a running container; returns the exec id.
    task<std::string> create_exec(std::string_view container_id, const exec_spec& spec);

    /// \brief Starts an exec attached (never detached: podman 4.3 never reports detached ones finished) and
    /// returns its demultiplexed stream. Read it to the end, then \ref inspect_exec for the exit code.
    task<exec_stream> start_exec(std::string_view exec_id);

    /// \brief The exec's state; while `running` right after the stream ended, poll briefly.
    task<exec_state> inspect_exec(std::string_view exec_id);

    /// \brief Extracts an uncompressed tar into directory `dir` of the container (`PUT /archive`).
    task<void> put_archive(std::string_view container_id, std::string_view dir, std::string tar);

    /// \brief Downloads `path` as a tar (`GET /archive`); `not_found` when missing, `too_large` when the
    /// archive exceeds `max_bytes`.
    task<std::string> get_archive(std::string_view container_id, std::string_view path, std::size_t max_bytes);

    /// \brief `HEAD /archive`: the path's stat, or empty when it does not exist.
    task<std::optional<container_path_stat>> stat_path(std::string_view container_id, std::string_view path);

    /// \brief The endpoint this engine is reached at.
    const http_endpoint& endpoint() const noexcept;

    /// \brief The executor of the connections.
    boost::asio::any_io_executor get_executor() const noexcept;

private:
    std::shared_ptr<detail::docker_engine_core> core_;
};

}  // namespace agent_backends

#endif
