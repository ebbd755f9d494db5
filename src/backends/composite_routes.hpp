// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_BACKENDS_COMPOSITE_ROUTES_HPP
#define AGENT_BACKENDS_SRC_BACKENDS_COMPOSITE_ROUTES_HPP

#include <agent_backends/backend.hpp>
#include <agent_backends/composite_backend.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::detail {

/// A normalised route: prefix `/a/b` (never `/`) and its child.
struct mounted_route
{
    std::string prefix;
    std::shared_ptr<backend> target;
};

/// Where a normalised path goes: the child, the path it sees there, and the prefix to restore.
struct routed_path
{
    backend* target{nullptr};
    std::string child_path;   ///< `/`-rooted path inside the child.
    std::string prefix;       ///< Empty for the fallback.
};

/// The routing table of a composite_backend: longest prefix first.
class composite_routes
{
public:
    composite_routes(std::shared_ptr<backend> fallback, std::vector<composite_route> routes);

    /// The owner of a normalised path.
    routed_path resolve(const std::string& normalized) const;

    /// Routes whose prefix lies strictly below the normalised directory `dir`.
    std::vector<const mounted_route*> routes_below(std::string_view dir) const;

    /// Whether a normalised path belongs to a route other than `owner_prefix` (shadowed by a deeper route).
    bool shadowed(std::string_view normalized, std::string_view owner_prefix) const;

private:
    std::shared_ptr<backend> fallback_;
    std::vector<mounted_route> routes_;  // longest prefix first
};

/// `prefix` + child path: (`/m`, `/a`) -> `/m/a`; (`/m`, `/`) -> `/m`; (``, `/a`) -> `/a`.
std::string restore_prefix(std::string_view prefix, std::string_view child_path);

/// Whether `path` equals `dir` or lies below it (both normalised).
bool is_within(std::string_view path, std::string_view dir) noexcept;

}  // namespace agent_backends::detail

#endif
