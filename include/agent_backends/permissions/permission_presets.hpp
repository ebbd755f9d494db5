// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_PERMISSIONS_PERMISSION_PRESETS_HPP
#define AGENT_BACKENDS_PERMISSIONS_PERMISSION_PRESETS_HPP

#include <agent_backends/permissions/permission_action.hpp>
#include <agent_backends/permissions/permission_ruleset.hpp>

#include <array>
#include <string_view>

namespace agent_backends {

/// \brief Paths that usually hold credentials: env files, keys, certificates, cloud and SSH config.
inline constexpr std::array<std::string_view, 12> secrets_patterns{
    "**/.env",     "**/.env.*",   "**/*.pem",      "**/*.key",   "**/*.crt",   "**/credentials*",
    "**/secrets*", "**/*secret*", "**/*password*", "**/.aws/**", "**/.ssh/**", "**/.gnupg/**",
};

/// \brief Operating-system directories.
inline constexpr std::array<std::string_view, 8> system_patterns{
    "/etc/**", "/var/**", "/usr/**", "/bin/**", "/sbin/**", "/boot/**", "/sys/**", "/proc/**",
};

/// \brief Commands that destroy a system: wiping `/`, a fork bomb, overwriting or formatting disks.
inline constexpr std::array<std::string_view, 7> dangerous_commands{
    "rm -rf /*", "rm -rf /", ":(){:|:&};:", "dd if=*of=/dev/*", "mkfs*", "> /dev/sda", "chmod -R 777 /",
};

/// \brief Description of the rules built from \ref secrets_patterns.
inline constexpr std::string_view secrets_description = "Protect sensitive files";

/// \brief Description of the rules built from \ref secrets_patterns and \ref system_patterns together.
inline constexpr std::string_view secrets_and_system_description = "Protect sensitive and system files";

/// \brief Description of the rules built from \ref dangerous_commands.
inline constexpr std::string_view dangerous_commands_description = "Block dangerous commands";

/// \brief Reads allowed, writes, edits and commands need approval; secrets and dangerous commands denied.
/// \details Default ask; read allow, write ask, edit ask, each denying \ref secrets_patterns; execute ask,
/// denying \ref dangerous_commands; glob, grep and ls allow.
permission_ruleset default_ruleset();

/// \brief Everything allowed except secrets, writes to system directories and dangerous commands.
/// \details Default allow; read allow denying secrets; write and edit allow denying secrets and
/// \ref system_patterns; execute allow denying dangerous commands; glob, grep and ls allow.
permission_ruleset permissive_ruleset();

/// \brief Reading and searching only; secrets stay hidden.
/// \details Default deny; read allow denying secrets; write, edit and execute deny; glob, grep, ls allow.
permission_ruleset readonly_ruleset();

/// \brief Every operation needs approval; secrets and dangerous commands denied outright.
/// \details Default ask; read, write, edit ask denying secrets; execute ask denying dangerous commands;
/// glob, grep and ls ask.
permission_ruleset strict_ruleset();

/// \brief Flags of \ref create_ruleset.
struct ruleset_options
{
    permission_action default_action{permission_action::ask};  ///< The ruleset's own default.
    bool allow_read{true};                                     ///< read: allow when set, ask otherwise.
    bool allow_write{false};                                   ///< write: allow when set, ask otherwise.
    bool allow_edit{false};                                    ///< edit: allow when set, ask otherwise.
    bool allow_execute{false};                                 ///< execute: allow when set, ask otherwise.
    bool allow_glob{true};                                     ///< glob: allow when set, ask otherwise.
    bool allow_grep{true};                                     ///< grep: allow when set, ask otherwise.
    bool allow_ls{true};                                       ///< ls: allow when set, ask otherwise.
    bool deny_secrets{true};  ///< Deny \ref secrets_patterns for read, write and edit.
};

/// \brief A ruleset with all seven operations set from `opts`.
/// \details Each operation's default is allow when its flag is set, ask otherwise. read, write and edit
/// carry the secret deny rules when `deny_secrets`; execute, glob, grep and ls have no rules.
permission_ruleset create_ruleset(ruleset_options opts = {});

}  // namespace agent_backends

#endif
