// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/daytona/server_context.hpp"

#include <mutex>

namespace agent_backends::test::daytona_fake {

void server_context::on_close_all()
{
    std::lock_guard lock(state->mutex);
    state->stopping = true;
    for (auto& [id, sandbox] : state->sandboxes)
        server_state::kill_processes(sandbox);
}

}  // namespace agent_backends::test::daytona_fake
