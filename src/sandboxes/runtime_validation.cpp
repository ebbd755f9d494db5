// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/runtime_config.hpp>

#include "sandboxes/runtime_quoting.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace agent_backends {
namespace {

bool is_alnum(char c) noexcept
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// ^[A-Za-z0-9@][A-Za-z0-9._@/+=<>~!\[\]-]*$ : pip names with extras and version specifiers, npm scopes,
// apt and cargo names; no whitespace, quotes or shell control characters.
bool is_package_name(std::string_view name) noexcept
{
    if (name.empty() || !(is_alnum(name.front()) || name.front() == '@'))
        return false;
    constexpr std::string_view extra = "._@/+=<>~![]-";
    return std::all_of(name.begin() + 1, name.end(),
                       [&](char c) { return is_alnum(c) || extra.find(c) != std::string_view::npos; });
}

// ^[A-Za-z_][A-Za-z0-9_]*$
bool is_env_name(std::string_view key) noexcept
{
    if (key.empty() || !(is_alnum(key.front()) || key.front() == '_') ||
        (key.front() >= '0' && key.front() <= '9'))
        return false;
    return std::all_of(key.begin(), key.end(), [](char c) { return is_alnum(c) || c == '_'; });
}

bool has_newline(std::string_view text) noexcept
{
    return text.find_first_of("\n\r") != std::string_view::npos;
}

[[noreturn]] void reject(std::string message)
{
    throw error(errc::invalid_argument, std::move(message));
}

void check_work_dir(std::string_view work_dir)
{
    constexpr std::string_view metacharacters = ";&|`$()<>\n\r";
    std::vector<std::string> found;
    for (char c : metacharacters)
        if (work_dir.find(c) != std::string_view::npos)
            found.push_back(detail::python_repr(std::string_view(&c, 1)));
    if (found.empty())
        return;
    // Sorted as the quoted forms sort, so '\n' comes after '>' and before '`'.
    std::sort(found.begin(), found.end());
    std::string listed;
    for (const auto& f : found)
        listed += (listed.empty() ? "" : ", ") + f;
    reject("work_dir contains disallowed shell metacharacters: " + listed);
}

}  // namespace

// Checked in the order the Dockerfile is written, so the first problem reported is the first one met.
void validate_runtime(const runtime_config& runtime)
{
    if (has_newline(runtime.base_image))
        reject("base_image contains a newline");
    for (const auto& command : runtime.setup_commands)
        if (has_newline(command))
            reject("setup command contains a newline");
    for (const auto& package : runtime.packages)
        if (!is_package_name(package))
            reject("Invalid package name: " + detail::python_repr(package));
    for (const auto& [key, value] : runtime.env_vars)
    {
        if (!is_env_name(key))
            reject("Invalid environment variable name: " + detail::python_repr(key));
        if (has_newline(value))
            reject("Environment variable " + detail::python_repr(key) + " value contains a newline");
    }
    check_work_dir(runtime.work_dir);
}

}  // namespace agent_backends
