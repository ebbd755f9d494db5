// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/mcp/mcp_server.hpp>

#include "mcp/server_state.hpp"
#include "mcp/tool_listing.hpp"

#include <utility>

namespace agent_backends {

struct mcp_server::impl : detail::mcp_server_state
{};

mcp_server::mcp_server(console_toolset tools, mcp_server_options opts)
{
    auto state = std::make_shared<impl>(impl{{.tools = std::move(tools), .options = std::move(opts)}});
    state->version =
        state->options.version.empty() ? std::string(AGENT_BACKENDS_VERSION) : state->options.version;
    state->instructions =
        state->options.instructions ? *state->options.instructions : state->tools.system_prompt();
    state->tools_list = detail::tools_list_result(state->tools.definitions());
    impl_ = std::move(state);
}

std::shared_ptr<mcp_session> mcp_server::make_session() const
{
    return detail::make_server_session(impl_);
}

const console_toolset& mcp_server::tools() const noexcept
{
    return impl_->tools;
}

const mcp_server_options& mcp_server::options() const noexcept
{
    return impl_->options;
}

}  // namespace agent_backends
