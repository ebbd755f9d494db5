// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "backends/glob_below_prefix.hpp"

#include <agent_backends/detail/glob_pattern.hpp>
#include <agent_backends/detail/virtual_path.hpp>

#include <algorithm>

namespace agent_backends::detail {
namespace {

std::string join_components(const std::vector<std::string_view>& parts, std::size_t from)
{
    std::string out;
    for (auto i = from; i < parts.size(); ++i)
    {
        if (!out.empty())
            out += '/';
        out += parts[i];
    }
    return out;
}

// Consumes the mount's components with the pattern's leading components; every way of doing so that leaves
// pattern components over yields the rest as a pattern for the child.
void consume(const std::vector<std::string_view>& pattern, std::size_t p, const std::vector<std::string_view>& mount,
             std::size_t m, std::vector<std::string>& out)
{
    if (m == mount.size())
    {
        if (p < pattern.size())
            out.push_back(join_components(pattern, p));
        return;
    }
    if (p == pattern.size())
        return;
    if (pattern[p] == "**")
    {
        consume(pattern, p, mount, m + 1, out);  // `**` swallows this mount component too
        consume(pattern, p + 1, mount, m, out);  // `**` stops before it
        return;
    }
    if (glob_pattern(pattern[p]).matches(mount[m]))
        consume(pattern, p + 1, mount, m + 1, out);
}

}  // namespace

std::vector<std::string> glob_patterns_below(std::string_view pattern, std::string_view mount)
{
    while (pattern.starts_with('/'))
        pattern.remove_prefix(1);
    if (pattern.find('{') != std::string_view::npos)
        return {"**/*"};  // braces may span components: ask for everything, the caller filters
    std::vector<std::string> out;
    consume(split_path_components(pattern), 0, split_path_components(mount), 0, out);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace agent_backends::detail
