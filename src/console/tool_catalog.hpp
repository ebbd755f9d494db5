// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_CONSOLE_TOOL_CATALOG_HPP
#define AGENT_BACKENDS_SRC_CONSOLE_TOOL_CATALOG_HPP

#include <agent_backends/console/console_options.hpp>
#include <agent_backends/permissions/permission_checker.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace agent_backends::detail {

/// A checked argument value; `monostate` is JSON null (an optional argument left unset).
using argument_value = std::variant<std::monostate, std::string, std::int64_t, bool>;

enum class parameter_type
{
    string,
    integer,
    boolean,
};

/// One argument of a console tool: the single source of its schema, its check and its help line.
struct parameter_spec
{
    std::string name;
    parameter_type type{parameter_type::string};
    std::string description;
    bool required{false};
    bool nullable{false};                   ///< null is a valid value (the default when unset).
    argument_value default_value{};         ///< Used when an optional argument is absent or null.
    std::vector<std::string> choices{};     ///< Allowed values of a string argument (empty: any).
    std::optional<std::int64_t> minimum{};  ///< Smallest allowed value of an integer argument.
};

/// One console tool as offered with the given options.
struct tool_spec
{
    std::string name;
    std::string operation;  ///< Permission operation: ls, read, write, edit, glob, grep, execute.
    std::string description;
    bool requires_approval{false};
    std::vector<parameter_spec> parameters;
    std::vector<std::string> examples{};  ///< Example argument objects, as JSON text.
};

/// The tools offered with `opts`, in their stable order, descriptions overridden as `opts` says.
/// With `rules` (built from `opts.permissions`), a tool whose operation is denied for every target
/// (`check_sync(op, "*")`) is left out, and approval follows the ruleset's write and execute defaults.
std::vector<tool_spec> console_tool_specs(const console_options& opts, const permission_checker* rules);

/// The tool's arguments as JSON Schema (draft 2020-12) text.
std::string input_schema_json(const tool_spec& tool);

}  // namespace agent_backends::detail

#endif
