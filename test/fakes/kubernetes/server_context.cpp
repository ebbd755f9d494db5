// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/kubernetes/server_context.hpp"

#include <mutex>

namespace agent_backends::test::kubernetes_fake {

void server_context::on_close_all()
{
    std::lock_guard lock(state->mutex);
    state->kill_all();
}

}  // namespace agent_backends::test::kubernetes_fake
