// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/daytona/host_command.hpp"
#include "fakes/daytona/routes.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <filesystem>
#include <utility>

#include <signal.h>

namespace asio = boost::asio;
namespace json = boost::json;
using clock_type = std::chrono::steady_clock;

namespace agent_backends::test::daytona_fake {
namespace {

std::optional<json::object> body_object(const exchange& ex)
{
    boost::system::error_code ec;
    auto v = json::parse(ex.request.body(), ec);
    if (ec || !v.is_object())
        return std::nullopt;
    return v.as_object();
}

std::string text_of(const json::object& o, std::string_view key)
{
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

bool blank(std::string_view text)
{
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

/// The sandbox's environment for a command: ours, then the sandbox's `env`.
std::vector<std::string> sandbox_environment(const sandbox_record& sandbox)
{
    std::vector<std::string> extra;
    for (const auto& [key, value] : sandbox.env)
        if (value.is_string())
            extra.push_back(std::string(key) + "=" + std::string(value.as_string()));
    return environment_with(extra);
}

// ---- POST /process/execute ----

struct execute_setup
{
    host_command_spec spec;
    bool missing_dir{false};
    std::string dir;
};

task<reply> execute(exchange& ex)
{
    auto body = body_object(ex);
    if (!body || text_of(*body, "command").empty())
        co_return ex.error(400, "command is required");
    const auto command = text_of(*body, "command");
    if (blank(command))
        co_return ex.error(400, "empty command");
    std::optional<std::int64_t> timeout;
    if (const auto* t = body->if_contains("timeout"); t && (t->is_int64() || t->is_uint64()))
        timeout = t->is_int64() ? t->as_int64() : static_cast<std::int64_t>(t->as_uint64());

    auto& state = ex.state();
    execute_setup setup;
    {
        std::lock_guard lock(state.mutex);
        auto* sandbox = state.find(ex.sandbox_id);
        if (!sandbox)
            co_return ex.error(404, "Sandbox with ID " + ex.sandbox_id + " not found");
        ++sandbox->executions;
        auto cwd = text_of(*body, "cwd");
        setup.dir = cwd.empty() ? state.options.work_dir : state.sandbox_path(cwd);
        setup.spec = {command, sandbox_environment(*sandbox), server_state::host_path(*sandbox, setup.dir),
                      true};
        setup.missing_dir = !std::filesystem::is_directory(setup.spec.working_dir);
    }
    if (setup.missing_dir)
        co_return json_reply(
            200,
            json::object{{"exitCode", -1}, {"result", "chdir " + setup.dir + ": no such file or directory"}});

    const auto deadline = timeout && *timeout > 0 ? clock_type::now() + std::chrono::seconds(*timeout)
                                                  : clock_type::time_point::max();
    const auto sandbox_id = ex.sandbox_id;
    auto ctx = ex.ctx;
    std::string output;
    pid_t group = 0;
    host_command_events events{[&](pid_t g) {
                                   group = g;
                                   std::lock_guard lock(ctx->state->mutex);
                                   ++ctx->state->live_processes;
                                   if (auto* sandbox = ctx->state->find(sandbox_id))
                                       sandbox->execute_groups.insert(g);
                               },
                               [&](bool, std::string_view data) { output.append(data); }};
    std::optional<int> code;
    std::string failure;
    try
    {
        code = co_await run_host_command(ctx->executor, std::move(setup.spec), std::move(events), deadline);
    }
    catch (const host_command_failure& e)
    {
        failure = e.what();
    }
    if (group != 0)
    {
        std::lock_guard lock(ctx->state->mutex);
        --ctx->state->live_processes;
        if (auto* sandbox = ctx->state->find(sandbox_id))
            sandbox->execute_groups.erase(group);
    }
    if (!failure.empty())
        co_return json_reply(200, json::object{{"exitCode", -1}, {"result", failure}});
    if (!code)
        co_return ex.error(408, "command execution timeout");
    co_return json_reply(200, json::object{{"exitCode", *code}, {"result", output}});
}

// ---- sessions ----

json::object command_json(const command_record& c)
{
    json::object out{{"id", c.id}, {"command", c.command}};
    if (c.exit_code)
        out["exitCode"] = *c.exit_code;
    return out;
}

json::object session_json(const session_record& s)
{
    json::array commands;
    for (const auto& c : s.commands)
        commands.push_back(command_json(c));
    return {{"sessionId", s.id}, {"commands", std::move(commands)}};
}

/// Finds a command's record, or nothing when its sandbox, session or itself is gone.
command_record* find_command(server_state& state, const std::string& sandbox_id,
                             const std::string& session_id, const std::string& command_id)
{
    auto* sandbox = state.find(sandbox_id);
    if (!sandbox)
        return nullptr;
    auto it = sandbox->sessions.find(session_id);
    return it == sandbox->sessions.end() ? nullptr : it->second.find(command_id);
}

session_record* find_session(server_state& state, const std::string& sandbox_id,
                             const std::string& session_id)
{
    auto* sandbox = state.find(sandbox_id);
    if (!sandbox)
        return nullptr;
    auto it = sandbox->sessions.find(session_id);
    return it == sandbox->sessions.end() ? nullptr : &it->second;
}

/// Runs one session command to its end, keeping its output and exit code in its record.
task<void> run_session_command(std::shared_ptr<server_context> ctx, std::string sandbox_id,
                               std::string session_id, std::string command_id, host_command_spec spec)
{
    auto& state = *ctx->state;
    pid_t group = 0;
    host_command_events events{[&](pid_t g) {
                                   group = g;
                                   std::lock_guard lock(state.mutex);
                                   ++state.live_processes;
                                   if (auto* session = find_session(state, sandbox_id, session_id))
                                       session->groups.insert(g);
                                   else
                                       ::kill(-g, SIGKILL);  // deleted while it was being started
                               },
                               [&](bool is_stderr, std::string_view data) {
                                   std::lock_guard lock(state.mutex);
                                   if (auto* c = find_command(state, sandbox_id, session_id, command_id))
                                   {
                                       c->output.append(data);
                                       (is_stderr ? c->stderr_text : c->stdout_text).append(data);
                                   }
                               }};
    std::optional<int> code;
    std::string failure;
    try
    {
        code = co_await run_host_command(ctx->executor, std::move(spec), std::move(events),
                                         clock_type::time_point::max());
    }
    catch (const host_command_failure& e)
    {
        failure = e.what();
        code = 127;
    }
    std::lock_guard lock(state.mutex);
    if (group != 0)
        --state.live_processes;
    if (auto* session = find_session(state, sandbox_id, session_id))
        session->groups.erase(group);
    if (auto* c = find_command(state, sandbox_id, session_id, command_id))
    {
        c->output += failure;
        c->stderr_text += failure;
        c->exit_code = code.value_or(137);
    }
}

reply create_session(exchange& ex)
{
    auto body = body_object(ex);
    auto id = body ? text_of(*body, "sessionId") : std::string();
    if (id.empty())
        return ex.error(400, "invalid request body: sessionId is required");
    auto& state = ex.state();
    std::lock_guard lock(state.mutex);
    auto* sandbox = state.find(ex.sandbox_id);
    if (!sandbox)
        return ex.error(404, "Sandbox not found");
    if (sandbox->sessions.count(id))
        return ex.error(409, "session already exists");
    sandbox->sessions[id].id = id;
    return empty_reply(201);
}

task<reply> session_exec(exchange& ex, const std::string& session_id)
{
    auto body = body_object(ex);
    if (!body)
        co_return ex.error(400, "invalid request body");
    const auto command = text_of(*body, "command");
    if (blank(command))
        co_return ex.error(400, "command cannot be empty");
    auto flag = [&](std::string_view key) {
        const auto* v = body->if_contains(key);
        return v && v->is_bool() && v->as_bool();
    };
    const bool async = flag("runAsync") || flag("async");

    auto& state = ex.state();
    const auto command_id = boost::uuids::to_string(boost::uuids::random_generator()());
    host_command_spec spec;
    {
        std::lock_guard lock(state.mutex);
        auto* sandbox = state.find(ex.sandbox_id);
        auto* session = sandbox ? find_session(state, ex.sandbox_id, session_id) : nullptr;
        if (!session)
            co_return ex.error(404, "session not found");
        session->commands.push_back({.id = command_id, .command = command});
        spec = {command, sandbox_environment(*sandbox),
                server_state::host_path(*sandbox, state.options.work_dir), false};
    }
    if (async)
    {
        asio::co_spawn(ex.ctx->executor,
                       run_session_command(ex.ctx, ex.sandbox_id, session_id, command_id, std::move(spec)),
                       asio::detached);
        co_return json_reply(202, json::object{{"cmdId", command_id}});
    }
    co_await run_session_command(ex.ctx, ex.sandbox_id, session_id, command_id, std::move(spec));
    std::lock_guard lock(state.mutex);
    auto* c = find_command(state, ex.sandbox_id, session_id, command_id);
    if (!c)
        co_return ex.error(400, "session cancelled");
    co_return json_reply(200, json::object{{"cmdId", command_id},
                                           {"output", c->output},
                                           {"stdout", c->stdout_text},
                                           {"stderr", c->stderr_text},
                                           {"exitCode", c->exit_code.value_or(1)}});
}

reply session_info(exchange& ex, const std::string& session_id)
{
    auto& state = ex.state();
    std::lock_guard lock(state.mutex);
    auto* session = find_session(state, ex.sandbox_id, session_id);
    if (!session)
        return ex.error(404, "session not found");
    return json_reply(200, session_json(*session));
}

reply list_sessions(exchange& ex)
{
    auto& state = ex.state();
    std::lock_guard lock(state.mutex);
    json::array out;
    if (auto* sandbox = state.find(ex.sandbox_id))
        for (const auto& [id, session] : sandbox->sessions)
            out.push_back(session_json(session));
    return json_reply(200, out);
}

reply delete_session(exchange& ex, const std::string& session_id)
{
    auto& state = ex.state();
    std::lock_guard lock(state.mutex);
    auto* sandbox = state.find(ex.sandbox_id);
    if (!sandbox)
        return ex.error(404, "session not found");
    auto it = sandbox->sessions.find(session_id);
    if (it == sandbox->sessions.end())
        return ex.error(404, "session not found");
    for (auto group : it->second.groups)
        ::kill(-group, SIGKILL);
    sandbox->sessions.erase(it);
    return empty_reply(204);
}

reply command_info(exchange& ex, const std::string& session_id, const std::string& command_id, bool logs)
{
    auto& state = ex.state();
    std::lock_guard lock(state.mutex);
    if (!find_session(state, ex.sandbox_id, session_id))
        return ex.error(404, "session not found");
    auto* c = find_command(state, ex.sandbox_id, session_id, command_id);
    if (!c)
        return ex.error(404, "command not found");
    if (!logs)
        return json_reply(200, command_json(*c));
    return json_reply(
        200, json::object{{"output", c->output}, {"stdout", c->stdout_text}, {"stderr", c->stderr_text}});
}

}  // namespace

task<reply> process_route(exchange& ex)
{
    // segments: process, ...
    const auto& s = ex.segments;
    const auto& m = ex.method;
    const auto n = s.size();
    if (n == 2 && s[1] == "execute" && m == "POST")
        co_return co_await execute(ex);
    if (n >= 2 && s[1] == "session")
    {
        if (n == 2 && m == "POST")
            co_return create_session(ex);
        if (n == 2 && m == "GET")
            co_return list_sessions(ex);
        if (n == 3 && m == "GET")
            co_return session_info(ex, s[2]);
        if (n == 3 && m == "DELETE")
            co_return delete_session(ex, s[2]);
        if (n == 4 && s[3] == "exec" && m == "POST")
            co_return co_await session_exec(ex, s[2]);
        if (n == 5 && s[3] == "command" && m == "GET")
            co_return command_info(ex, s[2], s[4], false);
        if (n == 6 && s[3] == "command" && s[5] == "logs" && m == "GET")
            co_return command_info(ex, s[2], s[4], true);
    }
    co_return ex.error(404, "Cannot " + m + " " + ex.path);
}

}  // namespace agent_backends::test::daytona_fake
