// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/docker_engine.hpp>
#include <agent_backends/sandboxes/docker_sandbox.hpp>

#include "sandboxes/session_manager_state.hpp"

#include <filesystem>
#include <mutex>
#include <system_error>
#include <utility>

namespace agent_backends::detail {
namespace {

namespace fs = std::filesystem;

struct docker_factory_state
{
    boost::asio::any_io_executor executor;
    docker_sandbox_options base;
    std::chrono::seconds idle_timeout;
    fs::path workspace_root;

    std::mutex mutex;
    std::shared_ptr<docker_engine> engine;  ///< Made on first use, so a bad DOCKER_HOST fails get_or_create.

    std::shared_ptr<docker_engine> shared_engine()
    {
        std::lock_guard guard(mutex);
        if (!engine)
        {
            auto endpoint = base.docker_host ? *base.docker_host : docker_engine::endpoint_from_environment();
            engine = std::make_shared<docker_engine>(executor, std::move(endpoint), base.engine);
        }
        return engine;
    }
};

// The id becomes a directory name under the workspace root: one plain path component only.
void check_workspace_name(std::string_view id)
{
    const bool plain = !id.empty() && id != "." && id != ".." && id.find('/') == std::string_view::npos &&
                       id.find('\0') == std::string_view::npos;
    if (!plain)
        throw error(errc::invalid_argument,
                    "Session id '" + std::string(id) +
                        "' cannot name a workspace directory: use a non-empty id without "
                        "'/', and not '.' or '..'");
}

std::string session_workspace(const fs::path& root, std::string_view id)
{
    check_workspace_name(id);
    auto dir = root / std::string(id) / "workspace";
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (!ec)
        dir = fs::canonical(dir, ec);
    if (ec)
        throw error(errc::unavailable,
                    "Cannot create the session workspace " + dir.string() + ": " + ec.message());
    return dir.string();
}

}  // namespace

sandbox_factory make_default_sandbox_factory(boost::asio::any_io_executor ex,
                                             const session_manager_options& opts)
{
    auto shared = std::make_shared<docker_factory_state>();
    shared->executor = std::move(ex);
    shared->base = opts.docker;
    shared->idle_timeout = opts.default_idle_timeout;
    shared->workspace_root = opts.workspace_root;
    return [shared](std::string_view session_id,
                    const std::optional<runtime_config>& runtime) -> std::shared_ptr<sandbox> {
        auto options = shared->base;
        if (runtime)
            options.runtime = *runtime;
        options.sandbox_id = std::string(session_id);
        options.idle_timeout = shared->idle_timeout;
        if (!shared->workspace_root.empty())
            options.volumes[session_workspace(shared->workspace_root, session_id)] = "/workspace";
        return std::make_shared<docker_sandbox>(shared->shared_engine(), std::move(options));
    };
}

}  // namespace agent_backends::detail
