// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "console/tool_permissions.hpp"

#include <agent_backends/permissions/permission_error.hpp>

#include <optional>
#include <stdexcept>
#include <utility>

namespace agent_backends::detail {
namespace {

task<void> ask_for(permission_operation op, std::string target, permission_ask_callback ask,
                   ask_fallback fallback)
{
    if (!ask)
    {
        if (fallback == ask_fallback::deny)
            throw permission_error::denied(op, std::move(target));
        throw permission_error::approval_required(op, std::move(target), {});
    }
    if (!co_await ask(op, target, {}))
        throw permission_error::denied(op, std::move(target));
}

task<void> refuse(permission_error e)
{
    throw std::move(e);
    co_return;
}

task<void> proceed()
{
    co_return;
}

}  // namespace

std::string permission_target(const tool_spec& tool, const tool_arguments& args)
{
    if (tool.operation == "execute")
        return args.string("command");
    return args.optional_string("path").value_or(".");
}

// Not a coroutine: the decision is taken and the target copied at call time.
task<void> authorize(const permission_checker& rules, const tool_spec& tool, const tool_arguments& args,
                     permission_ask_callback ask, ask_fallback fallback)
{
    auto op = parse_permission_operation(tool.operation);
    if (!op)
        throw std::logic_error("console tool with an unknown operation: " + tool.operation);
    std::string target = permission_target(tool, args);
    const permission_rule* rule = rules.find_matching_rule(*op, target);
    switch (rule ? rule->action : rules.check_sync(*op, target))
    {
        case permission_action::allow:
            return proceed();
        case permission_action::deny:
            return refuse(permission_error::denied(
                *op, std::move(target), rule ? std::optional<permission_rule>(*rule) : std::nullopt));
        case permission_action::ask:
            break;
    }
    return ask_for(*op, std::move(target), std::move(ask), fallback);
}

}  // namespace agent_backends::detail
