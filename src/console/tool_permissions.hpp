// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_CONSOLE_TOOL_PERMISSIONS_HPP
#define AGENT_BACKENDS_SRC_CONSOLE_TOOL_PERMISSIONS_HPP

#include <agent_backends/permissions/permission_checker.hpp>
#include <agent_backends/task.hpp>

#include "console/tool_arguments.hpp"
#include "console/tool_catalog.hpp"

#include <string>

namespace agent_backends::detail {

/// What a call of `tool` is checked against: the `path` argument as given for the file and search tools
/// (`.` when a search or listing has none), the command for `execute`.
std::string permission_target(const tool_spec& tool, const tool_arguments& args);

/// Completes when `rules` let `tool` run with `args`. An `ask` decision asks `ask`; without one,
/// `fallback` decides. Throws \ref permission_error for a denial or an unanswered ask; whatever the
/// callback throws (cancellation included) propagates. `rules` must outlive the task.
/// Checks a call against the rules before it runs; an `ask` asks `ask`, else the checker's own callback
/// (the toolset's `ask_callback`), else its fallback. Not a coroutine: the target is taken at call time.
task<void> authorize(const permission_checker& rules, const tool_spec& tool, const tool_arguments& args,
                     permission_ask_callback ask);

}  // namespace agent_backends::detail

#endif
