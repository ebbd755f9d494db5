// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_DOCKER_SERVER_CONTEXT_HPP
#define AGENT_BACKENDS_TEST_FAKES_DOCKER_SERVER_CONTEXT_HPP

// What every serving coroutine shares: the engine state and the registry that lets the engine stop at
// once. The executor is a strand: every serving coroutine runs on it.
#include "fakes/common/server_registry.hpp"
#include "fakes/docker/connection.hpp"
#include "fakes/docker/engine_state.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <memory>

namespace agent_backends::test::docker_fake {

class server_context final : public server_registry
{
public:
    server_context(boost::asio::any_io_executor strand, std::shared_ptr<engine_state> state)
        : server_registry(std::move(strand)), state(std::move(state))
    {}

    const std::shared_ptr<engine_state> state;

private:
    /// Kills every container's processes.
    void on_close_all() override;
};

}  // namespace agent_backends::test::docker_fake

#endif
