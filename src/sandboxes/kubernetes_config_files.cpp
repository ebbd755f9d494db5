// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/kubernetes_config_files.hpp"

#include <fstream>
#include <iterator>
#include <string_view>

#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

namespace agent_backends::detail {

std::optional<std::string> read_config_file(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        return std::nullopt;
    return content;
}

bool is_readable_file(const std::filesystem::path& path)
{
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec) && ::access(path.c_str(), R_OK) == 0;
}

std::filesystem::path resolve_against(const std::filesystem::path& dir, const std::filesystem::path& path)
{
    return path.is_absolute() ? path : dir / path;
}

std::optional<std::string> environment_value(const char* name)
{
    const char* value = std::getenv(name);
    if (!value || !*value)
        return std::nullopt;
    return std::string(value);
}

std::filesystem::path default_kubeconfig_path()
{
    if (auto list = environment_value("KUBECONFIG"))
    {
        std::string_view rest = *list;
        while (!rest.empty())
        {
            auto colon = rest.find(':');
            auto entry = rest.substr(0, colon);
            if (!entry.empty())
                return std::filesystem::path(std::string(entry));
            if (colon == std::string_view::npos)
                break;
            rest.remove_prefix(colon + 1);
        }
    }
    std::string home;
    if (auto value = environment_value("HOME"))
        home = *value;
    else if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_dir)
        home = pw->pw_dir;
    return std::filesystem::path(home) / ".kube" / "config";
}

}  // namespace agent_backends::detail
