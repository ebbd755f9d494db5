// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_COMMON_PATH_SEGMENTS_HPP
#define AGENT_BACKENDS_TEST_FAKES_COMMON_PATH_SEGMENTS_HPP

#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::test {

/// The non-empty segments of a URL path (`/a//b/` gives `a`, `b`), viewing `path`.
inline std::vector<std::string_view> path_segments(std::string_view path)
{
    std::vector<std::string_view> out;
    while (!path.empty())
    {
        auto slash = path.find('/');
        if (auto segment = path.substr(0, slash); !segment.empty())
            out.push_back(segment);
        if (slash == std::string_view::npos)
            break;
        path.remove_prefix(slash + 1);
    }
    return out;
}

/// The same, copied.
inline std::vector<std::string> owned_path_segments(std::string_view path)
{
    auto views = path_segments(path);
    return {views.begin(), views.end()};
}

}  // namespace agent_backends::test

#endif
