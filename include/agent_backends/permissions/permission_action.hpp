// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_PERMISSIONS_PERMISSION_ACTION_HPP
#define AGENT_BACKENDS_PERMISSIONS_PERMISSION_ACTION_HPP

#include <optional>
#include <string_view>

namespace agent_backends {

/// \brief What a permission rule decides for a matching target.
enum class permission_action
{
    allow,  ///< The operation runs.
    deny,   ///< The operation is refused.
    ask,    ///< Someone (a callback, usually a person) must approve the operation first.
};

/// \brief The lower-case name of an action: `"allow"`, `"deny"` or `"ask"`.
std::string_view to_string(permission_action action) noexcept;

/// \brief The action named `name` (exact, lower-case), or `std::nullopt` for any other text.
std::optional<permission_action> parse_permission_action(std::string_view name) noexcept;

}  // namespace agent_backends

#endif
