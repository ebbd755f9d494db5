// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>

#include <agent_backends/detail/ignore_rules.hpp>

#include <string>

namespace agent_backends::detail {
namespace {

/// Drops trailing spaces and tabs unless the last one is escaped with `\`.
std::string_view trim_trailing_space(std::string_view line) noexcept
{
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t'))
    {
        // Count the backslashes before the space: an odd number escapes it.
        std::size_t slashes = 0;
        for (auto i = line.size() - 1; i > 0 && line[i - 1] == '\\'; --i)
            ++slashes;
        if (slashes % 2 == 1)
            break;
        line.remove_suffix(1);
    }
    return line;
}

}  // namespace

ignore_file::ignore_file(std::string_view content)
{
    std::size_t pos = 0;
    while (pos < content.size())
    {
        auto nl = content.find('\n', pos);
        if (nl == std::string_view::npos)
            nl = content.size();
        auto line = content.substr(pos, nl - pos);
        pos = nl + 1;
        if (line.ends_with('\r'))
            line.remove_suffix(1);
        if (pos == 1 && line.starts_with("\xEF\xBB\xBF"))
            line.remove_prefix(3);  // a byte-order mark
        if (line.empty() || line.front() == '#')
            continue;
        line = trim_trailing_space(line);
        bool negated = false;
        if (line.front() == '!')
        {
            negated = true;
            line.remove_prefix(1);
        }
        else if (line.starts_with("\\!") || line.starts_with("\\#"))
            line.remove_prefix(1);
        bool dir_only = false;
        if (line.ends_with('/') && !line.ends_with("\\/"))
        {
            dir_only = true;
            line.remove_suffix(1);
        }
        if (line.empty())
            continue;
        // A `/` at the start or inside anchors the pattern to this directory; otherwise it matches a name
        // at any depth.
        std::string glob;
        if (line.front() == '/')
            glob = line.substr(1);
        else if (line.find('/') != std::string_view::npos)
            glob = line;
        else
            glob = "**/" + std::string(line);
        // `dir/**` matches what is inside `dir`, not `dir` itself.
        if (glob.ends_with("/**"))
            glob += "/*";
        if (glob.empty())
            continue;
        try
        {
            rules_.push_back({glob_pattern(glob), negated, dir_only});
        }
        catch (const error&)
        {
            // Not a valid glob: ripgrep skips such a line too.
        }
    }
}

ignore_verdict ignore_file::match(std::string_view path, bool is_dir) const noexcept
{
    for (auto it = rules_.rbegin(); it != rules_.rend(); ++it)
    {
        if (it->dir_only && !is_dir)
            continue;
        if (it->pattern.matches(path))
            return it->negated ? ignore_verdict::whitelist : ignore_verdict::ignore;
    }
    return ignore_verdict::none;
}

}  // namespace agent_backends::detail
