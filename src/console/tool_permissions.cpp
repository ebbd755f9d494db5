// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "console/tool_permissions.hpp"

#include <stdexcept>
#include <utility>

namespace agent_backends::detail {

std::string permission_target(const tool_spec& tool, const tool_arguments& args)
{
    if (tool.operation == "execute")
        return args.string("command");
    return args.optional_string("path").value_or(".");
}

task<void> authorize(const permission_checker& rules, const tool_spec& tool, const tool_arguments& args,
                     permission_ask_callback ask)
{
    auto op = parse_permission_operation(tool.operation);
    if (!op)
        throw std::logic_error("console tool with an unknown operation: " + tool.operation);
    return rules.check(*op, permission_target(tool, args), {}, std::move(ask));
}

}  // namespace agent_backends::detail
