// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SANDBOXES_DOCKER_TYPES_HPP
#define AGENT_BACKENDS_SANDBOXES_DOCKER_TYPES_HPP

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace agent_backends {

/// \brief What `GET /_ping` and `GET /version` tell about an engine.
struct docker_engine_info
{
    std::string api_version;     ///< The API version used for every request: min(ours, the engine's).
    std::string engine_version;  ///< The engine's own version (`24.0.7`, or podman's `4.3.1`).
    bool is_podman{false};       ///< Podman's Docker-compatible service (it differs in a few places).
};

/// \brief The subset of `POST /containers/create` a sandbox needs.
struct container_spec
{
    std::string image;                          ///< Image name or id.
    std::vector<std::string> command{};         ///< `Cmd`; empty keeps the image's.
    std::vector<std::string> env{};             ///< `K=V` entries.
    std::string working_dir{};                  ///< Created by the engine when missing.
    std::string user{};                         ///< `uid[:gid]` or a name; empty: the image's.
    std::map<std::string, std::string> labels{};
    std::vector<std::string> binds{};           ///< `host_path:container_path[:ro|rw]`.
    std::optional<std::int64_t> memory_bytes{}; ///< Memory limit (swap limited to the same).
    std::optional<double> cpus{};               ///< CPU limit (`NanoCpus` = cpus × 1e9).
    std::optional<std::int64_t> pids_limit{};   ///< Process limit inside the container.
    std::string network_mode{};                 ///< `bridge`, `none`, `host`, a network name; empty: default.
    std::string name{};                         ///< Container name; empty: the engine picks one.
    bool no_new_privileges{true};               ///< `SecurityOpt: ["no-new-privileges:true"]`.
};

/// \brief `State` of `GET /containers/{id}/json`.
struct container_state
{
    std::string id;
    std::string status;         ///< created, running, paused, restarting, removing, exited, dead.
    bool running{false};
    int exit_code{0};
    bool oom_killed{false};
};

/// \brief The subset of `POST /containers/{id}/exec` a sandbox needs. stdout and stderr are always
/// attached (podman refuses an attached start without them).
struct exec_spec
{
    std::vector<std::string> command;     ///< `Cmd`, e.g. `{"sh", "-c", "echo hi"}`.
    std::vector<std::string> env{};       ///< `K=V` entries added to the container's.
    std::string working_dir{};            ///< Empty: the container's.
    std::string user{};                   ///< Empty: the container's.
    bool attach_stdin{false};             ///< Write to the command's stdin through the exec stream.
};

/// \brief `GET /exec/{id}/json`.
struct exec_state
{
    bool running{false};
    std::optional<int> exit_code{};  ///< Empty while running (podman reports 0 before it ran: see `running`).
    std::int64_t pid{0};             ///< Host-namespace pid; not usable inside the container.
};

/// \brief Which stream a piece of exec output came from (the multiplexed frame's first byte).
enum class exec_stream_kind : std::uint8_t
{
    stdout_stream = 1,  ///< Also used for frames marked 0 (stdin echoed as stdout).
    stderr_stream = 2,
    system_error = 3,   ///< The engine's own error text.
};

/// \brief One demultiplexed piece of exec output.
struct exec_output
{
    exec_stream_kind stream{exec_stream_kind::stdout_stream};
    std::string data;
};

/// \brief `X-Docker-Container-Path-Stat` of the archive endpoints.
struct container_path_stat
{
    std::string name;
    std::uint64_t size{0};
    std::uint32_t mode{0};     ///< Go `os.FileMode`: permission bits | type bits (dir = 1<<31, symlink = 1<<27).
    std::string mtime;         ///< RFC 3339.
    std::string link_target;

    bool is_dir() const noexcept { return (mode & (1u << 31)) != 0; }
};

}  // namespace agent_backends

#endif
