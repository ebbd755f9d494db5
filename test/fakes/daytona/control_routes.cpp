// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/daytona/routes.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <utility>

namespace json = boost::json;

namespace agent_backends::test::daytona_fake {
namespace {

std::string new_id()
{
    return boost::uuids::to_string(boost::uuids::random_generator()());
}

bool is_pending(std::string_view state)
{
    return state == "creating" || state == "pending_build" || state == "building_snapshot" ||
           state == "starting";
}

/// A read moves a sandbox along: pending states count down to their fate, stopping and destroying end.
/// Returns false when the sandbox is gone after this read.
bool advance(server_state& state, sandbox_record& sandbox)
{
    if (is_pending(sandbox.state))
    {
        if (sandbox.reads_left > 0)
            --sandbox.reads_left;
        if (sandbox.reads_left == 0)
        {
            sandbox.state = sandbox.fate;
            if (sandbox.fate != "started" && sandbox.error_reason.empty())
                sandbox.error_reason = "the sandbox failed to start";
        }
    }
    else if (sandbox.state == "stopping")
        sandbox.state = "stopped";
    else if (sandbox.state == "destroying")
    {
        sandbox.state = "destroyed";
        return true;
    }
    else if (sandbox.state == "destroyed")
    {
        state.remove(sandbox.id);
        return false;
    }
    return true;
}

std::map<std::string, std::string> label_filter_of(const std::string& text, bool& valid)
{
    std::map<std::string, std::string> out;
    valid = true;
    if (text.empty())
        return out;
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    if (ec || !v.is_object())
    {
        valid = false;
        return out;
    }
    for (const auto& [key, value] : v.as_object())
        if (value.is_string())
            out[std::string(key)] = std::string(value.as_string());
    return out;
}

bool has_labels(const sandbox_record& sandbox, const std::map<std::string, std::string>& wanted)
{
    for (const auto& [key, value] : wanted)
    {
        const auto* have = sandbox.labels.if_contains(key);
        if (!have || !have->is_string() || have->as_string() != value)
            return false;
    }
    return true;
}

reply not_found(const exchange& ex, std::string_view id)
{
    return ex.error(404, "Sandbox with ID or name " + std::string(id) + " not found");
}

reply create_sandbox(exchange& ex)
{
    boost::system::error_code ec;
    auto parsed = json::parse(ex.request.body(), ec);
    if (ec || !parsed.is_object())
        return ex.error(400, "Invalid request body");
    const auto& body = parsed.as_object();
    auto& state = ex.state();
    std::lock_guard lock(state.mutex);

    sandbox_record record;
    record.id = new_id();
    record.name = record.id;
    if (const auto* name = body.if_contains("name"); name && name->is_string() && !name->as_string().empty())
    {
        record.name = std::string(name->as_string());
        if (state.find(record.name))
            return ex.error(409, "Sandbox with name " + record.name + " already exists");
    }
    const auto* build = body.if_contains("buildInfo");
    if (build && !build->is_object())
        return ex.error(400, "buildInfo must be an object");
    if (build)
    {
        const auto* dockerfile = build->as_object().if_contains("dockerfileContent");
        if (!dockerfile || !dockerfile->is_string() || !dockerfile->as_string().starts_with("FROM "))
            return ex.error(400, "buildInfo.dockerfileContent must start with FROM");
        record.state = "pending_build";
    }
    else
    {
        record.state = "creating";
        const auto* snapshot = body.if_contains("snapshot");
        record.snapshot =
            snapshot && snapshot->is_string() ? std::string(snapshot->as_string()) : "daytona-small";
    }
    for (const char* key : {"env", "labels"})
        if (const auto* v = body.if_contains(key); v && !v->is_object())
            return ex.error(400, std::string(key) + " must be an object");
    if (const auto* env = body.if_contains("env"))
        record.env = env->as_object();
    if (const auto* labels = body.if_contains("labels"))
        record.labels = labels->as_object();
    for (const char* key : {"cpu", "memory", "disk", "gpu", "autoStopInterval"})
        if (const auto* v = body.if_contains(key))
            record.resources[key] = *v;
    if (const auto* user = body.if_contains("user"); user && user->is_string())
        record.user = std::string(user->as_string());
    if (const auto* target = body.if_contains("target"); target && target->is_string())
        record.target = std::string(target->as_string());
    record.create_body = ex.request.body();
    record.created_at = iso_now();
    record.reads_left = state.options.pending_reads;
    if (!state.failing_state.empty())
    {
        record.fate = state.failing_state;
        record.error_reason = state.failing_reason;
    }
    if (record.reads_left == 0)
        record.state = record.fate;
    auto& added = state.add_sandbox(std::move(record));
    return json_reply(200, sandbox_json(state, added));
}

reply list_sandboxes(exchange& ex)
{
    bool valid = true;
    auto wanted = label_filter_of(ex.param("labels"), valid);
    if (!valid)
        return ex.error(400, "labels must be a JSON object");
    auto& state = ex.state();
    std::lock_guard lock(state.mutex);
    json::array out;
    for (const auto& [id, sandbox] : state.sandboxes)
        if (sandbox.state != "destroyed" && has_labels(sandbox, wanted))
            out.push_back(sandbox_json(state, sandbox));
    return json_reply(200, out);
}

reply get_sandbox(exchange& ex, const std::string& id)
{
    auto& state = ex.state();
    std::lock_guard lock(state.mutex);
    auto* sandbox = state.find(id);
    if (!sandbox)
        return not_found(ex, id);
    auto shown = sandbox_json(state, *sandbox);
    const auto found_id = sandbox->id;
    if (!advance(state, *sandbox))
        return not_found(ex, id);
    if (auto* now = state.find(found_id))
        shown = sandbox_json(state, *now);
    return json_reply(200, shown);
}

reply start_sandbox(exchange& ex, const std::string& id)
{
    auto& state = ex.state();
    std::lock_guard lock(state.mutex);
    auto* sandbox = state.find(id);
    if (!sandbox || sandbox->state == "destroyed" || sandbox->state == "destroying")
        return not_found(ex, id);
    if (sandbox->state == "stopped" || sandbox->state == "archived" || sandbox->state == "stopping")
    {
        sandbox->state = "starting";
        sandbox->fate = "started";
        sandbox->reads_left = state.options.pending_reads;
        if (sandbox->reads_left == 0)
            sandbox->state = "started";
    }
    else if (sandbox->state == "error" || sandbox->state == "build_failed")
        return ex.error(400, "Sandbox is in an errored state");
    return json_reply(200, sandbox_json(state, *sandbox));
}

reply stop_sandbox(exchange& ex, const std::string& id)
{
    auto& state = ex.state();
    std::lock_guard lock(state.mutex);
    auto* sandbox = state.find(id);
    if (!sandbox || sandbox->state == "destroyed" || sandbox->state == "destroying")
        return not_found(ex, id);
    if (sandbox->state != "started")
        return ex.error(400, "Sandbox is not started");
    server_state::kill_processes(*sandbox);
    sandbox->sessions.clear();
    sandbox->state = "stopping";
    return json_reply(200, sandbox_json(state, *sandbox));
}

reply delete_sandbox(exchange& ex, const std::string& id)
{
    auto& state = ex.state();
    std::lock_guard lock(state.mutex);
    auto* sandbox = state.find(id);
    if (!sandbox || sandbox->state == "destroyed")
        return not_found(ex, id);
    server_state::kill_processes(*sandbox);
    sandbox->sessions.clear();
    sandbox->state = "destroying";
    return json_reply(200, sandbox_json(state, *sandbox));
}

reply toolbox_proxy_url(exchange& ex, const std::string& id)
{
    auto& state = ex.state();
    std::lock_guard lock(state.mutex);
    if (!state.find(id))
        return not_found(ex, id);
    return json_reply(200, json::object{{"url", state.base_url + "/toolbox"}});
}

}  // namespace

json::object sandbox_json(const server_state& state, const sandbox_record& sandbox)
{
    json::object out{
        {"id", sandbox.id},
        {"organizationId", "fake-organization"},
        {"name", sandbox.name},
        {"state", sandbox.state},
        {"desiredState", sandbox.state == "destroying" || sandbox.state == "destroyed" ? "destroyed"
                         : sandbox.state == "stopping" || sandbox.state == "stopped"   ? "stopped"
                                                                                       : "started"},
        {"env", sandbox.env},
        {"labels", sandbox.labels},
        {"public", false},
        {"target", sandbox.target.empty() ? "us" : sandbox.target},
        {"user", sandbox.user.empty() ? "daytona" : sandbox.user},
        {"cpu", 1},
        {"gpu", 0},
        {"memory", 1},
        {"disk", 3},
        {"autoStopInterval", 15},
        {"autoArchiveInterval", 10080},
        {"autoDeleteInterval", -1},
        {"createdAt", sandbox.created_at},
        {"updatedAt", iso_now()},
        {"toolboxProxyUrl", state.base_url + "/toolbox"},
        {"daemonVersion", "0.190.0-fake"}};
    for (const auto& [key, value] : sandbox.resources)
        out[key] = value;
    if (!sandbox.snapshot.empty())
        out["snapshot"] = sandbox.snapshot;
    if (!sandbox.error_reason.empty())
    {
        out["errorReason"] = sandbox.error_reason;
        out["recoverable"] = false;
    }
    return out;
}

task<reply> control_route(exchange& ex)
{
    const auto& s = ex.segments;
    const auto& m = ex.method;
    const auto n = s.size();
    if (n == 0 || s[0] != "sandbox")
        co_return ex.error(404, "Cannot " + m + " " + ex.path);
    if (n == 1 && m == "POST")
        co_return create_sandbox(ex);
    if (n == 1 && m == "GET")
        co_return list_sandboxes(ex);
    if (n == 2 && m == "GET")
        co_return get_sandbox(ex, s[1]);
    if (n == 2 && m == "DELETE")
        co_return delete_sandbox(ex, s[1]);
    if (n == 3 && m == "POST" && s[2] == "start")
        co_return start_sandbox(ex, s[1]);
    if (n == 3 && m == "POST" && s[2] == "stop")
        co_return stop_sandbox(ex, s[1]);
    if (n == 3 && m == "GET" && s[2] == "toolbox-proxy-url")
        co_return toolbox_proxy_url(ex, s[1]);
    co_return ex.error(404, "Cannot " + m + " " + ex.path);
}

}  // namespace agent_backends::test::daytona_fake
