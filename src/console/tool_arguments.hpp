// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_CONSOLE_TOOL_ARGUMENTS_HPP
#define AGENT_BACKENDS_SRC_CONSOLE_TOOL_ARGUMENTS_HPP

#include "console/tool_catalog.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// The arguments of one call, checked against its tool's parameters, defaults filled in.
class tool_arguments
{
public:
    /// Parses and checks `json` (an object; empty text means `{}`).
    /// Throws `error(invalid_argument)`: invalid JSON, not an object, unknown names (listing the accepted
    /// ones), a missing required argument (named), a value of the wrong type, outside `choices` or below
    /// `minimum`. Integers may be given as numeric strings, booleans as "true"/"false".
    tool_arguments(const tool_spec& tool, std::string_view json);

    const std::string& string(std::string_view name) const;
    std::optional<std::string> optional_string(std::string_view name) const;
    std::int64_t integer(std::string_view name) const;
    std::optional<std::int64_t> optional_integer(std::string_view name) const;
    bool boolean(std::string_view name) const;

private:
    const argument_value& at(std::string_view name) const;

    std::map<std::string, argument_value, std::less<>> values_;
};

}  // namespace agent_backends::detail

#endif
