// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_PERMISSIONS_PERMISSION_RULE_HPP
#define AGENT_BACKENDS_PERMISSIONS_PERMISSION_RULE_HPP

#include <agent_backends/permissions/permission_action.hpp>

#include <string>

namespace agent_backends {

/// \brief One rule: targets matching `pattern` get `action`.
/// \details `pattern` uses the syntax of \ref permission_pattern and is matched against the whole target
/// (a path, or a command string for `execute`).
struct permission_rule
{
    std::string pattern{};                             ///< Glob matched against the whole target.
    permission_action action{permission_action::ask};  ///< The decision for a matching target.
    std::string description{};  ///< Why the rule exists; appended to the denial message when not empty.

    bool operator==(const permission_rule&) const = default;
};

}  // namespace agent_backends

#endif
