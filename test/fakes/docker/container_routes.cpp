// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/docker/routes.hpp"

#include "fakes/common/http_wire.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <signal.h>

namespace json = boost::json;

namespace agent_backends::test::docker_fake {
namespace {

std::string text_of(const json::value* v)
{
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::vector<std::string> strings_of(const json::value* v)
{
    std::vector<std::string> out;
    if (v && v->is_array())
        for (const auto& item : v->as_array())
            if (item.is_string())
                out.emplace_back(item.as_string());
    return out;
}

bool valid_name(std::string_view name)
{
    if (name.empty() || !std::isalnum(static_cast<unsigned char>(name[0])))
        return false;
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-')
            return false;
    return true;
}

// `HostConfig.Binds` (`src:dst[:mode]`) and bind-type `HostConfig.Mounts`.
std::vector<bind_mount> binds_of(const json::object& host_config)
{
    std::vector<bind_mount> out;
    for (const auto& spec : strings_of(host_config.if_contains("Binds")))
    {
        auto first = spec.find(':');
        if (first == std::string::npos)
            continue;
        auto second = spec.find(':', first + 1);
        out.push_back(
            {spec.substr(0, first),
             spec.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1)});
    }
    if (const auto* mounts = host_config.if_contains("Mounts"); mounts && mounts->is_array())
        for (const auto& m : mounts->as_array())
            if (m.is_object() && text_of(m.as_object().if_contains("Type")) == "bind")
                out.push_back({text_of(m.as_object().if_contains("Source")),
                               text_of(m.as_object().if_contains("Target"))});
    return out;
}

json::value inspect_json(const engine_state& state, const container_record& c)
{
    auto cmd = strings_of(c.config.if_contains("Cmd"));
    json::array args;
    for (std::size_t i = 1; i < cmd.size(); ++i)
        args.emplace_back(cmd[i]);
    json::object config = c.config;
    config["Hostname"] = c.id.substr(0, 12);
    config["Image"] = c.image;
    config["WorkingDir"] = c.working_dir == "/" ? "" : c.working_dir;
    json::array mounts;
    for (const auto& b : c.binds)
        mounts.push_back(json::object{{"Type", "bind"},
                                      {"Source", b.host_path},
                                      {"Destination", b.container_path},
                                      {"Mode", ""},
                                      {"RW", true},
                                      {"Propagation", "rprivate"}});
    json::value exec_ids = nullptr;
    if (!c.exec_ids.empty())
    {
        json::array ids;
        for (const auto& id : c.exec_ids)
            ids.emplace_back(id);
        exec_ids = std::move(ids);
    }
    return json::object{{"Id", c.id},
                        {"Created", c.created_at},
                        {"Path", cmd.empty() ? "" : cmd.front()},
                        {"Args", std::move(args)},
                        {"State", json::object{{"Status", c.status},
                                               {"Running", c.running()},
                                               {"Paused", false},
                                               {"Restarting", false},
                                               {"OOMKilled", false},
                                               {"Dead", false},
                                               {"Pid", c.group ? c.group->id() : 0},
                                               {"ExitCode", c.exit_code},
                                               {"Error", ""},
                                               {"StartedAt", c.started_at},
                                               {"FinishedAt", c.finished_at}}},
                        {"Image", c.image_id},
                        {"Name", "/" + c.name},
                        {"RestartCount", 0},
                        {"Driver", "overlay2"},
                        {"Platform", "linux"},
                        {"MountLabel", ""},
                        {"ProcessLabel", ""},
                        {"AppArmorProfile", ""},
                        {"ExecIDs", std::move(exec_ids)},
                        {"HostConfig", c.host_config},
                        {"GraphDriver", json::object{{"Name", "overlay2"}, {"Data", nullptr}}},
                        {"Mounts", std::move(mounts)},
                        {"Config", std::move(config)},
                        {"NetworkSettings", json::object{{"Networks", json::object{}}}}};
}

// Filter values as lists, from `{"label":["a=b"]}` or the older `{"label":{"a=b":true}}`.
std::map<std::string, std::vector<std::string>> filters_of(const std::string& text)
{
    std::map<std::string, std::vector<std::string>> out;
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    if (ec || !v.is_object())
        return out;
    for (const auto& [key, value] : v.as_object())
    {
        auto& list = out[std::string(key)];
        if (value.is_array())
            list = strings_of(&value);
        else if (value.is_object())
            for (const auto& [k, ignored] : value.as_object())
                list.emplace_back(k);
    }
    return out;
}

bool passes(const container_record& c, const std::map<std::string, std::vector<std::string>>& filters)
{
    for (const auto& [key, values] : filters)
        for (const auto& value : values)
        {
            if (key == "label")
            {
                auto eq = value.find('=');
                auto it = c.labels.find(value.substr(0, eq));
                if (it == c.labels.end() || (eq != std::string::npos && it->second != value.substr(eq + 1)))
                    return false;
            }
            else if (key == "name" && c.name.find(value) == std::string::npos)
                return false;
            else if (key == "id" && c.id.rfind(value, 0) != 0)
                return false;
            else if (key == "status" && c.status != value)
                return false;
        }
    return true;
}

int signal_number(std::string name)
{
    if (name.empty())
        return SIGKILL;
    if (std::isdigit(static_cast<unsigned char>(name[0])))
        return std::atoi(name.c_str());
    if (name.rfind("SIG", 0) == 0)
        name.erase(0, 3);
    static const std::pair<const char*, int> known[] = {
        {"KILL", SIGKILL}, {"TERM", SIGTERM}, {"INT", SIGINT},   {"HUP", SIGHUP},  {"QUIT", SIGQUIT},
        {"USR1", SIGUSR1}, {"USR2", SIGUSR2}, {"STOP", SIGSTOP}, {"CONT", SIGCONT}};
    for (const auto& [n, number] : known)
        if (name == n)
            return number;
    return -1;
}

bool execs_running(const engine_state& state, const container_record& c)
{
    for (const auto& id : c.exec_ids)
        if (auto it = state.execs.find(id);
            it != state.execs.end() && it->second.phase == exec_phase::running)
            return true;
    return false;
}

}  // namespace

task<reply> create_container(exchange& ex)
{
    boost::system::error_code ec;
    auto body = json::parse(ex.request.body(), ec);
    if (ec || !body.is_object())
        co_return error_reply(400,
                              "invalid JSON body: " + (ec ? ec.message() : std::string("not an object")));
    auto& config = body.as_object();
    auto image = text_of(config.if_contains("Image"));
    auto name = ex.param("name");
    if (name.rfind('/', 0) == 0)
        name.erase(0, 1);
    if (image.empty())
        co_return error_reply(400, "No image specified in the container configuration");
    if (!name.empty() && !valid_name(name))
        co_return error_reply(
            400, "Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");

    auto& state = ex.state();
    std::lock_guard lock(state.mutex);
    auto* found = state.find_image(image);
    if (!found)
        co_return error_reply(404, "No such image: " + engine_state::full_tag(image));
    if (!name.empty())
        for (const auto& [id, c] : state.containers)
            if (c.name == name)
                co_return error_reply(409, "Conflict. The container name \"/" + name +
                                               "\" is already in use by container \"" + id +
                                               "\". You have to remove (or rename) that container to be "
                                               "able to reuse that name.");
    container_record c;
    c.id = engine_state::random_id();
    c.name = name.empty() ? "fake_" + c.id.substr(0, 12) : name;
    c.image = image;
    c.image_id = found->id;
    c.create_body = ex.request.body();
    if (const auto* hc = config.if_contains("HostConfig"); hc && hc->is_object())
        c.host_config = hc->as_object();
    config.erase("HostConfig");
    config.erase("NetworkingConfig");
    c.env = strings_of(config.if_contains("Env"));
    if (const auto* labels = config.if_contains("Labels"); labels && labels->is_object())
        for (const auto& [k, v] : labels->as_object())
            c.labels[std::string(k)] = text_of(&v);
    if (auto wd = text_of(config.if_contains("WorkingDir")); !wd.empty())
        c.working_dir = wd;
    c.binds = binds_of(c.host_config);
    c.config = std::move(config);
    c.created_at = engine_state::now_rfc3339();
    c.root_dir = state.make_root_dir(c.id);
    std::error_code fs_ec;
    std::filesystem::create_directories(state.host_path(c, c.working_dir), fs_ec);
    auto id = c.id;
    state.containers.emplace(id, std::move(c));
    co_return json_reply(201, json::object{{"Id", id}, {"Warnings", json::array{}}});
}

task<reply> list_containers(exchange& ex)
{
    bool all = ex.flag("all");
    auto filters = filters_of(ex.param("filters"));
    json::array out;
    std::lock_guard lock(ex.state().mutex);
    for (const auto& [id, c] : ex.state().containers)
    {
        if ((!all && !c.running()) || !passes(c, filters))
            continue;
        json::object labels;
        for (const auto& [k, v] : c.labels)
            labels[k] = v;
        std::string command;
        for (const auto& word : strings_of(c.config.if_contains("Cmd")))
            command += (command.empty() ? "" : " ") + word;
        out.push_back(
            json::object{{"Id", c.id},
                         {"Names", json::array{json::value("/" + c.name)}},
                         {"Image", c.image},
                         {"ImageID", c.image_id},
                         {"Command", command},
                         {"Created", 0},
                         {"State", c.status},
                         {"Status", c.running() ? "Up" : "Exited (" + std::to_string(c.exit_code) + ")"},
                         {"Labels", std::move(labels)}});
    }
    co_return json_reply(200, out);
}

task<reply> start_container(exchange& ex)
{
    {
        std::lock_guard lock(ex.state().mutex);
        auto* c = ex.state().find_container(ex.segments[1]);
        if (!c)
            co_return no_such_container(ex.segments[1]);
        if (c->running())
            co_return empty_reply(304);
        c->group = std::make_shared<container_group>();
        c->status = "running";
        c->exit_code = 0;
        c->started_at = engine_state::now_rfc3339();
    }
    ex.ctx->notify_change();
    co_return empty_reply(204);
}

task<reply> inspect_container(exchange& ex)
{
    std::lock_guard lock(ex.state().mutex);
    auto* c = ex.state().find_container(ex.segments[1]);
    if (!c)
        co_return no_such_container(ex.segments[1]);
    co_return json_reply(200, inspect_json(ex.state(), *c));
}

// Sends SIGTERM to the container's processes, gives its execs up to `t` seconds (default 10) to end, then
// kills what is left.
task<reply> stop_container(exchange& ex)
{
    auto grace = std::chrono::seconds(std::atoi(ex.param("t", "10").c_str()));
    std::string id;
    {
        std::lock_guard lock(ex.state().mutex);
        auto* c = ex.state().find_container(ex.segments[1]);
        if (!c)
            co_return no_such_container(ex.segments[1]);
        if (!c->running())
            co_return empty_reply(304);
        id = c->id;
        if (grace.count() > 0)
            c->group->signal(SIGTERM);
    }
    auto deadline = std::chrono::steady_clock::now() + grace;
    bool ended_in_grace = grace.count() > 0;
    while (!ex.ctx->stopping())
    {
        {
            std::lock_guard lock(ex.state().mutex);
            auto* c = ex.state().find_container(id);
            if (!c || !c->running() || !execs_running(ex.state(), *c))
                break;
        }
        if (std::chrono::steady_clock::now() >= deadline)
        {
            ended_in_grace = false;
            break;
        }
        co_await ex.ctx->wait_for_change(deadline);
    }
    {
        std::lock_guard lock(ex.state().mutex);
        if (auto* c = ex.state().find_container(id); c && c->running())
            ex.state().mark_exited(*c, 128 + (ended_in_grace ? SIGTERM : SIGKILL));
    }
    ex.ctx->notify_change();
    co_return empty_reply(204);
}

task<reply> kill_container(exchange& ex)
{
    auto signal_name = ex.param("signal", "SIGKILL");
    int sig = signal_number(signal_name);
    if (sig <= 0 || sig >= 65)
        co_return error_reply(400, "Invalid signal: " + signal_name);
    {
        std::lock_guard lock(ex.state().mutex);
        auto* c = ex.state().find_container(ex.segments[1]);
        if (!c)
            co_return no_such_container(ex.segments[1]);
        if (!c->running())
            co_return error_reply(
                409, "Cannot kill container: " + ex.segments[1] + ": Container " + c->id + " is not running");
        c->group->signal(sig);
        ex.state().mark_exited(*c, 128 + sig);
    }
    ex.ctx->notify_change();
    co_return empty_reply(204);
}

// Sends the status line and fields at once, then the body when the condition holds (as the engine does).
task<reply> wait_container(exchange& ex)
{
    using namespace boost::asio::experimental::awaitable_operators;
    auto condition = ex.param("condition", "not-running");
    std::string id;
    std::uint64_t exits_before = 0;
    int exit_code = 0;
    {
        std::lock_guard lock(ex.state().mutex);
        auto* c = ex.state().find_container(ex.segments[1]);
        if (!c)
            co_return no_such_container(ex.segments[1]);
        id = c->id;
        exits_before = c->exits;
        exit_code = c->exit_code;
    }
    reply done{.taken_over = true, .keep_alive = false};
    if (!co_await ex.conn->write(chunked_head(ex.options(), "application/json")))
        co_return done;
    for (;;)
    {
        bool met = false;
        {
            std::lock_guard lock(ex.state().mutex);
            auto* c = ex.state().find_container(id);
            if (c)
                exit_code = c->exit_code;
            if (!c)
                met = true;
            else if (condition == "next-exit")
                met = c->exits > exits_before;
            else if (condition != "removed")
                met = !c->running();
        }
        if (met)
            break;
        if (ex.ctx->stopping())
            co_return done;
        auto woke = co_await (ex.ctx->wait_for_change() || ex.conn->wait_closed());
        if (woke.index() == 1)
            co_return done;  // the client hung up
    }
    auto body = json::serialize(json::object{{"StatusCode", exit_code}, {"Error", nullptr}}) + "\n";
    if (ex.corrupt_json)
        body = invalid_json_body();
    done.keep_alive = co_await ex.conn->write(http_chunk(body) + last_http_chunk()) && ex.request.keep_alive();
    co_return done;
}

task<reply> remove_container(exchange& ex)
{
    std::string dir;
    {
        auto& state = ex.state();
        std::lock_guard lock(state.mutex);
        auto* c = state.find_container(ex.segments[1]);
        if (!c)
            co_return no_such_container(ex.segments[1]);
        if (c->running() && !ex.flag("force"))
            co_return error_reply(409, "You cannot remove a running container " + c->id +
                                           ". Stop the container before attempting removal or force remove");
        if (c->running())
            state.mark_exited(*c, 128 + SIGKILL);
        for (const auto& exec_id : c->exec_ids)
            state.execs.erase(exec_id);
        dir = c->root_dir;
        state.containers.erase(c->id);
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    ex.ctx->notify_change();
    co_return empty_reply(204);
}

}  // namespace agent_backends::test::docker_fake
