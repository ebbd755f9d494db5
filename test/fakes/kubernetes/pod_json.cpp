// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/kubernetes/pod_json.hpp"

#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

#include <ctime>

namespace json = boost::json;

namespace agent_backends::test::kubernetes_fake {
namespace {

constexpr std::string_view node_name = "fake-node";
constexpr std::string_view host_ip = "127.0.0.1";

json::object object_at(const json::object& o, std::string_view key)
{
    const auto* v = o.if_contains(key);
    return v && v->is_object() ? v->as_object() : json::object{};
}

json::value& defaulted(json::object& o, std::string_view key, json::value fallback)
{
    if (!o.contains(key))
        o[key] = std::move(fallback);
    return o[key];
}

// The kubelet's default: `Always` for `:latest` or no tag, else `IfNotPresent`.
std::string pull_policy(std::string_view image)
{
    auto slash = image.rfind('/');
    auto name = slash == std::string_view::npos ? image : image.substr(slash + 1);
    if (name.find('@') != std::string_view::npos)
        return "IfNotPresent";
    auto colon = name.rfind(':');
    return colon == std::string_view::npos || name.substr(colon + 1) == "latest" ? "Always" : "IfNotPresent";
}

json::object condition(std::string_view type, bool ok, const pod_record& pod)
{
    json::object c{{"type", type},
                   {"status", ok ? "True" : "False"},
                   {"lastProbeTime", nullptr},
                   {"lastTransitionTime", pod.started_at.empty() ? pod.created_at : pod.started_at}};
    if (!ok)
        c["reason"] = "ContainersNotReady";
    return c;
}

json::object container_state(const pod_record& pod)
{
    if (pod.running())
        return {{"running", json::object{{"startedAt", pod.started_at}}}};
    if (pod.phase == "Pending")
    {
        json::object waiting{
            {"reason", pod.waiting_reason.empty() ? "ContainerCreating" : pod.waiting_reason}};
        if (!pod.waiting_reason.empty())
            waiting["message"] = pod.waiting_reason == "ImagePullBackOff"
                                     ? "Back-off pulling image"
                                     : "failed to pull and unpack image: not found in the fake registry";
        return {{"waiting", std::move(waiting)}};
    }
    return {{"terminated", json::object{{"exitCode", pod.exit_code},
                                        {"reason", pod.exit_code == 0 ? "Completed" : "Error"},
                                        {"startedAt", pod.started_at},
                                        {"finishedAt", pod.started_at}}}};
}

json::array container_statuses(const pod_record& pod)
{
    json::array out;
    for (const auto& c : pod.containers)
    {
        json::object s{{"name", c.name},
                       {"image", c.image},
                       {"imageID", ""},
                       {"ready", pod.running()},
                       {"started", pod.running()},
                       {"restartCount", 0},
                       {"state", container_state(pod)}};
        if (!pod.started_at.empty())
            s["containerID"] = "containerd://" + pod.uid;
        out.push_back(std::move(s));
    }
    return out;
}

json::object pod_status(const pod_record& pod)
{
    bool ready = pod.running();
    json::object status{
        {"phase", pod.phase},
        {"conditions",
         json::array{condition("Initialized", true, pod), condition("Ready", ready, pod),
                     condition("ContainersReady", ready, pod), condition("PodScheduled", true, pod)}},
        {"hostIP", host_ip},
        {"hostIPs", json::array{json::object{{"ip", host_ip}}}},
        {"podIP", host_ip},
        {"podIPs", json::array{json::object{{"ip", host_ip}}}},
        {"startTime", pod.created_at},
        {"qosClass", "BestEffort"},
        {"containerStatuses", container_statuses(pod)}};
    if (!pod.reason.empty())
    {
        status["reason"] = pod.reason;
        status["message"] = "Pod was active on the node longer than the specified deadline";
    }
    return status;
}

json::object pod_metadata(const pod_record& pod)
{
    auto metadata = object_at(pod.manifest, "metadata");
    metadata["name"] = pod.name;
    metadata["namespace"] = pod.namespace_name;
    metadata["uid"] = pod.uid;
    metadata["resourceVersion"] = std::to_string(pod.resource_version);
    metadata["creationTimestamp"] = pod.created_at;
    if (!pod.deleted_at.empty())
    {
        metadata["deletionTimestamp"] = pod.deleted_at;
        metadata["deletionGracePeriodSeconds"] = 0;
    }
    return metadata;
}

std::string status_column(const pod_record& pod)
{
    if (!pod.deleted_at.empty())
        return "Terminating";
    if (pod.phase == "Pending")
        return pod.waiting_reason.empty() ? "ContainerCreating" : pod.waiting_reason;
    if (pod.phase == "Failed" && !pod.reason.empty())
        return pod.reason;
    return pod.phase;
}

// As kubectl prints ages: `42s`, `3m5s`, `25m`, `2h10m`, `12h`, `3d`.
std::string age_of(std::time_t created)
{
    auto s = std::max<long long>(0, static_cast<long long>(std::time(nullptr) - created));
    if (s < 120)
        return std::to_string(s) + "s";
    auto m = s / 60;
    if (m < 10)
        return std::to_string(m) + "m" + (s % 60 ? std::to_string(s % 60) + "s" : "");
    if (m < 180)
        return std::to_string(m) + "m";
    auto h = m / 60;
    if (h < 8)
        return std::to_string(h) + "h" + (m % 60 ? std::to_string(m % 60) + "m" : "");
    if (h < 48)
        return std::to_string(h) + "h";
    return std::to_string(h / 24) + "d";
}

json::object column(std::string_view name, std::string_view type, std::string_view format, int priority,
                    std::string_view description)
{
    return {{"name", name},
            {"type", type},
            {"format", format},
            {"description", description},
            {"priority", priority}};
}

}  // namespace

json::object render_pod(const pod_record& pod)
{
    auto spec = object_at(pod.manifest, "spec");
    defaulted(spec, "restartPolicy", "Always");
    defaulted(spec, "terminationGracePeriodSeconds", 30);
    defaulted(spec, "dnsPolicy", "ClusterFirst");
    defaulted(spec, "serviceAccountName", "default");
    defaulted(spec, "schedulerName", "default-scheduler");
    defaulted(spec, "securityContext", json::object{});
    defaulted(spec, "enableServiceLinks", true);
    spec["nodeName"] = node_name;
    if (auto* containers = spec.if_contains("containers"); containers && containers->is_array())
        for (auto& c : containers->as_array())
        {
            if (!c.is_object())
                continue;
            auto& container = c.as_object();
            const auto* image = container.if_contains("image");
            auto policy =
                pull_policy(image && image->is_string() ? std::string_view(image->as_string()) : "");
            defaulted(container, "imagePullPolicy", json::string(policy));
            defaulted(container, "resources", json::object{});
            defaulted(container, "terminationMessagePath", "/dev/termination-log");
            defaulted(container, "terminationMessagePolicy", "File");
        }
    return {{"kind", "Pod"},
            {"apiVersion", "v1"},
            {"metadata", pod_metadata(pod)},
            {"spec", std::move(spec)},
            {"status", pod_status(pod)}};
}

json::object pod_list(json::array pods, std::uint64_t resource_version)
{
    for (auto& p : pods)
        if (p.is_object())
        {
            p.as_object().erase("kind");  // list items carry no kind, as the API server writes them
            p.as_object().erase("apiVersion");
        }
    return {{"kind", "PodList"},
            {"apiVersion", "v1"},
            {"metadata", json::object{{"resourceVersion", std::to_string(resource_version)}}},
            {"items", std::move(pods)}};
}

json::object pod_table(const std::vector<const pod_record*>& pods, std::uint64_t resource_version)
{
    json::array columns{
        column("Name", "string", "name", 0, "Name must be unique within a namespace."),
        column("Ready", "string", "", 0, "The aggregate readiness state of this pod for accepting traffic."),
        column("Status", "string", "", 0, "The aggregate status of the containers in this pod."),
        column("Restarts", "string", "", 0,
               "The number of times the containers in this pod have been restarted."),
        column("Age", "string", "", 0,
               "CreationTimestamp is a timestamp representing the server time when this "
               "object was created."),
        column("IP", "string", "", 1, "IP address allocated to the pod."),
        column("Node", "string", "", 1, "Name of the node the pod is assigned to."),
    };
    json::array rows;
    for (const auto* pod : pods)
    {
        auto total = pod->containers.size();
        auto ready = pod->running() ? total : 0;
        json::array cells{pod->name,
                          std::to_string(ready) + "/" + std::to_string(total),
                          status_column(*pod),
                          0,
                          age_of(pod->created),
                          host_ip,
                          node_name};
        rows.push_back(json::object{{"cells", std::move(cells)},
                                    {"object", json::object{{"kind", "PartialObjectMetadata"},
                                                            {"apiVersion", "meta.k8s.io/v1"},
                                                            {"metadata", pod_metadata(*pod)}}}});
    }
    return {{"kind", "Table"},
            {"apiVersion", "meta.k8s.io/v1"},
            {"metadata", json::object{{"resourceVersion", std::to_string(resource_version)}}},
            {"columnDefinitions", std::move(columns)},
            {"rows", std::move(rows)}};
}

std::string reason_of(unsigned code)
{
    switch (code)
    {
        case 400:
            return "BadRequest";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "NotFound";
        case 405:
            return "MethodNotAllowed";
        case 406:
            return "NotAcceptable";
        case 409:
            return "Conflict";
        case 410:
            return "Gone";
        case 413:
            return "RequestEntityTooLarge";
        case 415:
            return "UnsupportedMediaType";
        case 422:
            return "Invalid";
        case 429:
            return "TooManyRequests";
        case 500:
            return "InternalError";
        case 503:
            return "ServiceUnavailable";
        case 504:
            return "Timeout";
    }
    return code >= 500 ? "InternalError" : "BadRequest";
}

json::object failure_status(unsigned code, std::string_view message, std::string_view reason,
                            json::object details)
{
    json::object status{
        {"kind", "Status"},           {"apiVersion", "v1"},
        {"metadata", json::object{}}, {"status", "Failure"},
        {"message", message},         {"reason", reason.empty() ? reason_of(code) : std::string(reason)}};
    if (!details.empty())
        status["details"] = std::move(details);
    status["code"] = code;
    return status;
}

json::object pod_not_found(std::string_view name)
{
    return failure_status(404, "pods \"" + std::string(name) + "\" not found", "NotFound",
                          json::object{{"name", name}, {"kind", "pods"}});
}

}  // namespace agent_backends::test::kubernetes_fake
