// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// `GET|POST /api/v1/namespaces/{ns}/pods/{name}/exec?command=...`: checked as the API server does before
// it upgrades (a `Status` otherwise), then upgraded to a WebSocket with the first subprotocol the client
// offers that this server speaks.
#include "fakes/kubernetes/exec_session.hpp"
#include "fakes/kubernetes/pod_json.hpp"
#include "fakes/kubernetes/routes.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace json = boost::json;

namespace agent_backends::test::kubernetes_fake {
namespace {

std::string lowercase(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool asks_websocket(const exchange& ex)
{
    return lowercase(ex.header("Upgrade")).find("websocket") != std::string::npos &&
           lowercase(ex.header("Connection")).find("upgrade") != std::string::npos;
}

std::vector<std::string> offered_protocols(const exchange& ex)
{
    std::vector<std::string> out;
    auto [first, last] = ex.request.equal_range(boost::beast::http::field::sec_websocket_protocol);
    for (auto field = first; field != last; ++field)
    {
        std::string_view list(field->value().data(), field->value().size());
        while (!list.empty())
        {
            auto comma = list.find(',');
            auto item = list.substr(0, comma);
            while (!item.empty() && item.front() == ' ')
                item.remove_prefix(1);
            while (!item.empty() && item.back() == ' ')
                item.remove_suffix(1);
            if (!item.empty())
                out.emplace_back(item);
            if (comma == std::string_view::npos)
                break;
            list.remove_prefix(comma + 1);
        }
    }
    return out;
}

std::string go_list(const std::vector<std::string>& items)
{
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i ? " " : "") + items[i];
    return out + "]";
}

bool is_directory(const std::string& path)
{
    std::error_code ec;
    return !path.empty() && std::filesystem::is_directory(path, ec);
}

}  // namespace

task<reply> exec_in_pod(exchange& ex, const pod_address& at)
{
    // `stdout` and `stderr` default to true (`PodExecOptions` defaulting), `stdin` and `tty` to false.
    auto flag_or_true = [&](std::string_view name) { return ex.param(name).empty() || ex.flag(name); };
    exec_session_config config{.command = ex.params("command"),
                               .stdout_wanted = flag_or_true("stdout"),
                               .stderr_wanted = flag_or_true("stderr"),
                               .stream_fault = ex.stream_fault};
    bool stdin_wanted = ex.flag("stdin");
    bool tty = ex.flag("tty");
    if (config.command.empty())
        co_return status_reply(400, "you must specify at least 1 command", "BadRequest");
    if (!stdin_wanted && !config.stdout_wanted && !config.stderr_wanted)
        co_return status_reply(400, "you must specify at least 1 of stdin, stdout, stderr", "BadRequest");

    std::optional<spawn_result> spawned;
    std::string protocol;
    {
        auto& state = ex.state();
        std::lock_guard lock(state.mutex);
        auto* pod = state.find_pod(at.namespace_name, at.name);
        if (!pod)
            co_return json_reply(404, pod_not_found(at.name));
        auto name = ex.param("container");
        if (name.empty() && pod->containers.size() == 1)
            name = pod->containers.front().name;
        if (name.empty())
        {
            std::vector<std::string> names;
            for (const auto& c : pod->containers)
                names.push_back(c.name);
            co_return status_reply(400,
                                   "a container name must be specified for pod " + at.name +
                                       ", choose one of: " + go_list(names),
                                   "BadRequest");
        }
        auto container = std::find_if(pod->containers.begin(), pod->containers.end(),
                                      [&](const container_record& c) { return c.name == name; });
        if (container == pod->containers.end())
            co_return status_reply(400, "container " + name + " is not valid for pod " + at.name,
                                   "BadRequest");
        if (pod->phase == "Pending")
            co_return status_reply(400,
                                   "container \"" + name + "\" in pod \"" + at.name +
                                       "\" is waiting to start: " +
                                       (pod->waiting_reason.empty() ? std::string("ContainerCreating")
                                                                    : "trying and failing to pull image"),
                                   "BadRequest");
        if (!pod->running() || !pod->group)
            co_return status_reply(
                400, "cannot exec into a container in a completed pod; current phase is " + pod->phase,
                "BadRequest");
        if (!asks_websocket(ex))
            co_return status_reply(400,
                                   "Upgrade request required: this server speaks exec over WebSocket only "
                                   "(the SPDY upgrade is not offered)",
                                   "BadRequest");
        auto offered = offered_protocols(ex);
        for (const auto& p : offered)
            if (std::find(ex.options().exec_protocols.begin(), ex.options().exec_protocols.end(), p) !=
                ex.options().exec_protocols.end())
            {
                protocol = p;
                break;
            }
        if (protocol.empty())
            co_return status_reply(403,
                                   "requested protocol(s) are not supported: " + go_list(offered) +
                                       "; supports " + go_list(ex.options().exec_protocols),
                                   "Forbidden");
        config.v5 = protocol == "v5.channel.k8s.io";
        ++pod->execs;
        if (config.stream_fault != fake_fault_kind::stall &&
            config.stream_fault != fake_fault_kind::malformed_frame_header)
        {
            child_spec spec{
                .argv = config.command,
                .env = merged_environment(container->env, {}),
                .working_dir = is_directory(container->working_dir) ? container->working_dir : pod->root_dir,
                .group = pod->group->id(),
                .attach_stdin = stdin_wanted,
                .merge_stderr = tty};
            // Started under the lock: a concurrent delete cannot kill the group between the check and the
            // start.
            spawned.emplace(spawn_child(spec));
        }
    }
    auto socket = co_await ex.conn->accept_websocket(ex.request, protocol);
    if (!socket)
        co_return reply{.taken_over = true, .keep_alive = false};
    co_await run_exec_session(ex.ctx, ex.conn, std::move(socket), std::move(spawned), std::move(config));
    co_return reply{.taken_over = true, .keep_alive = false};
}

}  // namespace agent_backends::test::kubernetes_fake
