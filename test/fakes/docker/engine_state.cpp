// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/docker/engine_state.hpp"

#include <boost/system/system_error.hpp>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <random>
#include <utility>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>

namespace agent_backends::test::docker_fake {
namespace {

constexpr std::size_t request_log_limit = 10000;

// `/a/./b/../c` -> `/a/c`; never above `/`.
std::string normalized(std::string_view path)
{
    std::vector<std::string_view> parts;
    while (!path.empty())
    {
        auto slash = path.find('/');
        auto part = path.substr(0, slash);
        if (part == "..")
        {
            if (!parts.empty())
                parts.pop_back();
        }
        else if (!part.empty() && part != ".")
            parts.push_back(part);
        if (slash == std::string_view::npos)
            break;
        path.remove_prefix(slash + 1);
    }
    std::string out;
    for (auto part : parts)
        out.append("/").append(part);
    return out.empty() ? "/" : out;
}

bool is_below(std::string_view path, std::string_view dir)
{
    if (dir == "/")
        return true;
    return path.substr(0, dir.size()) == dir && (path.size() == dir.size() || path[dir.size()] == '/');
}

}  // namespace

engine_state::engine_state(fake_docker_options opts) : options(std::move(opts))
{
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/fake-docker-XXXXXX";
    if (!::mkdtemp(tmpl.data()))
        throw boost::system::system_error(boost::system::error_code(errno, boost::system::system_category()),
                                          "mkdtemp");
    root_ = tmpl;
    for (const auto& image : options.images)
        add_image(image);
}

engine_state::~engine_state()
{
    containers.clear();  // kills what still runs
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
}

container_record* engine_state::find_container(std::string_view key)
{
    if (key.empty())
        return nullptr;
    if (auto it = containers.find(std::string(key)); it != containers.end())
        return &it->second;
    std::string_view name = key.front() == '/' ? key.substr(1) : key;
    for (auto& [id, c] : containers)
        if (c.name == name)
            return &c;
    container_record* by_prefix = nullptr;
    for (auto& [id, c] : containers)
        if (id.compare(0, key.size(), key) == 0)
        {
            if (by_prefix)
                return nullptr;  // ambiguous
            by_prefix = &c;
        }
    return by_prefix;
}

image_record* engine_state::find_image(std::string_view key)
{
    auto tag = full_tag(key);
    for (auto& image : images)
        if (image.tag == tag || image.id == key ||
            (key.size() >= 12 && image.id.compare(7, key.size(), key) == 0))
            return &image;
    return nullptr;
}

image_record& engine_state::add_image(std::string_view name, std::string id)
{
    auto tag = full_tag(name);
    std::erase_if(images, [&](const image_record& i) { return i.tag == tag; });
    images.push_back({id.empty() ? "sha256:" + random_id() : std::move(id), tag, now_rfc3339()});
    return images.back();
}

std::string engine_state::make_root_dir(std::string_view id)
{
    auto dir = std::filesystem::path(root_) / std::string(id.substr(0, 12));
    std::filesystem::create_directories(dir / "tmp");
    return dir.string();
}

std::string engine_state::host_path(const container_record& c, std::string_view path) const
{
    auto p = normalized(path);
    const bind_mount* best = nullptr;
    for (const auto& bind : c.binds)
        if (is_below(p, bind.container_path) &&
            (!best || bind.container_path.size() > best->container_path.size()))
            best = &bind;
    if (best)
    {
        auto rest = best->container_path == "/" ? p : p.substr(best->container_path.size());
        return best->host_path + (rest == "/" ? "" : rest);
    }
    return c.root_dir + (p == "/" ? "" : p);
}

void engine_state::log_request(fake_request r)
{
    if (requests.size() == request_log_limit)
        requests.pop_front();
    requests.push_back(std::move(r));
}

void engine_state::mark_exited(container_record& c, int exit_code)
{
    if (c.group)
        c.group->signal(SIGKILL);
    c.group.reset();
    c.status = "exited";
    c.exit_code = exit_code;
    ++c.exits;
    c.finished_at = now_rfc3339();
}

std::string engine_state::random_id()
{
    static thread_local std::mt19937_64 generator{std::random_device{}()};
    static constexpr char digits[] = "0123456789abcdef";
    std::string id(64, '0');
    for (std::size_t i = 0; i < id.size(); i += 16)
    {
        auto bits = generator();
        for (std::size_t j = 0; j < 16; ++j, bits >>= 4)
            id[i + j] = digits[bits & 15];
    }
    return id;
}

std::string engine_state::now_rfc3339()
{
    auto now = std::chrono::system_clock::now();
    auto seconds = std::chrono::system_clock::to_time_t(now);
    auto nanos =
        std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count() % 1'000'000'000;
    std::tm utc = {};
    ::gmtime_r(&seconds, &utc);
    std::array<char, 64> text{};
    auto n = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(text.data() + n, text.size() - n, ".%09lldZ", static_cast<long long>(nanos));
    return text.data();
}

std::string engine_state::full_tag(std::string_view name)
{
    auto last_slash = name.rfind('/');
    auto colon = name.rfind(':');
    bool has_tag =
        colon != std::string_view::npos && (last_slash == std::string_view::npos || colon > last_slash);
    if (has_tag || name.find('@') != std::string_view::npos)
        return std::string(name);
    return std::string(name) + ":latest";
}

}  // namespace agent_backends::test::docker_fake
