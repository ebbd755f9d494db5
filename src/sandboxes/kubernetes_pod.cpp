// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/kubernetes_pod.hpp"

#include <agent_backends/error.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <array>

namespace json = boost::json;

namespace agent_backends::detail {
namespace {

constexpr std::size_t max_label = 63;

/// Waiting reasons after which the container will not start without someone changing the pod.
constexpr std::array<std::string_view, 7> fatal_waiting_reasons{
    "ErrImagePull",     "ImagePullBackOff",     "InvalidImageName", "CreateContainerConfigError",
    "CrashLoopBackOff", "CreateContainerError", "ErrImageNeverPull"};

bool is_alnum(char c) noexcept
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string trimmed_to_label(std::string text)
{
    if (text.size() > max_label)
        text.resize(max_label);
    while (!text.empty() && !is_alnum(text.back()))
        text.pop_back();
    auto first = std::find_if(text.begin(), text.end(), is_alnum);
    return std::string(first, text.end());
}

std::string text_at(const json::object& object, std::string_view key)
{
    if (auto* value = object.if_contains(key); value && value->is_string())
        return std::string(value->get_string());
    return {};
}

const json::object* object_at(const json::object& object, std::string_view key)
{
    auto* value = object.if_contains(key);
    return value && value->is_object() ? &value->get_object() : nullptr;
}

std::string joined(std::string reason, const std::string& message)
{
    if (message.empty())
        return reason;
    if (reason.empty())
        return message;
    return reason + ": " + message;
}

json::object quantities(const std::string& cpu, const std::string& memory)
{
    json::object out;
    if (!cpu.empty())
        out["cpu"] = cpu;
    if (!memory.empty())
        out["memory"] = memory;
    return out;
}

}  // namespace

std::string pod_name_from(std::string_view text)
{
    std::string out;
    for (char c : text)
    {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        out += is_alnum(c) ? c : '-';
    }
    return trimmed_to_label(std::move(out));
}

std::string label_value_from(std::string_view text)
{
    std::string out;
    for (char c : text)
        out += is_alnum(c) || c == '.' || c == '_' || c == '-' ? c : '_';
    return trimmed_to_label(std::move(out));
}

std::string pod_manifest(const pod_manifest_input& in)
{
    json::object container{{"name", in.container_name},
                           {"image", in.image},
                           {"command", json::array{"sh", "-c", keep_alive_script}}};
    if (!in.work_dir.empty())
        container["workingDir"] = in.work_dir;
    if (!in.env.empty())
    {
        json::array env;
        for (const auto& [key, value] : in.env)
            env.push_back(json::object{{"name", key}, {"value", value}});
        container["env"] = std::move(env);
    }
    json::object resources;
    if (auto requests = quantities(in.cpu_request, in.memory_request); !requests.empty())
        resources["requests"] = std::move(requests);
    if (auto limits = quantities(in.cpu_limit, in.memory_limit); !limits.empty())
        resources["limits"] = std::move(limits);
    if (!resources.empty())
        container["resources"] = std::move(resources);
    if (!in.image_pull_policy.empty())
        container["imagePullPolicy"] = in.image_pull_policy;

    json::object labels;
    for (const auto& [key, value] : in.labels)
        labels[key] = value;
    json::object spec{{"restartPolicy", "Never"},
                      {"terminationGracePeriodSeconds", 5},
                      {"containers", json::array{std::move(container)}}};
    if (in.active_deadline.count() > 0)
        spec["activeDeadlineSeconds"] = in.active_deadline.count();
    if (!in.service_account.empty())
        spec["serviceAccountName"] = in.service_account;
    else
        spec["automountServiceAccountToken"] = false;  // commands in the sandbox get no API access
    json::object pod{
        {"apiVersion", "v1"},
        {"kind", "Pod"},
        {"metadata",
         json::object{{"name", in.name}, {"namespace", in.namespace_name}, {"labels", std::move(labels)}}},
        {"spec", std::move(spec)}};
    return json::serialize(pod);
}

boost::system::result<pod_progress> read_pod_progress(std::string_view pod_json, std::string_view container)
{
    boost::system::error_code ec;
    auto value = json::parse(pod_json, ec);
    if (ec || !value.is_object())
        return make_error_code(errc::protocol_error);
    const auto& pod = value.get_object();
    pod_progress out;
    const auto* status = object_at(pod, "status");
    if (!status)
        return out;
    out.phase = text_at(*status, "phase");
    if (auto* metadata = object_at(pod, "metadata"); metadata && metadata->if_contains("deletionTimestamp"))
    {
        out.where = pod_progress::state::ended;
        out.detail = "being deleted";
        return out;
    }
    if (out.phase == "Failed" || out.phase == "Succeeded")
    {
        out.where = out.phase == "Failed" ? pod_progress::state::failed : pod_progress::state::ended;
        out.detail = joined(text_at(*status, "reason"), text_at(*status, "message"));
        return out;
    }
    if (auto* conditions = status->if_contains("conditions"); conditions && conditions->is_array())
    {
        for (const auto& condition : conditions->get_array())
        {
            if (!condition.is_object())
                continue;
            const auto& c = condition.get_object();
            if (text_at(c, "type") == "PodScheduled" && text_at(c, "status") == "False" &&
                text_at(c, "reason") == "Unschedulable")
            {
                out.where = pod_progress::state::failed;
                out.detail = joined("Unschedulable", text_at(c, "message"));
                return out;
            }
        }
    }
    bool container_running = false;
    if (auto* statuses = status->if_contains("containerStatuses"); statuses && statuses->is_array())
    {
        for (const auto& entry : statuses->get_array())
        {
            if (!entry.is_object() || text_at(entry.get_object(), "name") != container)
                continue;
            const auto* state = object_at(entry.get_object(), "state");
            if (!state)
                break;
            if (const auto* waiting = object_at(*state, "waiting"))
            {
                auto reason = text_at(*waiting, "reason");
                out.detail = joined(reason, text_at(*waiting, "message"));
                if (std::find(fatal_waiting_reasons.begin(), fatal_waiting_reasons.end(), reason) !=
                    fatal_waiting_reasons.end())
                {
                    out.where = pod_progress::state::failed;
                    return out;
                }
            }
            else if (const auto* terminated = object_at(*state, "terminated"))
            {
                out.where = pod_progress::state::ended;
                auto code = terminated->if_contains("exitCode");
                out.detail =
                    joined("container terminated " + text_at(*terminated, "reason"),
                           code && code->is_int64() ? "exit code " + std::to_string(code->get_int64())
                                                    : std::string());
                return out;
            }
            else if (object_at(*state, "running"))
            {
                container_running = true;
            }
        }
    }
    if (out.phase == "Running" && container_running)
        out.where = pod_progress::state::running;
    else if (out.detail.empty())
        out.detail = out.phase.empty() ? "no status yet" : out.phase;
    return out;
}

}  // namespace agent_backends::detail
