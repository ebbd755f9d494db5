// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/docker_json.hpp"

#include "core/base64.hpp"

#include <boost/json.hpp>

#include <cmath>
#include <cstdint>

namespace json = boost::json;

namespace agent_backends::detail {
namespace {

json::array string_array(const std::vector<std::string>& items)
{
    json::array a;
    a.reserve(items.size());
    for (const auto& s : items)
        a.emplace_back(s);
    return a;
}

std::optional<json::object> object_of(std::string_view body)
{
    boost::system::error_code ec;
    auto v = json::parse(body, ec);
    if (ec || !v.is_object())
        return std::nullopt;
    return std::move(v.as_object());
}

std::optional<std::string> string_at(const json::object& o, std::string_view key)
{
    auto it = o.find(key);
    if (it == o.end() || !it->value().is_string())
        return std::nullopt;
    return std::string(it->value().get_string());
}

bool bool_at(const json::object& o, std::string_view key)
{
    auto it = o.find(key);
    return it != o.end() && it->value().is_bool() && it->value().get_bool();
}

std::optional<std::int64_t> int_at(const json::object& o, std::string_view key)
{
    auto it = o.find(key);
    if (it == o.end())
        return std::nullopt;
    if (it->value().is_int64())
        return it->value().get_int64();
    if (it->value().is_uint64())
        return static_cast<std::int64_t>(it->value().get_uint64());
    if (it->value().is_double())
        return static_cast<std::int64_t>(it->value().get_double());
    return std::nullopt;
}

const json::object* object_at(const json::object& o, std::string_view key)
{
    auto it = o.find(key);
    return it != o.end() && it->value().is_object() ? &it->value().get_object() : nullptr;
}

}  // namespace

std::string container_create_body(const container_spec& spec)
{
    json::object body;
    body["Image"] = spec.image;
    if (!spec.command.empty())
        body["Cmd"] = string_array(spec.command);
    if (!spec.env.empty())
        body["Env"] = string_array(spec.env);
    if (!spec.working_dir.empty())
        body["WorkingDir"] = spec.working_dir;
    if (!spec.user.empty())
        body["User"] = spec.user;
    if (!spec.labels.empty())
    {
        json::object labels;
        for (const auto& [k, v] : spec.labels)
            labels[k] = v;
        body["Labels"] = std::move(labels);
    }
    body["Tty"] = false;
    body["OpenStdin"] = false;
    body["AttachStdout"] = false;
    body["AttachStderr"] = false;

    json::object host;
    if (!spec.binds.empty())
        host["Binds"] = string_array(spec.binds);
    if (spec.memory_bytes)
    {
        host["Memory"] = *spec.memory_bytes;
        host["MemorySwap"] = *spec.memory_bytes;  // no swap beyond the limit
    }
    if (spec.cpus)
        host["NanoCpus"] = static_cast<std::int64_t>(std::llround(*spec.cpus * 1e9));
    if (spec.pids_limit)
        host["PidsLimit"] = *spec.pids_limit;
    if (!spec.network_mode.empty())
        host["NetworkMode"] = spec.network_mode;
    if (spec.no_new_privileges)
        host["SecurityOpt"] = json::array{"no-new-privileges:true"};
    body["HostConfig"] = std::move(host);
    return json::serialize(body);
}

std::string exec_create_body(const exec_spec& spec)
{
    json::object body;
    body["AttachStdin"] = spec.attach_stdin;
    body["AttachStdout"] = true;
    body["AttachStderr"] = true;
    body["Tty"] = false;
    body["Cmd"] = string_array(spec.command);
    if (!spec.env.empty())
        body["Env"] = string_array(spec.env);
    if (!spec.working_dir.empty())
        body["WorkingDir"] = spec.working_dir;
    if (!spec.user.empty())
        body["User"] = spec.user;
    body["Privileged"] = false;
    return json::serialize(body);
}

std::optional<std::string> id_of(std::string_view body)
{
    auto o = object_of(body);
    if (!o)
        return std::nullopt;
    auto id = string_at(*o, "Id");
    if (!id || id->empty())
        return std::nullopt;
    return id;
}

std::optional<std::string> engine_message_of(std::string_view body)
{
    auto o = object_of(body);
    if (!o)
        return std::nullopt;
    auto m = string_at(*o, "message");
    if (!m || m->empty())
        return std::nullopt;
    return m;
}

std::optional<container_state> container_state_of(std::string_view body)
{
    auto o = object_of(body);
    if (!o)
        return std::nullopt;
    const auto* state = object_at(*o, "State");
    if (!state)
        return std::nullopt;
    container_state s;
    s.id = string_at(*o, "Id").value_or("");
    s.status = string_at(*state, "Status").value_or("");
    s.running = bool_at(*state, "Running");
    s.exit_code = static_cast<int>(int_at(*state, "ExitCode").value_or(0));
    s.oom_killed = bool_at(*state, "OOMKilled");
    return s;
}

std::optional<exec_state> exec_state_of(std::string_view body)
{
    auto o = object_of(body);
    if (!o)
        return std::nullopt;
    exec_state s;
    s.running = bool_at(*o, "Running");
    s.pid = int_at(*o, "Pid").value_or(0);
    // Podman reports 0 before the command ran, Docker null while it runs: only a finished exec has one.
    if (!s.running)
        if (auto code = int_at(*o, "ExitCode"))
            s.exit_code = static_cast<int>(*code);
    return s;
}

std::optional<engine_version> engine_version_of(std::string_view body)
{
    auto o = object_of(body);
    if (!o)
        return std::nullopt;
    engine_version v;
    v.version = string_at(*o, "Version").value_or("");
    v.api_version = string_at(*o, "ApiVersion").value_or("");
    if (auto it = o->find("Components"); it != o->end() && it->value().is_array())
    {
        for (const auto& c : it->value().get_array())
        {
            if (!c.is_object())
                continue;
            if (string_at(c.get_object(), "Name") == "Podman Engine")
            {
                v.is_podman = true;
                if (v.version.empty())
                    v.version = string_at(c.get_object(), "Version").value_or("");
            }
        }
    }
    return v;
}

std::optional<container_path_stat> path_stat_of(std::string_view header_value)
{
    auto text = base64_decode(header_value);
    if (!text)
        return std::nullopt;
    auto o = object_of(*text);
    if (!o)
        return std::nullopt;
    container_path_stat s;
    s.name = string_at(*o, "name").value_or("");
    s.size = static_cast<std::uint64_t>(std::max<std::int64_t>(0, int_at(*o, "size").value_or(0)));
    s.mode = static_cast<std::uint32_t>(int_at(*o, "mode").value_or(0));
    s.mtime = string_at(*o, "mtime").value_or("");
    s.link_target = string_at(*o, "linkTarget").value_or("");
    return s;
}

std::optional<progress_line> progress_line_of(std::string_view line)
{
    auto o = object_of(line);
    if (!o)
        return std::nullopt;
    progress_line p;
    p.error = string_at(*o, "error");
    if (const auto* detail = object_at(*o, "errorDetail"); detail && (!p.error || p.error->empty()))
        if (auto m = string_at(*detail, "message"))
            p.error = m;
    if (o->contains("error") && !p.error)
        p.error = "";  // an error of unexpected shape is still an error
    p.stream = string_at(*o, "stream");
    if (const auto* aux = object_at(*o, "aux"))
        p.aux_id = string_at(*aux, "ID");
    return p;
}


}  // namespace agent_backends::detail
