// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/composite_backend.hpp>
#include <agent_backends/detail/glob_pattern.hpp>
#include <agent_backends/detail/virtual_path.hpp>
#include <agent_backends/error.hpp>

#include "backends/composite_routes.hpp"
#include "backends/glob_below_prefix.hpp"
#include "core/gather.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

namespace agent_backends {
namespace {

using detail::composite_routes;
using detail::routed_path;

// A child names the path it was given; the caller must read the path it gave.
[[noreturn]] void rethrow_with_caller_path(const error& e, const routed_path& route, std::string_view caller_path)
{
    if (route.child_path == caller_path)
        throw;
    std::string message = e.message();
    const std::string child = "'" + route.child_path + "'";
    const std::string caller = "'" + std::string(caller_path) + "'";
    for (auto pos = message.find(child); pos != std::string::npos; pos = message.find(child, pos + caller.size()))
        message.replace(pos, child.size(), caller);
    throw error(e.condition(), std::move(message));
}

// Runs one routed operation, restoring the caller's path in error messages.
template <class T, class Op>
task<T> on_route(routed_path route, std::string caller_path, Op op)
{
    try
    {
        co_return co_await op(*route.target, route.child_path);
    }
    catch (const error& e)
    {
        rethrow_with_caller_path(e, route, caller_path);
    }
}

// A routed write or edit: the child names the path it wrote, which goes back to the caller with the prefix.
// `keep_alive` holds the routes (and so the child) while the operation runs.
template <class Result, class Op>
task<Result> on_route_restoring_path(std::shared_ptr<const void> keep_alive, routed_path route,
                                     std::string caller_path, Op op)
{
    auto prefix = route.prefix;
    auto result = co_await on_route<Result>(std::move(route), std::move(caller_path), std::move(op));
    result.path = detail::restore_prefix(prefix, result.path);
    co_return result;
}

std::string relative_to(std::string_view path, std::string_view base)
{
    if (base == "/")
        return std::string(path.substr(1));
    return path.size() == base.size() ? std::string() : std::string(path.substr(base.size() + 1));
}

bool has_hidden_component(std::string_view relative)
{
    return relative.starts_with('.') || relative.find("/.") != std::string_view::npos;
}

void sort_listing(std::vector<file_info>& entries)
{
    std::sort(entries.begin(), entries.end(), [](const file_info& a, const file_info& b) {
        if (a.is_dir != b.is_dir)
            return a.is_dir;
        return a.name < b.name;
    });
}

}  // namespace

struct composite_backend::impl
{
    composite_routes routes;

