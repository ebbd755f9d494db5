// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_DOCKER_JSON_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_DOCKER_JSON_HPP

// The Docker Engine API's JSON bodies: what we send (container and exec specs) and what we read back.
// Readers return an empty optional for a body that is not what the API documents.

#include <agent_backends/sandboxes/docker_types.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// Body of `POST /containers/create`.
std::string container_create_body(const container_spec& spec);

/// Body of `POST /containers/{id}/exec`; stdout and stderr are always attached.
std::string exec_create_body(const exec_spec& spec);

/// `Id` of a create answer (`{"Id":"…","Warnings":[]}`).
std::optional<std::string> id_of(std::string_view body);

/// `message` of an error body (`{"message":"No such container: x"}`), when there is one.
std::optional<std::string> engine_message_of(std::string_view body);

/// `State` of `GET /containers/{id}/json`.
std::optional<container_state> container_state_of(std::string_view body);

/// `GET /exec/{id}/json`.
std::optional<exec_state> exec_state_of(std::string_view body);

/// The engine's version from `GET /version`, and whether it is podman (a component "Podman Engine").
struct engine_version
{
    std::string version;
    std::string api_version;
    bool is_podman{false};
};
std::optional<engine_version> engine_version_of(std::string_view body);

/// The `X-Docker-Container-Path-Stat` header: standard base64 of a JSON object.
std::optional<container_path_stat> path_stat_of(std::string_view header_value);

/// One line of the JSON progress stream of a pull or a build.
struct progress_line
{
    std::optional<std::string> error;   ///< `error` (or `errorDetail.message`): the operation failed.
    std::optional<std::string> stream;  ///< `stream`: build log text.
    std::optional<std::string> aux_id;  ///< `aux.ID`: the built image's id.
};
std::optional<progress_line> progress_line_of(std::string_view line);

}  // namespace agent_backends::detail

#endif
