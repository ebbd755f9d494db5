// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_PERMISSIONS_PERMISSION_GUARDED_COMMAND_HPP
#define AGENT_BACKENDS_SRC_PERMISSIONS_PERMISSION_GUARDED_COMMAND_HPP

#include <agent_backends/permissions/permission_checker.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::detail {

/// The words of a shell command that look like paths: split at blanks and shell operators (`;`, `|`,
/// `&`, `<`, `>`, parentheses, backquotes), quotes removed, the value of `name=value` words included;
/// kept when it starts with `/`, `.` (`./x`, `../x`, `.env`) or `~`, or contains `/`. A lexical scan, not
/// a shell parser.
std::vector<std::string> path_words(std::string_view command);

/// `path` without `.`, `..` and repeated slashes, `..` stopping at the root (`/a/../../b` -> `/b`);
/// relative paths are resolved against `base` first, `~` and `~/...` against `home` (when not empty).
std::string resolve_command_path(std::string_view path, std::string_view base, std::string_view home);

/// Throws \ref permission_error when a path word of `command`, as written or resolved, is denied for
/// `read` or `write` (`read` is reported when both are).
void refuse_protected_paths(const permission_checker& rules, std::string_view command,
                            std::string_view working_dir);

}  // namespace agent_backends::detail

#endif
