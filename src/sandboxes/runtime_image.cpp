// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/docker_engine.hpp>
#include <agent_backends/sandboxes/runtime_config.hpp>

#include "sandboxes/tar_archive.hpp"

#include <string>
#include <utility>

namespace agent_backends {
namespace {

// Owns its copies of the configuration and the callback: the caller's may be gone when this runs.
task<std::string> build_runtime_image(docker_engine& engine, runtime_config runtime,
                                      std::function<void(std::string_view)> on_output)
{
    // Validated before any request: a runtime that cannot be built fails without touching the engine.
    auto dockerfile = runtime_dockerfile(runtime);
    auto tag = runtime_image_tag(runtime);
    if (runtime.cache_image && co_await engine.image_exists(tag))
        co_return tag;
    // The context holds the Dockerfile alone: everything the build needs is written into it.
    auto context = detail::make_tar({{.name = "Dockerfile", .content = std::move(dockerfile)}});
    co_await engine.build_image(tag, std::move(context), std::move(on_output));
    co_return tag;
}

task<std::string> ready_image(std::string image)
{
    co_return image;
}

}  // namespace

task<std::string> ensure_runtime_image(docker_engine& engine, const runtime_config& runtime,
                                       std::function<void(std::string_view)> on_output)
{
    if (!runtime.image.empty())
        return ready_image(runtime.image);
    return build_runtime_image(engine, runtime, std::move(on_output));
}

}  // namespace agent_backends
