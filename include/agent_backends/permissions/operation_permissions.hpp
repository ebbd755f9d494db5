// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_PERMISSIONS_OPERATION_PERMISSIONS_HPP
#define AGENT_BACKENDS_PERMISSIONS_OPERATION_PERMISSIONS_HPP

#include <agent_backends/permissions/permission_action.hpp>
#include <agent_backends/permissions/permission_rule.hpp>

#include <vector>

namespace agent_backends {

/// \brief The rules of one operation and its decision when none of them matches.
/// \details Rules are tried in order; the first whose pattern matches the target decides.
struct operation_permissions
{
    permission_action default_action{permission_action::ask};  ///< Decision when no rule matches.
    std::vector<permission_rule> rules{};                      ///< Tried in order, first match wins.

    bool operator==(const operation_permissions&) const = default;
};

}  // namespace agent_backends

#endif
