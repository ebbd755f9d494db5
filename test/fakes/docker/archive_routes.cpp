// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/docker/archive_files.hpp"
#include "fakes/docker/routes.hpp"

#include <filesystem>

namespace agent_backends::test::docker_fake {
namespace {

std::string base_name(std::string_view path)
{
    while (path.size() > 1 && path.back() == '/')
        path.remove_suffix(1);
    auto slash = path.rfind('/');
    auto name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    return name.empty() ? "/" : std::string(name);
}

reply no_such_path(std::string_view path, std::string_view container)
{
    return error_reply(
        404, "Could not find the file " + std::string(path) + " in container " + std::string(container));
}

}  // namespace

task<reply> put_archive(exchange& ex)
{
    auto path = ex.param("path");
    if (path.empty())
        co_return error_reply(400, "bad parameter: path cannot be empty");
    std::lock_guard lock(ex.state().mutex);
    auto* c = ex.state().find_container(ex.segments[1]);
    if (!c)
        co_return no_such_container(ex.segments[1]);
    auto dir = ex.state().host_path(*c, path);
    auto stat = stat_path(dir, base_name(path));
    if (!stat)
        co_return no_such_path(path, ex.segments[1]);
    if (!std::filesystem::is_directory(dir))
        co_return error_reply(400, "extraction point is not a directory");
    if (auto failure = extract_archive(ex.request.body(), dir, path, ex.flag("noOverwriteDirNonDir")))
        co_return error_reply(failure->status, failure->message);
    co_return reply{.status = 200, .content_type = {}};
}

task<reply> get_archive(exchange& ex)
{
    auto path = ex.param("path");
    if (path.empty())
        co_return error_reply(400, "bad parameter: path cannot be empty");
    std::lock_guard lock(ex.state().mutex);
    auto* c = ex.state().find_container(ex.segments[1]);
    if (!c)
        co_return no_such_container(ex.segments[1]);
    auto host = ex.state().host_path(*c, path);
    auto stat = stat_path(host, base_name(path));
    if (!stat)
        co_return no_such_path(path, ex.segments[1]);
    reply r{.content_type = "application/x-tar"};
    r.headers.emplace_back("X-Docker-Container-Path-Stat", stat_header(*stat));
    if (ex.method == "GET")
        r.body = archive_of(host, stat->name);
    co_return r;
}

}  // namespace agent_backends::test::docker_fake
