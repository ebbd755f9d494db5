// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_DOCKER_CONTAINER_EXEC_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_DOCKER_CONTAINER_EXEC_HPP

// Processes in a Docker container: exec create, attached start (the multiplexed stream), exec inspect for
// the exit code.

#include <agent_backends/sandboxes/docker_engine.hpp>

#include "sandboxes/container_exec.hpp"

#include <memory>
#include <string>

namespace agent_backends::detail {

class docker_container_exec final : public container_exec
{
public:
    docker_container_exec(std::shared_ptr<docker_engine> engine, std::string container_id);

    task<std::unique_ptr<container_process>> start(process_spec spec) override;
    const std::string& target() const noexcept override { return container_id_; }

private:
    std::shared_ptr<docker_engine> engine_;
    std::string container_id_;
};

}  // namespace agent_backends::detail

#endif
