// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/detail/virtual_path.hpp>
#include <agent_backends/error.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace agent_backends::detail {

std::vector<std::string_view> split_path_components(std::string_view path)
{
    std::vector<std::string_view> parts;
    std::size_t pos = 0;
    while (pos <= path.size())
    {
        auto slash = path.find('/', pos);
        if (slash == std::string_view::npos)
            slash = path.size();
        if (slash > pos)
            parts.push_back(path.substr(pos, slash - pos));
        pos = slash + 1;
    }
    return parts;
}

namespace {

// Resolves `.` and `..` components; nullopt when `..` climbs above the root and `clamp_at_root` is off.
std::optional<std::string> collapse_dots(std::string_view path, bool clamp_at_root)
{
    std::vector<std::string_view> parts;
    for (auto part : split_path_components(path))
    {
        if (part == ".")
            continue;
        if (part == "..")
        {
            if (!parts.empty())
                parts.pop_back();
            else if (!clamp_at_root)
                return std::nullopt;
            continue;
        }
        parts.push_back(part);
    }
    if (parts.empty())
        return "/";
    std::string out;
    for (auto p : parts)
    {
        out += '/';
        out += p;
    }
    return out;
}

}  // namespace

std::string normalize_virtual_path(std::string_view path)
{
    if (path.find('\0') != std::string_view::npos)
        throw error(errc::invalid_argument, "Invalid path: contains a NUL byte");
    auto normal = collapse_dots(path, false);
    if (!normal)
        throw error(errc::escapes_root, "Access denied: '" + std::string(path) + "' is outside the workspace root");
    return std::move(*normal);
}

std::string lexically_normal_absolute(std::string_view path)
{
    return *collapse_dots(path, true);
}

std::string join_virtual(std::string_view normalized_dir, std::string_view relative)
{
    std::string out(normalized_dir);
    if (relative.empty())
        return out;
    if (out.empty() || out.back() != '/')
        out += '/';
    out += relative;
    return out;
}

std::string_view base_name(std::string_view normalized) noexcept
{
    if (normalized.size() <= 1)
        return normalized;
    return normalized.substr(normalized.rfind('/') + 1);
}

bool has_hidden_component(std::string_view normalized) noexcept
{
    return normalized.starts_with('.') || normalized.find("/.") != std::string_view::npos;
}

}  // namespace agent_backends::detail
