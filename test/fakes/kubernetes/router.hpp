// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_KUBERNETES_ROUTER_HPP
#define AGENT_BACKENDS_TEST_FAKES_KUBERNETES_ROUTER_HPP

#include <agent_backends/task.hpp>

#include "fakes/kubernetes/exchange.hpp"

#include <memory>

namespace agent_backends::test::kubernetes_fake {

/// Answers one request: logs it, checks the bearer token, acts out an armed fault or routes it, and writes
/// the answer. Returns whether the connection may carry another request.
task<bool> answer(std::shared_ptr<server_context> ctx, std::shared_ptr<connection> conn,
                  http_request_message request);

}  // namespace agent_backends::test::kubernetes_fake

#endif
