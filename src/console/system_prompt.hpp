// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_CONSOLE_SYSTEM_PROMPT_HPP
#define AGENT_BACKENDS_SRC_CONSOLE_SYSTEM_PROMPT_HPP

#include <agent_backends/console/console_options.hpp>
#include <agent_backends/console/tool_definition.hpp>

#include <string>
#include <vector>

namespace agent_backends::detail {

/// `## Console Tools` (or `## Console Tools — Hashline Edit Mode`) and a paragraph naming the tools.
std::string console_system_prompt(edit_format format, const std::vector<tool_definition>& tools);

}  // namespace agent_backends::detail

#endif
