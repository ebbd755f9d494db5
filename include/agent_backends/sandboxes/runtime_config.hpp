// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SANDBOXES_RUNTIME_CONFIG_HPP
#define AGENT_BACKENDS_SANDBOXES_RUNTIME_CONFIG_HPP

#include <agent_backends/task.hpp>

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends {

class docker_engine;

/// \brief How a runtime installs its packages.
enum class package_manager
{
    pip,
    npm,
    apt,
    cargo,
};

/// \brief An image preset for a container sandbox: a ready image, or a base image plus packages, setup
/// commands and environment built into an image of its own.
struct runtime_config
{
    std::string name;                          ///< Lookup name (`python-minimal`).
    std::string description{};
    std::string image{};                       ///< A ready image; wins over `base_image`.
    std::string base_image{};                  ///< `FROM` of the generated Dockerfile.
    std::vector<std::string> packages{};
    package_manager manager{package_manager::pip};
    std::vector<std::string> setup_commands{}; ///< `RUN` lines, before the packages.
    std::map<std::string, std::string> env_vars{};
    std::string work_dir{"/workspace"};
    bool cache_image{true};                    ///< Reuse a built image with the same tag when present.

    bool operator==(const runtime_config&) const = default;
};

/// \brief The built-in runtimes: python-minimal, python-datascience, python-web, node-minimal, node-react.
const std::vector<runtime_config>& builtin_runtimes();

/// \brief A built-in runtime by name.
/// \par Errors
/// `not_found`: `Unknown runtime '{name}'. Available: a, b, …` (sorted names).
runtime_config get_runtime(std::string_view name);

/// \brief Checks what goes into a Dockerfile: package names, environment names and values, the work dir,
/// setup commands.
/// \par Errors
/// `invalid_argument` with the spec's text: `Invalid package name: '{name}'`,
/// `Invalid environment variable name: '{key}'`, `Environment variable '{key}' value contains a newline`,
/// `work_dir contains disallowed shell metacharacters: '$', ';'`, `setup command contains a newline`,
/// `base_image contains a newline`.
void validate_runtime(const runtime_config& runtime);

/// \brief The Dockerfile that builds a runtime with a base image (validated first).
/// \par Errors
/// As \ref validate_runtime; `invalid_argument` when the runtime has no `base_image`.
std::string runtime_dockerfile(const runtime_config& runtime);

/// \brief The tag of a built runtime image: `agent-backends-runtime:{name}-{first 12 hex of md5(config)}`,
/// so a changed configuration gets a new image.
std::string runtime_image_tag(const runtime_config& runtime);

/// \brief The image a container of this runtime runs: `image` as is; else the built image, built through
/// the engine's build endpoint unless `cache_image` and it is already present.
/// \details `on_output` receives the build log lines.
/// \par Errors
/// As \ref runtime_dockerfile and \ref docker_engine::build_image.
task<std::string> ensure_runtime_image(docker_engine& engine, const runtime_config& runtime,
                                       std::function<void(std::string_view)> on_output = {});

}  // namespace agent_backends

#endif
