// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "backends/composite_routes.hpp"

#include <agent_backends/detail/virtual_path.hpp>
#include <agent_backends/error.hpp>

#include <algorithm>
#include <utility>

namespace agent_backends::detail {

bool is_within(std::string_view path, std::string_view dir) noexcept
{
    if (dir == "/")
        return true;
    return path == dir || (path.starts_with(dir) && path.size() > dir.size() && path[dir.size()] == '/');
}

std::string restore_prefix(std::string_view prefix, std::string_view child_path)
{
    if (prefix.empty())
        return std::string(child_path);
    if (child_path == "/")
        return std::string(prefix);
    return std::string(prefix) + std::string(child_path);
}

composite_routes::composite_routes(std::shared_ptr<backend> fallback, std::vector<composite_route> routes)
    : fallback_(std::move(fallback))
{
    if (!fallback_)
        throw error(errc::invalid_argument, "composite_backend needs a fallback backend");
    for (auto& r : routes)
    {
        auto prefix = normalize_virtual_path(r.prefix);
        if (prefix == "/")
            throw error(errc::invalid_argument, "A route prefix cannot be the root: '" + r.prefix + "'");
        if (!r.target)
            throw error(errc::invalid_argument, "Route '" + r.prefix + "' has no backend");
        routes_.push_back({std::move(prefix), std::move(r.target)});
    }
    std::stable_sort(routes_.begin(), routes_.end(),
                     [](const mounted_route& a, const mounted_route& b) { return a.prefix.size() > b.prefix.size(); });
}

routed_path composite_routes::resolve(const std::string& normalized) const
{
    for (const auto& r : routes_)
        if (is_within(normalized, r.prefix))
            return {r.target.get(), normalized.size() == r.prefix.size() ? "/" : normalized.substr(r.prefix.size()),
                    r.prefix};
    return {fallback_.get(), normalized, {}};
}

std::vector<const mounted_route*> composite_routes::routes_below(std::string_view dir) const
{
    std::vector<const mounted_route*> below;
    for (const auto& r : routes_)
        if (r.prefix != dir && is_within(r.prefix, dir))
            below.push_back(&r);
    return below;
}

bool composite_routes::shadowed(std::string_view normalized, std::string_view owner_prefix) const
{
    for (const auto& r : routes_)
    {
        if (r.prefix.size() <= owner_prefix.size())
            break;  // longest first: the rest cannot be deeper than the owner
        if (is_within(normalized, r.prefix) && (owner_prefix.empty() || is_within(r.prefix, owner_prefix)))
            return true;
    }
    return false;
}

}  // namespace agent_backends::detail
