// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/daytona/server_state.hpp"

#include <agent_backends/detail/virtual_path.hpp>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include <signal.h>

namespace agent_backends::test::daytona_fake {
namespace {

constexpr std::size_t max_requests = 10000;
constexpr std::size_t max_exchanges = 1000;

std::string make_root(const fake_daytona_options& opts, bool& own)
{
    if (!opts.root_dir.empty())
    {
        std::filesystem::create_directories(opts.root_dir);
        own = false;
        return std::filesystem::absolute(opts.root_dir).lexically_normal().string();
    }
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/fake-daytona-XXXXXX";
    if (!::mkdtemp(tmpl.data()))
        throw std::runtime_error("mkdtemp failed for the fake Daytona's sandboxes");
    own = true;
    return tmpl;
}

}  // namespace

command_record* session_record::find(std::string_view command_id)
{
    for (auto& c : commands)
        if (c.id == command_id)
            return &c;
    return nullptr;
}

server_state::server_state(fake_daytona_options opts) : options(std::move(opts))
{
    root_ = make_root(options, own_root_);
}

server_state::~server_state()
{
    for (auto& [id, sandbox] : sandboxes)
        kill_processes(sandbox);
    std::error_code ignored;
    if (own_root_)
        std::filesystem::remove_all(root_, ignored);
    else
        for (const auto& [id, sandbox] : sandboxes)
            std::filesystem::remove_all(sandbox.root_dir, ignored);
}

sandbox_record* server_state::find(std::string_view id_or_name)
{
    if (auto it = sandboxes.find(std::string(id_or_name)); it != sandboxes.end())
        return &it->second;
    for (auto& [id, sandbox] : sandboxes)
        if (sandbox.name == id_or_name)
            return &sandbox;
    return nullptr;
}

sandbox_record& server_state::add_sandbox(sandbox_record record)
{
    record.root_dir = root_ + "/" + record.id;
    std::filesystem::create_directories(host_path(record, options.work_dir));
    std::filesystem::create_directories(record.root_dir + "/tmp");
    auto id = record.id;
    return sandboxes.insert_or_assign(id, std::move(record)).first->second;
}

void server_state::kill_processes(sandbox_record& sandbox)
{
    for (auto group : sandbox.execute_groups)
        ::kill(-group, SIGKILL);
    for (auto& [id, session] : sandbox.sessions)
        for (auto group : session.groups)
            ::kill(-group, SIGKILL);
}

void server_state::remove(const std::string& id)
{
    auto it = sandboxes.find(id);
    if (it == sandboxes.end())
        return;
    kill_processes(it->second);
    std::error_code ignored;
    std::filesystem::remove_all(it->second.root_dir, ignored);
    sandboxes.erase(it);
}

std::string server_state::sandbox_path(std::string_view path) const
{
    if (path.starts_with('/'))
        return agent_backends::detail::lexically_normal_absolute(path);
    return agent_backends::detail::lexically_normal_absolute(options.work_dir + "/" + std::string(path));
}

std::string server_state::host_path(const sandbox_record& sandbox, std::string_view absolute_path)
{
    auto normal = agent_backends::detail::lexically_normal_absolute(absolute_path);
    return normal == "/" ? sandbox.root_dir : sandbox.root_dir + normal;
}

std::string server_state::from_host(const sandbox_record& sandbox, std::string_view host)
{
    std::string_view root = sandbox.root_dir;
    if (host == root)
        return "/";
    if (host.starts_with(root) && host.size() > root.size() && host[root.size()] == '/')
        return std::string(host.substr(root.size()));
    return std::string(host);
}

void server_state::log(fake_daytona_exchange exchange)
{
    requests.push_back(exchange.request);
    if (requests.size() > max_requests)
        requests.pop_front();
    exchanges.push_back(std::move(exchange));
    if (exchanges.size() > max_exchanges)
        exchanges.pop_front();
}

}  // namespace agent_backends::test::daytona_fake
