// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/common/fault_plan.hpp"

#include "fakes/common/path_segments.hpp"

#include <utility>

namespace agent_backends::test {
namespace {

bool match_from(const std::vector<std::string_view>& pattern, std::size_t p,
                const std::vector<std::string_view>& path, std::size_t s)
{
    if (p == pattern.size())
        return s == path.size();
    if (pattern[p] == "**")
    {
        for (std::size_t rest = s; rest <= path.size(); ++rest)
            if (match_from(pattern, p + 1, path, rest))
                return true;
        return false;
    }
    if (s == path.size())
        return false;
    return (pattern[p] == "*" || pattern[p] == path[s]) && match_from(pattern, p + 1, path, s + 1);
}

}  // namespace

bool path_matches(std::string_view pattern, std::string_view path)
{
    return match_from(path_segments(pattern), 0, path_segments(path), 0);
}

void fault_plan::add(fake_fault fault)
{
    if (fault.times > 0)
        faults_.push_back(std::move(fault));
}

std::optional<fake_fault> fault_plan::take(std::string_view method, std::string_view path)
{
    for (auto it = faults_.begin(); it != faults_.end(); ++it)
    {
        if (!it->method.empty() && it->method != method)
            continue;
        if (!it->path.empty() && !path_matches(it->path, path))
            continue;
        if (it->skip > 0)
        {
            --it->skip;
            return std::nullopt;
        }
        fake_fault fired = *it;
        if (it->times != fake_fault::always && --it->times == 0)
            faults_.erase(it);
        return fired;
    }
    return std::nullopt;
}

}  // namespace agent_backends::test
