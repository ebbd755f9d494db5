// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_CONSOLE_TOOL_HANDLERS_HPP
#define AGENT_BACKENDS_SRC_CONSOLE_TOOL_HANDLERS_HPP

#include "console/tool_arguments.hpp"
#include "console/tool_catalog.hpp"

#include <agent_backends/backend.hpp>
#include <agent_backends/console/console_options.hpp>
#include <agent_backends/console/tool_definition.hpp>
#include <agent_backends/console/tool_result.hpp>
#include <agent_backends/permissions/permission_checker.hpp>

#include <memory>
#include <optional>
#include <vector>

namespace agent_backends::detail {

/// Everything a console call reads; shared by a toolset and the calls it has started.
struct console_state
{
    std::shared_ptr<backend> workspace;
    console_options options;
    std::vector<tool_spec> specs;
    std::vector<tool_definition> definitions;
    std::optional<permission_checker> rules;  ///< From `options.permissions`, `ask_callback`, `ask_fallback`.
};

/// Runs one checked call. Backend errors are thrown (the caller turns them into tool errors).
task<tool_result> run_tool(const console_state& state, const tool_spec& tool, const tool_arguments& args);

}  // namespace agent_backends::detail

#endif
