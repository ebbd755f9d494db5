// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/permissions/permission_error.hpp>

#include <utility>

namespace agent_backends {

permission_error permission_error::denied(permission_operation op, std::string target,
                                          std::optional<permission_rule> deciding_rule)
{
    std::string message = "Permission denied for ";
    message.append(to_string(op)).append(" on '").append(target).append("'");
    if (deciding_rule && !deciding_rule->description.empty())
        message.append(": ").append(deciding_rule->description);
    return permission_error(std::move(message), op, std::move(target), false, std::move(deciding_rule), {});
}

permission_error permission_error::approval_required(permission_operation op, std::string target,
                                                     std::string reason)
{
    std::string message = "Permission required for ";
    message.append(to_string(op)).append(" on '").append(target).append("'");
    if (!reason.empty())
        message.append(": ").append(reason);
    return permission_error(std::move(message), op, std::move(target), true, std::nullopt, std::move(reason));
}

permission_error::permission_error(std::string message, permission_operation op, std::string target,
                                   bool requires_approval, std::optional<permission_rule> rule,
                                   std::string reason)
    : error(errc::permission_denied, std::move(message)),
      op_(op),
      target_(std::move(target)),
      requires_approval_(requires_approval),
      rule_(std::move(rule)),
      reason_(std::move(reason))
{}

}  // namespace agent_backends
