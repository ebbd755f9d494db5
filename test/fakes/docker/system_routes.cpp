// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/docker/routes.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <sys/utsname.h>

namespace json = boost::json;

namespace agent_backends::test::docker_fake {
namespace {

std::string kernel_version()
{
    struct utsname u = {};
    return ::uname(&u) == 0 ? u.release : "";
}

}  // namespace

reply no_such_container(std::string_view id)
{
    return error_reply(404, "No such container: " + std::string(id));
}

task<reply> ping(exchange& ex)
{
    reply r{.content_type = "text/plain; charset=utf-8", .body = "OK"};
    r.headers = {{"Builder-Version", "2"},
                 {"Cache-Control", "no-cache, no-store, must-revalidate"},
                 {"Pragma", "no-cache"}};
    co_return r;
}

task<reply> version(exchange& ex)
{
    const auto& opts = ex.options();
    json::object engine{
        {"Name", "Engine"},
        {"Version", opts.engine_version},
        {"Details", json::object{{"ApiVersion", opts.api_version}, {"MinAPIVersion", "1.12"}}}};
    co_return json_reply(200, json::object{{"Platform", json::object{{"Name", "Fake Docker Engine"}}},
                                           {"Components", json::array{engine}},
                                           {"Version", opts.engine_version},
                                           {"ApiVersion", opts.api_version},
                                           {"MinAPIVersion", "1.12"},
                                           {"GitCommit", "fake"},
                                           {"GoVersion", "go1.20"},
                                           {"Os", "linux"},
                                           {"Arch", "amd64"},
                                           {"KernelVersion", kernel_version()},
                                           {"BuildTime", "2026-01-01T00:00:00.000000000+00:00"}});
}

task<reply> info(exchange& ex)
{
    std::size_t running = 0, total = 0, images = 0;
    {
        std::lock_guard lock(ex.state().mutex);
        total = ex.state().containers.size();
        for (const auto& [id, c] : ex.state().containers)
            running += c.running() ? 1 : 0;
        images = ex.state().images.size();
    }
    co_return json_reply(200, json::object{{"ID", "FAKE:DOCKER:ENGINE"},
                                           {"Containers", total},
                                           {"ContainersRunning", running},
                                           {"ContainersPaused", 0},
                                           {"ContainersStopped", total - running},
                                           {"Images", images},
                                           {"Driver", "overlay2"},
                                           {"OperatingSystem", "Fake Docker Engine"},
                                           {"OSType", "linux"},
                                           {"Architecture", "x86_64"},
                                           {"KernelVersion", kernel_version()},
                                           {"ServerVersion", ex.options().engine_version},
                                           {"Name", "fake-docker-engine"}});
}

}  // namespace agent_backends::test::docker_fake
