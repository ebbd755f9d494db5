// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_PERMISSIONS_PERMISSION_CHECKER_HPP
#define AGENT_BACKENDS_PERMISSIONS_PERMISSION_CHECKER_HPP

#include <agent_backends/permissions/permission_action.hpp>
#include <agent_backends/permissions/permission_operation.hpp>
#include <agent_backends/permissions/permission_pattern.hpp>
#include <agent_backends/permissions/permission_rule.hpp>
#include <agent_backends/permissions/permission_ruleset.hpp>
#include <agent_backends/task.hpp>

#include <array>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends {

/// \brief Asked when a rule says \ref permission_action::ask: `co_return true` approves the operation.
/// \details Arguments: the operation, the target (path or command) and the reason given to
/// \ref permission_checker::check (may be empty). The views are valid until the first suspension only.
using permission_ask_callback =
    std::function<task<bool>(permission_operation op, std::string_view target, std::string_view reason)>;

/// \brief What \ref permission_checker::check does with an `ask` decision when it has no callback.
enum class ask_fallback
{
    error,  ///< Throw a \ref permission_error whose `requires_approval()` is true.
    deny,   ///< Throw a plain denial.
};

/// \brief Decides whether an operation on a target may run, from a \ref permission_ruleset.
/// \details Patterns are compiled once, at construction. For an operation, its rules are tried in order and
/// the first whose pattern matches the whole target decides; when none matches, the operation's default
/// decides (the ruleset's default when the operation is unset).
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: the synchronous queries are safe (const); \ref check is as safe
/// as the callback it calls.
class permission_checker
{
public:
    /// \brief Compiles the patterns of `ruleset`; malformed patterns are kept but match nothing.
    explicit permission_checker(permission_ruleset ruleset, permission_ask_callback ask_callback = {},
                                ask_fallback fallback = ask_fallback::error);

    /// \brief The decision for `op` on `target`; never calls the callback.
    permission_action check_sync(permission_operation op, std::string_view target) const;

    /// \brief The first rule of `op` matching `target`, or `nullptr` (the default then decides).
    const permission_rule* find_matching_rule(permission_operation op, std::string_view target) const;

    /// \brief `check_sync(op, target) == permission_action::allow`.
    bool is_allowed(permission_operation op, std::string_view target) const;

    /// \brief `check_sync(op, target) == permission_action::deny`.
    bool is_denied(permission_operation op, std::string_view target) const;

    /// \brief `check_sync(op, target) == permission_action::ask`.
    bool requires_approval(permission_operation op, std::string_view target) const;

    /// \brief Completes when `op` on `target` may run; asks the callback for `ask` decisions.
    /// \details `target` and `reason` are copied before the task starts, so temporaries are fine.
    /// The checker must outlive the returned task.
    /// \par Errors
    /// \ref permission_error (`errc::permission_denied`): denied by a rule or default, refused by the
    /// callback, or `ask` without a callback (`requires_approval()` true with \ref ask_fallback::error).
    /// Whatever the callback throws propagates unchanged.
    /// \par Cancellation
    /// Only the callback suspends; cancellation reaches it and its `operation_aborted` propagates.
    task<void> check(permission_operation op, std::string_view target, std::string_view reason = {}) const;

    /// \brief As \ref check, but an `ask` decision asks `ask_override` instead of the checker's own callback
    /// (when `ask_override` is empty, the checker's own callback, then its fallback, decide as usual).
    /// \details For a host that asks a different person per call, e.g. the client of one MCP request.
    task<void> check(permission_operation op, std::string_view target, std::string_view reason,
                     permission_ask_callback ask_override) const;

    /// \brief The ruleset the checker was built from.
    const permission_ruleset& ruleset() const noexcept { return ruleset_; }

private:
    struct compiled_rule
    {
        permission_rule rule;
        permission_pattern pattern;
    };
    struct compiled_operation
    {
        permission_action default_action{permission_action::ask};
        std::vector<compiled_rule> rules;
    };

    task<void> ask(permission_operation op, std::string target, std::string reason,
                   permission_ask_callback callback) const;

    permission_ruleset ruleset_;
    permission_ask_callback ask_callback_;
    ask_fallback fallback_;
    std::array<compiled_operation, all_permission_operations.size()> operations_;
};

}  // namespace agent_backends

#endif