    routed_path resolve(std::string_view path) const { return routes.resolve(detail::normalize_virtual_path(path)); }
};

composite_backend::composite_backend(std::shared_ptr<backend> fallback, std::vector<composite_route> routes)
    : impl_(std::make_shared<impl>(impl{composite_routes(std::move(fallback), std::move(routes))}))
{
}

composite_backend::~composite_backend() = default;

// Coroutine lambdas take `self` to keep the routes (and the children they point to) alive while they run.
// Every public operation below is a plain function that resolves the route and copies its arguments before
// returning the coroutine, so views to the caller's temporaries are never read after a suspension.

task<bool> composite_backend::exists(std::string_view path)
{
    routed_path route;
    try
    {
        route = impl_->resolve(path);
    }
    catch (const error& e)
    {
        if (e.condition() == errc::escapes_root)
            return [](auto) -> task<bool> { co_return false; }(0);
        throw;
    }
    return on_route<bool>(std::move(route), std::string(path),
                          [](backend& b, const std::string& p) { return b.exists(p); });
}

task<std::string> composite_backend::read(std::string_view path, read_options opts)
{
    return on_route<std::string>(impl_->resolve(path), std::string(path),
                                 [opts](backend& b, const std::string& p) { return b.read(p, opts); });
}

task<std::string> composite_backend::read_bytes(std::string_view path)
{
    return on_route<std::string>(impl_->resolve(path), std::string(path),
                                 [](backend& b, const std::string& p) { return b.read_bytes(p); });
}

task<write_result> composite_backend::write(std::string_view path, std::string_view content)
{
    return on_route_restoring_path<write_result>(
        impl_, impl_->resolve(path), std::string(path),
        [content = std::string(content)](backend& b, const std::string& p) { return b.write(p, content); });
}

task<edit_result> composite_backend::edit(std::string_view path, edit_request req)
{
    return on_route_restoring_path<edit_result>(
        impl_, impl_->resolve(path), std::string(path),
        [req = std::move(req)](backend& b, const std::string& p) { return b.edit(p, req); });
}

task<std::vector<file_info>> composite_backend::ls(std::string_view path)
{
    auto base = detail::normalize_virtual_path(path);
    return [](std::shared_ptr<const impl> self, std::string base, std::string caller) -> task<std::vector<file_info>> {
        auto route = self->routes.resolve(base);
        auto prefix = route.prefix;
        auto entries = co_await on_route<std::vector<file_info>>(
            std::move(route), caller, [](backend& b, const std::string& p) { return b.ls(p); });
        std::set<std::string> seen;
        for (auto& e : entries)
        {
            e.path = detail::restore_prefix(prefix, e.path);
            seen.insert(e.path);
        }
        // Mount points below this directory show as directories, whatever the owner holds there.
        for (const auto* r : self->routes.routes_below(base))
        {
            auto rel = relative_to(r->prefix, base);
            auto name = rel.substr(0, rel.find('/'));
            auto child = detail::join_virtual(base, name);
            if (seen.insert(child).second)
                entries.push_back({name, child, true, std::nullopt, std::nullopt});
            else
                for (auto& e : entries)
                    if (e.path == child && !e.is_dir)
                        e = {name, child, true, std::nullopt, std::nullopt};
        }
        sort_listing(entries);
        co_return entries;
    }(impl_, std::move(base), std::string(path));
}

task<std::vector<file_info>> composite_backend::glob(std::string_view pattern, std::string_view path)
{
    auto base = detail::normalize_virtual_path(path);
    return [](std::shared_ptr<const impl> self, std::string pattern, std::string base,
              std::string caller) -> task<std::vector<file_info>> {
        auto owner = self->routes.resolve(base);
        const detail::glob_pattern full(pattern);

        struct part
        {
            std::string prefix;
            bool filter;  // results must be re-checked against the full pattern
        };
        std::vector<part> parts;
        std::vector<task<std::vector<file_info>>> tasks;
        parts.push_back({owner.prefix, false});
        tasks.push_back(on_route<std::vector<file_info>>(
            owner, caller, [pattern](backend& b, const std::string& p) { return b.glob(pattern, p); }));
        for (const auto* r : self->routes.routes_below(base))
        {
            auto mount = relative_to(r->prefix, base);
            if (has_hidden_component(mount))
                continue;
            for (auto& child_pattern : detail::glob_patterns_below(pattern, mount))
            {
                parts.push_back({r->prefix, true});
                tasks.push_back(r->target->glob(child_pattern, "/"));
            }
        }
        auto results = co_await detail::gather(std::move(tasks));

        std::vector<file_info> merged;
        std::set<std::string> seen;
        for (std::size_t i = 0; i < results.size(); ++i)
            for (auto& f : results[i])
            {
                f.path = detail::restore_prefix(parts[i].prefix, f.path);
                if (self->routes.shadowed(f.path, parts[i].prefix))
                    continue;
                if (parts[i].filter && !full.matches(relative_to(f.path, base)))
                    continue;
                if (seen.insert(f.path).second)
                    merged.push_back(std::move(f));
            }
        std::sort(merged.begin(), merged.end(), [](const file_info& a, const file_info& b) { return a.path < b.path; });
        co_return merged;
    }(impl_, std::string(pattern), std::move(base), std::string(path));
}

task<std::vector<grep_match>> composite_backend::grep(grep_request req)
{
    auto base = detail::normalize_virtual_path(req.path);
    return [](std::shared_ptr<const impl> self, grep_request req, std::string base) -> task<std::vector<grep_match>> {
        auto owner = self->routes.resolve(base);
        auto below = self->routes.routes_below(base);
        const bool glob_spans_dirs = req.glob.find('/') != std::string::npos;
        std::optional<detail::glob_pattern> full_glob;
        if (glob_spans_dirs)
            full_glob.emplace(req.glob);

        std::vector<std::string> prefixes{owner.prefix};
        std::vector<task<std::vector<grep_match>>> tasks;
        // The owner of a directory that only holds mounts may not know it: that is not an error then.
        tasks.push_back([](routed_path owner, grep_request req, bool tolerate_missing) -> task<std::vector<grep_match>> {
            auto caller = req.path;
            try
            {
                co_return co_await on_route<std::vector<grep_match>>(owner, caller, [&req](backend& b, const std::string& p) {
                    auto child_req = req;
                    child_req.path = p;
                    return b.grep(std::move(child_req));
                });
            }
            catch (const error& e)
            {
                if (!tolerate_missing || e.condition() != errc::not_found)
                    throw;
            }
            co_return std::vector<grep_match>{};
        }(owner, req, !below.empty()));
        for (const auto* r : below)
        {
            auto mount = relative_to(r->prefix, base);
            if (req.ignore_hidden && has_hidden_component(mount))
                continue;
            auto child_req = req;
            child_req.path = "/";
            if (glob_spans_dirs)
                child_req.glob.clear();  // filtered below against the full glob
            prefixes.push_back(r->prefix);
            tasks.push_back(r->target->grep(std::move(child_req)));
        }
        auto results = co_await detail::gather(std::move(tasks));

        std::vector<grep_match> merged;
        for (std::size_t i = 0; i < results.size(); ++i)
            for (auto& m : results[i])
            {
                m.path = detail::restore_prefix(prefixes[i], m.path);
                if (self->routes.shadowed(m.path, prefixes[i]))
                    continue;
                if (i > 0 && full_glob && !full_glob->matches(relative_to(m.path, base)))
                    continue;
                merged.push_back(std::move(m));
            }
        std::stable_sort(merged.begin(), merged.end(), [](const grep_match& a, const grep_match& b) {
            return a.path != b.path ? a.path < b.path : a.line_number < b.line_number;
        });
        co_return merged;
    }(impl_, std::move(req), std::move(base));
}

}  // namespace agent_backends
