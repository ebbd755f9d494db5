// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/runtime_config.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace agent_backends {
namespace {

// Node tooling resolves node_modules from the working directory, so the Node runtimes work where they
// install.
constexpr const char* node_work_dir = "/app";

std::vector<runtime_config> make_builtins()
{
    std::vector<runtime_config> all;
    all.push_back({
        .name = "python-minimal",
        .description = "Python 3.12 with the standard library only",
        .image = "python:3.12-slim",
    });
    all.push_back({
        .name = "python-datascience",
        .description = "Python 3.12 with pandas, numpy, matplotlib, scikit-learn and seaborn",
        .base_image = "python:3.12-slim",
        .packages = {"pandas", "numpy", "matplotlib", "scikit-learn", "seaborn"},
    });
    all.push_back({
        .name = "python-web",
        .description = "Python 3.12 with FastAPI, Uvicorn, SQLAlchemy and httpx",
        .base_image = "python:3.12-slim",
        .packages = {"fastapi", "uvicorn", "sqlalchemy", "httpx"},
    });
    all.push_back({
        .name = "node-minimal",
        .description = "Node.js 20 without extra packages",
        .image = "node:20-slim",
        .work_dir = node_work_dir,
    });
    all.push_back({
        .name = "node-react",
        .description = "Node.js 20 with TypeScript, Vite and React",
        .base_image = "node:20-slim",
        .packages = {"typescript", "vite", "react", "react-dom", "@types/react"},
        .manager = package_manager::npm,
        .work_dir = node_work_dir,
    });
    return all;
}

}  // namespace

const std::vector<runtime_config>& builtin_runtimes()
{
    static const std::vector<runtime_config> all = make_builtins();
    return all;
}

runtime_config get_runtime(std::string_view name)
{
    const auto& all = builtin_runtimes();
    auto found =
        std::find_if(all.begin(), all.end(), [&](const runtime_config& r) { return r.name == name; });
    if (found != all.end())
        return *found;
    std::vector<std::string> names;
    for (const auto& r : all)
        names.push_back(r.name);
    std::sort(names.begin(), names.end());
    std::string available;
    for (const auto& n : names)
        available += (available.empty() ? "" : ", ") + n;
    throw error(errc::not_found, "Unknown runtime '" + std::string(name) + "'. Available: " + available);
}

}  // namespace agent_backends
