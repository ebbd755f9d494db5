// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/permissions/permission_ruleset.hpp>

namespace agent_backends {

std::optional<operation_permissions>& permission_ruleset::slot(permission_operation op) noexcept
{
    switch (op)
    {
        case permission_operation::read:
            return read;
        case permission_operation::write:
            return write;
        case permission_operation::edit:
            return edit;
        case permission_operation::execute:
            return execute;
        case permission_operation::glob:
            return glob;
        case permission_operation::grep:
            return grep;
        case permission_operation::ls:
            return ls;
    }
    return read;
}

const std::optional<operation_permissions>& permission_ruleset::slot(permission_operation op) const noexcept
{
    return const_cast<permission_ruleset&>(*this).slot(op);
}

operation_permissions permission_ruleset::permissions_for(permission_operation op) const
{
    if (const auto& entry = slot(op))
        return *entry;
    return operation_permissions{.default_action = default_action, .rules = {}};
}

}  // namespace agent_backends
