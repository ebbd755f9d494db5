// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/permissions/permission_checker.hpp>
#include <agent_backends/permissions/permission_error.hpp>

#include <optional>
#include <utility>

namespace agent_backends {
namespace {

std::size_t index_of(permission_operation op)
{
    return static_cast<std::size_t>(op);
}

// Throwing inside a coroutine body surfaces the error when the task is awaited, like every other failure.
task<void> fail(permission_error e)
{
    throw std::move(e);
    co_return;
}

task<void> succeed()
{
    co_return;
}

}  // namespace

permission_checker::permission_checker(permission_ruleset ruleset, permission_ask_callback ask_callback,
                                       ask_fallback fallback)
    : ruleset_(std::move(ruleset)), ask_callback_(std::move(ask_callback)), fallback_(fallback)
{
    for (auto op : all_permission_operations)
    {
        operation_permissions source = ruleset_.permissions_for(op);
        compiled_operation& compiled = operations_[index_of(op)];
        compiled.default_action = source.default_action;
        compiled.rules.reserve(source.rules.size());
        for (auto& rule : source.rules)
        {
            permission_pattern pattern(rule.pattern);
            compiled.rules.push_back({std::move(rule), std::move(pattern)});
        }
    }
}

const permission_rule* permission_checker::find_matching_rule(permission_operation op,
                                                              std::string_view target) const
{
    for (const auto& compiled : operations_[index_of(op)].rules)
    {
        if (compiled.pattern.matches(target))
            return &compiled.rule;
    }
    return nullptr;
}

permission_action permission_checker::check_sync(permission_operation op, std::string_view target) const
{
    if (const permission_rule* rule = find_matching_rule(op, target))
        return rule->action;
    return operations_[index_of(op)].default_action;
}

bool permission_checker::is_allowed(permission_operation op, std::string_view target) const
{
    return check_sync(op, target) == permission_action::allow;
}

bool permission_checker::is_denied(permission_operation op, std::string_view target) const
{
    return check_sync(op, target) == permission_action::deny;
}

bool permission_checker::requires_approval(permission_operation op, std::string_view target) const
{
    return check_sync(op, target) == permission_action::ask;
}

// Not a coroutine: the decision and the copies of the views are made at call time, so the returned task
// owns everything it needs besides the checker.
task<void> permission_checker::check(permission_operation op, std::string_view target,
                                     std::string_view reason) const
{
    return check(op, target, reason, {});
}

task<void> permission_checker::check(permission_operation op, std::string_view target, std::string_view reason,
                                     permission_ask_callback ask_override) const
{
    const permission_rule* rule = find_matching_rule(op, target);
    const permission_action action = rule ? rule->action : operations_[index_of(op)].default_action;
    switch (action)
    {
        case permission_action::allow:
            return succeed();
        case permission_action::deny:
            return fail(permission_error::denied(
                op, std::string(target), rule ? std::optional<permission_rule>(*rule) : std::nullopt));
        case permission_action::ask:
            break;
    }
    return ask(op, std::string(target), std::string(reason),
               ask_override ? std::move(ask_override) : ask_callback_);
}

task<void> permission_checker::ask(permission_operation op, std::string target, std::string reason,
                                   permission_ask_callback callback) const
{
    if (!callback)
    {
        if (fallback_ == ask_fallback::deny)
            throw permission_error::denied(op, std::move(target));
        throw permission_error::approval_required(op, std::move(target), std::move(reason));
    }
    if (!co_await callback(op, target, reason))
        throw permission_error::denied(op, std::move(target));
}

}  // namespace agent_backends
