// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/permissions/permission_presets.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace agent_backends {
namespace {

using enum permission_action;

template <class Patterns>
void append_denials(std::vector<permission_rule>& rules, const Patterns& patterns,
                    std::string_view description)
{
    for (auto pattern : patterns)
        rules.push_back({std::string(pattern), deny, std::string(description)});
}

operation_permissions just(permission_action action)
{
    return {.default_action = action, .rules = {}};
}

operation_permissions denying_secrets(permission_action action)
{
    operation_permissions p = just(action);
    append_denials(p.rules, secrets_patterns, secrets_description);
    return p;
}

operation_permissions denying_secrets_and_system(permission_action action)
{
    operation_permissions p = just(action);
    append_denials(p.rules, secrets_patterns, secrets_and_system_description);
    append_denials(p.rules, system_patterns, secrets_and_system_description);
    return p;
}

operation_permissions denying_dangerous_commands(permission_action action)
{
    operation_permissions p = just(action);
    append_denials(p.rules, dangerous_commands, dangerous_commands_description);
    return p;
}

}  // namespace

permission_ruleset default_ruleset()
{
    return {
        .default_action = ask,
        .read = denying_secrets(allow),
        .write = denying_secrets(ask),
        .edit = denying_secrets(ask),
        .execute = denying_dangerous_commands(ask),
        .glob = just(allow),
        .grep = just(allow),
        .ls = just(allow),
    };
}

permission_ruleset permissive_ruleset()
{
    return {
        .default_action = allow,
        .read = denying_secrets(allow),
        .write = denying_secrets_and_system(allow),
        .edit = denying_secrets_and_system(allow),
        .execute = denying_dangerous_commands(allow),
        .glob = just(allow),
        .grep = just(allow),
        .ls = just(allow),
    };
}

permission_ruleset readonly_ruleset()
{
    return {
        .default_action = deny,
        .read = denying_secrets(allow),
        .write = just(deny),
        .edit = just(deny),
        .execute = just(deny),
        .glob = just(allow),
        .grep = just(allow),
        .ls = just(allow),
    };
}

permission_ruleset strict_ruleset()
{
    return {
        .default_action = ask,
        .read = denying_secrets(ask),
        .write = denying_secrets(ask),
        .edit = denying_secrets(ask),
        .execute = denying_dangerous_commands(ask),
        .glob = just(ask),
        .grep = just(ask),
        .ls = just(ask),
    };
}

permission_ruleset create_ruleset(ruleset_options opts)
{
    auto file_op = [&](bool allowed) {
        return opts.deny_secrets ? denying_secrets(allowed ? allow : ask) : just(allowed ? allow : ask);
    };
    auto plain_op = [](bool allowed) { return just(allowed ? allow : ask); };
    return {
        .default_action = opts.default_action,
        .read = file_op(opts.allow_read),
        .write = file_op(opts.allow_write),
        .edit = file_op(opts.allow_edit),
        .execute = plain_op(opts.allow_execute),
        .glob = plain_op(opts.allow_glob),
        .grep = plain_op(opts.allow_grep),
        .ls = plain_op(opts.allow_ls),
    };
}

}  // namespace agent_backends
