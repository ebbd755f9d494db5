// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/permissions/permission_action.hpp>
#include <agent_backends/permissions/permission_operation.hpp>

namespace agent_backends {

std::string_view to_string(permission_action action) noexcept
{
    switch (action)
    {
        case permission_action::allow:
            return "allow";
        case permission_action::deny:
            return "deny";
        case permission_action::ask:
            return "ask";
    }
    return "ask";
}

std::optional<permission_action> parse_permission_action(std::string_view name) noexcept
{
    for (auto a : {permission_action::allow, permission_action::deny, permission_action::ask})
    {
        if (to_string(a) == name)
            return a;
    }
    return std::nullopt;
}

std::string_view to_string(permission_operation op) noexcept
{
    switch (op)
    {
        case permission_operation::read:
            return "read";
        case permission_operation::write:
            return "write";
        case permission_operation::edit:
            return "edit";
        case permission_operation::execute:
            return "execute";
        case permission_operation::glob:
            return "glob";
        case permission_operation::grep:
            return "grep";
        case permission_operation::ls:
            return "ls";
    }
    return "read";
}

std::optional<permission_operation> parse_permission_operation(std::string_view name) noexcept
{
    for (auto op : all_permission_operations)
    {
        if (to_string(op) == name)
            return op;
    }
    return std::nullopt;
}

}  // namespace agent_backends
