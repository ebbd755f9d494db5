// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_PERMISSIONS_PERMISSION_OPERATION_HPP
#define AGENT_BACKENDS_PERMISSIONS_PERMISSION_OPERATION_HPP

#include <array>
#include <optional>
#include <string_view>

namespace agent_backends {

/// \brief The kinds of workspace operation a permission rule can govern.
/// \details File operations are matched against a path, `execute` against the command string.
enum class permission_operation
{
    read,
    write,
    edit,
    execute,
    glob,
    grep,
    ls,
};

/// \brief Every operation, in declaration order.
inline constexpr std::array<permission_operation, 7> all_permission_operations{
    permission_operation::read,    permission_operation::write, permission_operation::edit,
    permission_operation::execute, permission_operation::glob,  permission_operation::grep,
    permission_operation::ls,
};

/// \brief The lower-case name of an operation: `"read"`, `"write"`, ..., `"ls"`.
std::string_view to_string(permission_operation op) noexcept;

/// \brief The operation named `name` (exact, lower-case), or `std::nullopt` for any other text.
std::optional<permission_operation> parse_permission_operation(std::string_view name) noexcept;

}  // namespace agent_backends

#endif
