// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/docker/server_context.hpp"

#include <mutex>

#include <signal.h>

namespace agent_backends::test::docker_fake {

void server_context::on_close_all()
{
    std::lock_guard lock(state->mutex);
    for (auto& [id, c] : state->containers)
        if (c.group)
            c.group->signal(SIGKILL);
}

}  // namespace agent_backends::test::docker_fake
