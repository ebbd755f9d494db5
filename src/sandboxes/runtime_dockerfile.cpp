// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/runtime_config.hpp>

#include "sandboxes/runtime_quoting.hpp"

#include <string>
#include <vector>

namespace agent_backends {
namespace {

void add_install_lines(const runtime_config& runtime, std::vector<std::string>& lines)
{
    // Each name is a shell word of its own: a specifier such as `numpy>=1.26` must not become a redirection.
    std::string packages;
    for (const auto& p : runtime.packages)
        packages += (packages.empty() ? "" : " ") + detail::shlex_quote(p);
    switch (runtime.manager)
    {
        case package_manager::pip:
            lines.push_back("RUN pip install --no-cache-dir " + packages);
            break;
        case package_manager::npm:
            // Installed into the work dir, not globally, so user code resolves the libraries.
            lines.push_back("WORKDIR " + detail::shlex_quote(runtime.work_dir));
            lines.push_back("RUN npm install " + packages);
            break;
        case package_manager::apt:
            lines.push_back("RUN apt-get update && apt-get install -y " + packages);
            break;
        case package_manager::cargo:
            lines.push_back("RUN cargo install " + packages);
            break;
    }
}

}  // namespace

std::string runtime_dockerfile(const runtime_config& runtime)
{
    if (runtime.base_image.empty())
        throw error(errc::invalid_argument, "Runtime '" + runtime.name +
                                                "' has no base_image to build from; set base_image, or image "
                                                "for a ready-made image");
    validate_runtime(runtime);

    std::vector<std::string> lines;
    lines.push_back("FROM " + runtime.base_image);
    for (const auto& command : runtime.setup_commands)
        lines.push_back("RUN " + command);
    if (!runtime.packages.empty())
        add_install_lines(runtime, lines);
    for (const auto& [key, value] : runtime.env_vars)
        lines.push_back("ENV " + key + "=" + detail::shlex_quote(value));
    lines.push_back("WORKDIR " + detail::shlex_quote(runtime.work_dir));

    std::string dockerfile;
    for (const auto& line : lines)
        (dockerfile += dockerfile.empty() ? "" : "\n") += line;
    return dockerfile;
}

}  // namespace agent_backends
