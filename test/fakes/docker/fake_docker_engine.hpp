// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_DOCKER_FAKE_DOCKER_ENGINE_HPP
#define AGENT_BACKENDS_TEST_FAKES_DOCKER_FAKE_DOCKER_ENGINE_HPP

#include <agent_backends/http/http_endpoint.hpp>

#include "fakes/common/fake_fault.hpp"
#include "fakes/common/fake_request.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::test {

namespace docker_fake {
class engine_state;
class engine_runner;
}  // namespace docker_fake

/// \brief Settings of a \ref fake_docker_engine.
struct fake_docker_options
{
    /// Listen on this unix socket path (replaced if it exists); empty: TCP on 127.0.0.1, a free port.
    std::string socket_path{};
    /// Images present from the start; a name without a tag means `:latest`.
    std::vector<std::string> images{};
    std::string api_version{"1.43"};  ///< `Api-Version` of every answer and `ApiVersion` of `/version`.
    std::string engine_version{"24.0.7"};
    std::size_t max_request_body_bytes{256u << 20};  ///< Larger request bodies are refused with 413.
};

/// \brief What the fake engine knows about one container.
struct fake_container_info
{
    std::string id;
    std::string name;  ///< Without the leading `/`.
    std::string image;
    std::string status;  ///< `created`, `running` or `exited`.
    int exit_code{0};
    std::string create_body;  ///< The `POST /containers/create` body as received.
    std::string root_dir;     ///< The host directory standing for the container's file system.
    std::size_t execs{0};     ///< Execs created in it.
};

/// \brief A Docker Engine API server for tests: the real wire format on a unix socket or 127.0.0.1, real
/// commands for exec, and faults on demand.
///
/// \details Speaks the part of the Docker Engine API (v1.43) a sandbox uses, with the status codes,
/// headers, error bodies and streams of the real engine: `/_ping`, `/version`, `/info`; images (inspect,
/// pull with streamed progress, build from a tar context); containers (create, list, start, inspect,
/// stop, kill, wait, remove); exec (create, start attached with `101 UPGRADED` and multiplexed frames or
/// `200` with the raw stream, detached, inspect); the archive endpoints (`PUT`, `GET`, `HEAD`). Paths are
/// accepted with any `/vX.Y` prefix or none.
///
/// Containers are simulated on the host, which keeps the fake light and needs no privileges:
/// - every container has a host directory standing for its file system (`fake_container_info::root_dir`):
///   container path `/a/b` is `root_dir/a/b`, except below the container side of a bind
///   (`HostConfig.Binds`), which maps to the bound host directory. Archive operations and the working
///   directory of execs go through this mapping.
/// - an exec runs its `Cmd` argv for real, as a host process (`sh -c ...` is the host's shell) in the
///   mapped working directory, with the host environment plus the container's and the exec's `Env`. Paths
///   the command names itself are host paths. `User` is ignored. stdout and stderr come back as frames of
///   type 1 and 2, stdin is fed from the stream when `AttachStdin` is set, the exit code is recorded
///   before the stream closes. An exec ends when its process has exited (what it left running in the
///   background is not waited for).
/// - a running container is a host process group (led by a small idle process; the container's own
///   `Cmd` is not run); execs join it, so stopping, killing or removing the container kills them, as in a
///   real engine. A process that leaves the group (`setsid`) outlives the container.
/// - image pulls always succeed (unless \ref fail_pulls), a build echoes its Dockerfile's steps without
///   running them, and tags the image.
///
/// ```
/// fake_docker_engine fake({.images = {"busybox:latest"}});
/// docker_engine engine(ex, fake.endpoint());
/// fake.inject({.method = "POST", .path = "/containers/create", .status = 500, .message = "boom"});
/// ```
///
/// \par Thread safety
/// Every member function may be called from any thread while the engine serves.
///
/// \par Object lifetimes
/// Destruction closes every connection and kills every process the engine started. With the constructor
/// taking an executor, destroy the object before that executor's execution context.
class fake_docker_engine
{
public:
    /// \brief Starts serving on a thread of its own.
    /// \par Errors
    /// Throws `boost::system::system_error` when the socket cannot be bound.
    explicit fake_docker_engine(fake_docker_options opts = {});

    /// \brief Starts serving on `ex` (through a strand of it); the caller runs its execution context.
    /// \par Errors
    /// As above.
    explicit fake_docker_engine(boost::asio::any_io_executor ex, fake_docker_options opts = {});

    ~fake_docker_engine();
    fake_docker_engine(const fake_docker_engine&) = delete;
    fake_docker_engine& operator=(const fake_docker_engine&) = delete;

    /// \brief `unix:///path` or `http://127.0.0.1:port`.
    std::string url() const;

    /// \brief \ref url as an endpoint for an `http_client` or a `docker_engine`.
    http_endpoint endpoint() const;

    /// \brief Makes an image present (`name` or `name:tag`; without a tag, `:latest`).
    void add_image(std::string name);

    /// \brief The tags of every image present.
    std::vector<std::string> images() const;

    /// \brief Arms a fault.
    void inject(fake_fault fault);

    /// \brief Arms an `error_status` fault for the next request matching `method` and `path`.
    void fail_next(std::string method, std::string path, unsigned status, std::string message);

    /// \brief Disarms every fault.
    void clear_faults();

    /// \brief Makes every later pull stream a failure line `{"errorDetail":{"message":...},"error":...}`
    /// after its first status line (HTTP status 200, as the real engine); empty: pulls succeed.
    void fail_pulls(std::string message);

    /// \brief Makes every later build stream a failure line after its first step; empty: builds succeed.
    void fail_builds(std::string message);

    /// \brief Every container not removed yet.
    std::vector<fake_container_info> containers() const;

    /// \brief One container by id, unique id prefix or name.
    std::optional<fake_container_info> container(std::string_view id_or_name) const;

    /// \brief Where container path `path` lives on the host (see the class); empty for an unknown container.
    std::string host_path(std::string_view container, std::string_view path) const;

    /// \brief Every request read so far, in order (the most recent 10000).
    std::vector<fake_request> requests() const;

    /// \brief Client connections open now (hijacked exec streams included).
    std::size_t open_connections() const;

    /// \brief Stops serving: closes the listener and every connection, kills every process started.
    /// Idempotent.
    void stop();

private:
    std::shared_ptr<docker_fake::engine_state> state_;
    std::unique_ptr<docker_fake::engine_runner> runner_;
};

}  // namespace agent_backends::test

#endif
