// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_KUBERNETES_SERVER_CONTEXT_HPP
#define AGENT_BACKENDS_TEST_FAKES_KUBERNETES_SERVER_CONTEXT_HPP

// What every serving coroutine shares: the API state and the registry that lets the server stop at once
// (waiting watches included). Every serving coroutine runs on the server's one thread.
#include "fakes/common/server_registry.hpp"
#include "fakes/kubernetes/api_state.hpp"
#include "fakes/kubernetes/connection.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <memory>

namespace agent_backends::test::kubernetes_fake {

class server_context final : public server_registry
{
public:
    server_context(boost::asio::any_io_executor ex, std::shared_ptr<api_state> state)
        : server_registry(std::move(ex)), state(std::move(state))
    {}

    const std::shared_ptr<api_state> state;

private:
    /// Kills every pod's processes.
    void on_close_all() override;
};

}  // namespace agent_backends::test::kubernetes_fake

#endif
