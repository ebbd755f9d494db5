// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/docker/exec_session.hpp"
#include "fakes/docker/routes.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>

namespace asio = boost::asio;
namespace json = boost::json;

namespace agent_backends::test::docker_fake {
namespace {

bool bool_of(const json::object& o, std::string_view key, bool fallback)
{
    const auto* v = o.if_contains(key);
    return v && v->is_bool() ? v->as_bool() : fallback;
}

std::string text_of(const json::object& o, std::string_view key)
{
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::vector<std::string> strings_of(const json::object& o, std::string_view key)
{
    std::vector<std::string> out;
    if (const auto* v = o.if_contains(key); v && v->is_array())
        for (const auto& item : v->as_array())
            if (item.is_string())
                out.emplace_back(item.as_string());
    return out;
}

// An empty body counts as `{}`.
std::optional<json::object> body_object(const exchange& ex)
{
    if (ex.request.body().empty())
        return json::object{};
    boost::system::error_code ec;
    auto v = json::parse(ex.request.body(), ec);
    if (ec || !v.is_object())
        return std::nullopt;
    return v.as_object();
}

bool asks_upgrade(const exchange& ex)
{
    auto value = ex.header("Connection");
    std::transform(value.begin(), value.end(), value.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return value.find("upgrade") != std::string::npos;
}

// The hijacked response head, as the engine writes it by hand.
std::string stream_head(const exchange& ex, bool upgrade, bool tty)
{
    if (!upgrade)
        return "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n" +
               engine_fields(ex.options()) + "\r\n";
    return std::string("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.") +
           (tty ? "raw-stream" : "multiplexed-stream") + "\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n" +
           engine_fields(ex.options()) + "\r\n";
}

}  // namespace

task<reply> create_exec(exchange& ex)
{
    auto body = body_object(ex);
    if (!body)
        co_return error_reply(400, "invalid JSON body");
    auto cmd = strings_of(*body, "Cmd");
    if (cmd.empty())
        co_return error_reply(400, "No exec command specified");
    std::lock_guard lock(ex.state().mutex);
    auto* c = ex.state().find_container(ex.segments[1]);
    if (!c)
        co_return no_such_container(ex.segments[1]);
    if (!c->running())
        co_return error_reply(409, "Container " + c->id + " is not running");
    exec_record e;
    e.id = engine_state::random_id();
    e.container_id = c->id;
    e.cmd = std::move(cmd);
    e.env = strings_of(*body, "Env");
    e.working_dir = text_of(*body, "WorkingDir");
    e.user = text_of(*body, "User");
    e.attach_stdin = bool_of(*body, "AttachStdin", false);
    e.attach_stdout = bool_of(*body, "AttachStdout", false);
    e.attach_stderr = bool_of(*body, "AttachStderr", false);
    e.tty = bool_of(*body, "Tty", false);
    c->exec_ids.push_back(e.id);
    auto id = e.id;
    ex.state().execs.emplace(id, std::move(e));
    co_return json_reply(201, json::object{{"Id", id}});
}

task<reply> start_exec(exchange& ex)
{
    auto body = body_object(ex);
    if (!body)
        co_return error_reply(400, "invalid JSON body");
    bool detach = bool_of(*body, "Detach", false);
    const auto& id = ex.segments[1];
    exec_session_config config{.exec_id = id, .stream_fault = ex.stream_fault};
    std::optional<spawn_result> spawned;
    {
        auto& state = ex.state();
        std::lock_guard lock(state.mutex);
        auto it = state.execs.find(id);
        if (it == state.execs.end())
            co_return error_reply(404, "No such exec instance: " + id);
        auto& e = it->second;
        if (e.phase == exec_phase::running)
            co_return error_reply(409, "Exec command " + id + " is already running");
        if (e.phase == exec_phase::exited)
            co_return error_reply(409, "Exec command " + id + " has already run");
        auto* c = state.find_container(e.container_id);
        if (!c)
            co_return no_such_container(e.container_id);
        if (!c->running())
            co_return error_reply(409, "Container " + c->id + " is not running");
        config.tty = e.tty || bool_of(*body, "Tty", false);
        child_spec spec{
            .argv = e.cmd,
            .env = merged_environment(c->env, e.env),
            .working_dir = state.host_path(*c, e.working_dir.empty() ? c->working_dir : e.working_dir),
            .group = c->group->id(),
            .attach_stdin = e.attach_stdin && !detach,
            .merge_stderr = config.tty};
        // Started under the lock: a concurrent stop cannot kill the group between the check and the start.
        spawned.emplace(spawn_child(spec));
        e.phase = exec_phase::running;
        e.pid = spawned->child ? spawned->child->pid() : 0;
    }
    ex.ctx->notify_change();
    if (detach)
    {
        asio::co_spawn(ex.ctx->executor,
                       run_exec_session(ex.ctx, nullptr, std::move(*spawned), std::move(config)),
                       asio::detached);
        co_return reply{.status = 200, .content_type = {}};
    }
    std::shared_ptr<connection> stream = ex.conn;
    if (!co_await ex.conn->write(stream_head(ex, asks_upgrade(ex), config.tty)))
        stream = nullptr;  // the client left: the command still runs to its end
    co_await run_exec_session(ex.ctx, std::move(stream), std::move(*spawned), std::move(config));
    co_return reply{.taken_over = true, .keep_alive = false};
}

task<reply> inspect_exec(exchange& ex)
{
    const auto& id = ex.segments[1];
    std::lock_guard lock(ex.state().mutex);
    auto it = ex.state().execs.find(id);
    if (it == ex.state().execs.end())
        co_return error_reply(404, "No such exec instance: " + id);
    const auto& e = it->second;
    json::array arguments;
    for (std::size_t i = 1; i < e.cmd.size(); ++i)
        arguments.emplace_back(e.cmd[i]);
    json::value exit_code = nullptr;
    if (e.exit_code)
        exit_code = *e.exit_code;
    co_return json_reply(200, json::object{{"ID", e.id},
                                           {"Running", e.phase == exec_phase::running},
                                           {"ExitCode", exit_code},
                                           {"Pid", e.pid},
                                           {"ContainerID", e.container_id},
                                           {"OpenStdin", e.attach_stdin},
                                           {"OpenStdout", e.attach_stdout},
                                           {"OpenStderr", e.attach_stderr},
                                           {"CanRemove", false},
                                           {"DetachKeys", ""},
                                           {"ProcessConfig", json::object{{"tty", e.tty},
                                                                          {"entrypoint", e.cmd.front()},
                                                                          {"arguments", std::move(arguments)},
                                                                          {"privileged", false},
                                                                          {"user", e.user}}}});
}

}  // namespace agent_backends::test::docker_fake
