// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/remote_paths.hpp"

#include "sandboxes/shell_quote.hpp"

#include <agent_backends/error.hpp>

#include <agent_backends/detail/virtual_path.hpp>

namespace agent_backends::detail {

std::string resolve_remote_path(std::string_view given, std::string_view work_dir)
{
    if (given.find('\0') != std::string_view::npos)
        throw error(errc::invalid_argument, "Invalid path: contains a NUL byte");
    if (given.starts_with('/'))
        return lexically_normal_absolute(given);
    return lexically_normal_absolute(std::string(work_dir) + "/" + std::string(given));
}

std::string remote_search_root(std::string_view given, std::string_view work_dir)
{
    if (given.empty() || given == "/" || given == ".")
        return std::string(work_dir);
    return resolve_remote_path(given, work_dir);
}

std::string_view relative_pattern(std::string_view pattern) noexcept
{
    while (pattern.starts_with('/') || pattern.starts_with("./"))
        pattern.remove_prefix(pattern.starts_with('/') ? 1 : 2);
    return pattern;
}

std::string_view path_below(std::string_view path, std::string_view root) noexcept
{
    if (root == "/")
        return path.size() > 1 && path.starts_with('/') ? path.substr(1) : std::string_view{};
    if (path.size() > root.size() + 1 && path.starts_with(root) && path[root.size()] == '/')
        return path.substr(root.size() + 1);
    return {};
}

std::string too_large_message(std::uint64_t size, std::size_t limit, std::string_view path)
{
    return "File is " + std::to_string(size) + " bytes, over the " + std::to_string(limit) +
           "-byte read limit. Read a slice with execute() instead, e.g. \"sed -n '1,200p' " +
           shell_word(path) + "\".";
}

}  // namespace agent_backends::detail
