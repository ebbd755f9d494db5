// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/daytona/server_context.hpp"

namespace agent_backends::test::daytona_fake {

server_context::connection_scope::connection_scope(server_context& ctx, connection& c) : ctx_(ctx), c_(c)
{
    ctx_.connections_.insert(&c_);
    ++ctx_.open_connections_;
}

server_context::connection_scope::~connection_scope()
{
    ctx_.connections_.erase(&c_);
    --ctx_.open_connections_;
}

void server_context::close_all()
{
    stopping_ = true;
    if (close_listener)
        close_listener();
    for (auto* c : connections_)
        c->close();
    std::lock_guard lock(state->mutex);
    state->stopping = true;
    for (auto& [id, sandbox] : state->sandboxes)
        server_state::kill_processes(sandbox);
}

}  // namespace agent_backends::test::daytona_fake
