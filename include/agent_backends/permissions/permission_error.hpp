// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_PERMISSIONS_PERMISSION_ERROR_HPP
#define AGENT_BACKENDS_PERMISSIONS_PERMISSION_ERROR_HPP

#include <agent_backends/error.hpp>
#include <agent_backends/permissions/permission_operation.hpp>
#include <agent_backends/permissions/permission_rule.hpp>

#include <optional>
#include <string>

namespace agent_backends {

/// \brief The \ref error a permission check throws; its \ref errc is always `permission_denied`.
/// \details Two cases, told apart by \ref requires_approval:
/// - denied (a deny rule or default, a refused approval, or no way to ask with fallback deny):
///   `"Permission denied for {op} on '{target}'"`, plus `": {description}"` when a rule with a
///   description decided;
/// - approval required but nobody to ask (fallback error):
///   `"Permission required for {op} on '{target}'"`, plus `": {reason}"` when a reason was given.
class permission_error : public error
{
public:
    /// \brief A denial, by `deciding_rule` when a rule decided.
    static permission_error denied(permission_operation op, std::string target,
                                   std::optional<permission_rule> deciding_rule = std::nullopt);

    /// \brief Approval was required and could not be asked for.
    static permission_error approval_required(permission_operation op, std::string target,
                                              std::string reason);

    /// \brief The operation that was checked.
    permission_operation operation() const noexcept { return op_; }

    /// \brief The path or command that was checked.
    const std::string& target() const noexcept { return target_; }

    /// \brief True for "approval required", false for "denied".
    bool requires_approval() const noexcept { return requires_approval_; }

    /// \brief The rule that denied, when one did.
    const std::optional<permission_rule>& rule() const noexcept { return rule_; }

    /// \brief The reason given with an approval request (may be empty).
    const std::string& reason() const noexcept { return reason_; }

private:
    permission_error(std::string message, permission_operation op, std::string target, bool requires_approval,
                     std::optional<permission_rule> rule, std::string reason);

    permission_operation op_;
    std::string target_;
    bool requires_approval_;
    std::optional<permission_rule> rule_;
    std::string reason_;
};

}  // namespace agent_backends

#endif
