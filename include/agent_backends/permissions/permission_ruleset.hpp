// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_PERMISSIONS_PERMISSION_RULESET_HPP
#define AGENT_BACKENDS_PERMISSIONS_PERMISSION_RULESET_HPP

#include <agent_backends/permissions/operation_permissions.hpp>
#include <agent_backends/permissions/permission_action.hpp>
#include <agent_backends/permissions/permission_operation.hpp>

#include <optional>

namespace agent_backends {

/// \brief The permissions of every operation, with a decision for operations left unset.
/// \details A plain aggregate: build it with designated initialisers or start from a preset
/// (\ref default_ruleset, \ref create_ruleset, ...).
/// \code
/// permission_ruleset rs{.default_action = permission_action::deny,
///                       .read = operation_permissions{.default_action = permission_action::allow}};
/// \endcode
struct permission_ruleset
{
    permission_action default_action{permission_action::ask};  ///< Decision of every unset operation.
    std::optional<operation_permissions> read{};
    std::optional<operation_permissions> write{};
    std::optional<operation_permissions> edit{};
    std::optional<operation_permissions> execute{};
    std::optional<operation_permissions> glob{};
    std::optional<operation_permissions> grep{};
    std::optional<operation_permissions> ls{};

    /// \brief The entry of `op`, or (when unset) one with no rules whose default is `default_action`.
    operation_permissions permissions_for(permission_operation op) const;

    /// \brief The slot of `op`, set or not.
    std::optional<operation_permissions>& slot(permission_operation op) noexcept;

    /// \brief The slot of `op`, set or not.
    const std::optional<operation_permissions>& slot(permission_operation op) const noexcept;

    bool operator==(const permission_ruleset&) const = default;
};

}  // namespace agent_backends

#endif
