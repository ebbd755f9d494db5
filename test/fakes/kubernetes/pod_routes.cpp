// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/kubernetes/pod_json.hpp"
#include "fakes/kubernetes/pod_selector.hpp"
#include "fakes/kubernetes/routes.hpp"

#include <boost/json/parse.hpp>

#include <cctype>
#include <random>

namespace json = boost::json;

namespace agent_backends::test::kubernetes_fake {
namespace {

std::string text_of(const json::object& o, std::string_view key)
{
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// A lowercase RFC 1123 subdomain, as object names must be.
bool valid_name(std::string_view name)
{
    if (name.empty() || name.size() > 253)
        return false;
    for (char c : name)
        if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
              c == '-' || c == '.'))
            return false;
    return std::isalnum(static_cast<unsigned char>(name.front())) &&
           std::isalnum(static_cast<unsigned char>(name.back()));
}

std::string random_suffix()
{
    static thread_local std::mt19937 random{std::random_device{}()};
    constexpr std::string_view alphabet = "bcdfghjklmnpqrstvwxz2456789";  // the API server's
    std::string out;
    for (int i = 0; i < 5; ++i)
        out += alphabet[random() % alphabet.size()];
    return out;
}

struct field_error
{
    std::string field;
    std::string reason;   ///< `FieldValueRequired`, `FieldValueInvalid`.
    std::string message;  ///< `Required value`, `Invalid value: "X": ...`.
};

reply invalid_pod(std::string_view name, const std::vector<field_error>& errors)
{
    std::string list;
    json::array causes;
    for (const auto& e : errors)
    {
        list += (list.empty() ? "" : ", ") + e.field + ": " + e.message;
        causes.push_back(json::object{{"reason", e.reason}, {"message", e.message}, {"field", e.field}});
    }
    if (errors.size() > 1)
        list = "[" + list + "]";
    return status_reply(422, "Pod \"" + std::string(name) + "\" is invalid: " + list, "Invalid",
                        json::object{{"name", name}, {"kind", "Pod"}, {"causes", std::move(causes)}});
}

std::vector<field_error> container_errors(const json::object& spec, std::vector<container_record>& out)
{
    std::vector<field_error> errors;
    const auto* containers = spec.if_contains("containers");
    if (!containers || !containers->is_array() || containers->as_array().empty())
        return {{"spec.containers", "FieldValueRequired", "Required value"}};
    std::size_t i = 0;
    for (const auto& c : containers->as_array())
    {
        auto field = "spec.containers[" + std::to_string(i++) + "]";
        if (!c.is_object())
        {
            errors.push_back({field, "FieldValueInvalid", "Invalid value: not an object"});
            continue;
        }
        const auto& o = c.as_object();
        container_record record{text_of(o, "name"), text_of(o, "image"), text_of(o, "workingDir"), {}};
        if (record.name.empty())
            errors.push_back({field + ".name", "FieldValueRequired", "Required value"});
        if (record.image.empty())
            errors.push_back({field + ".image", "FieldValueRequired", "Required value"});
        if (const auto* env = o.if_contains("env"); env && env->is_array())
            for (const auto& e : env->as_array())
                if (e.is_object() && !text_of(e.as_object(), "name").empty())
                    record.env.push_back(text_of(e.as_object(), "name") + "=" +
                                         text_of(e.as_object(), "value"));
        out.push_back(std::move(record));
    }
    return errors;
}

bool dry_run(const exchange& ex)
{
    return ex.param("dryRun") == "All";
}

}  // namespace

task<reply> create_pod(exchange& ex, const pod_address& at)
{
    boost::system::error_code ec;
    auto body = json::parse(ex.request.body(), ec);
    if (ec || !body.is_object())
        co_return status_reply(400,
                               "the object provided is unrecognized (must be of type Pod): couldn't get "
                               "version/kind; json parse error: " +
                                   (ec ? ec.message() : std::string("not an object")),
                               "BadRequest");
    auto manifest = std::move(body.as_object());
    if (auto kind = text_of(manifest, "kind"); !kind.empty() && kind != "Pod")
        co_return status_reply(
            400,
            "the object provided is unrecognized (must be of type Pod): kind \"" + kind + "\" is not Pod",
            "BadRequest");
    // Fields added first: adding to an object may move its values, `metadata` among them.
    manifest.erase("status");
    manifest["apiVersion"] = "v1";
    manifest["kind"] = "Pod";
    auto* metadata_value = manifest.if_contains("metadata");
    if (!metadata_value || !metadata_value->is_object())
        manifest["metadata"] = json::object{};
    auto& metadata = manifest["metadata"].as_object();
    if (auto ns = text_of(metadata, "namespace"); !ns.empty() && ns != at.namespace_name)
        co_return status_reply(400,
                               "the namespace of the provided object does not match the namespace sent on "
                               "the request",
                               "BadRequest");
    auto name = text_of(metadata, "name");
    if (name.empty() && !text_of(metadata, "generateName").empty())
        name = text_of(metadata, "generateName") + random_suffix();
    if (name.empty())
        co_return invalid_pod("", {{"metadata.name", "FieldValueRequired",
                                    "Required value: name or generateName is required"}});
    if (!valid_name(name))
        co_return invalid_pod(name,
                              {{"metadata.name", "FieldValueInvalid",
                                "Invalid value: \"" + name +
                                    "\": a lowercase RFC 1123 subdomain must consist of lower case "
                                    "alphanumeric characters, '-' or '.', and must start and end with an "
                                    "alphanumeric character"}});
    auto* spec = manifest.if_contains("spec");
    std::vector<container_record> containers;
    auto errors = spec && spec->is_object()
                      ? container_errors(spec->as_object(), containers)
                      : std::vector<field_error>{{"spec.containers", "FieldValueRequired", "Required value"}};
    if (!errors.empty())
        co_return invalid_pod(name, errors);

    auto& state = ex.state();
    std::lock_guard lock(state.mutex);
    if (state.find_pod(at.namespace_name, name))
        co_return status_reply(409, "pods \"" + name + "\" already exists", "AlreadyExists",
                               json::object{{"name", name}, {"kind", "pods"}});
    pod_record pod;
    pod.namespace_name = at.namespace_name;
    pod.name = name;
    pod.uid = api_state::random_uid();
    pod.created = std::time(nullptr);
    pod.created_at = api_state::now_rfc3339();
    pod.create_body = ex.request.body();
    pod.containers = std::move(containers);
    pod.waiting_reason = state.image_pull_failure;
    metadata["name"] = name;
    metadata["namespace"] = at.namespace_name;
    pod.manifest = std::move(manifest);
    if (dry_run(ex))
        co_return json_reply(201, render_pod(pod));
    pod.root_dir = state.make_pod_dir(at.namespace_name, name);
    auto& stored = state.add_pod(std::move(pod));
    ex.ctx->notify_change();
    co_return json_reply(201, render_pod(stored));
}

task<reply> get_pod(exchange& ex, const pod_address& at)
{
    auto& state = ex.state();
    bool changed = false;
    reply r;
    {
        std::lock_guard lock(state.mutex);
        auto* pod = state.find_pod(at.namespace_name, at.name);
        if (!pod)
            co_return json_reply(404, pod_not_found(at.name));
        changed = state.observe(*pod);
        r = json_reply(200, render_pod(*pod));
    }
    if (changed)
        ex.ctx->notify_change();
    co_return r;
}

task<reply> list_pods(exchange& ex, const pod_address& at)
{
    pod_selector selector;
    if (auto bad = pod_selector::parse(ex.param("fieldSelector"), ex.param("labelSelector"), selector))
        co_return status_reply(400, *bad, "BadRequest");
    auto& state = ex.state();
    bool changed = false;
    reply r;
    {
        std::lock_guard lock(state.mutex);
        std::vector<const pod_record*> shown;
        for (auto& [key, pod] : state.pods)
        {
            if (!at.namespace_name.empty() && pod.namespace_name != at.namespace_name)
                continue;
            const json::object* labels = nullptr;
            if (const auto* m = pod.manifest.if_contains("metadata"); m && m->is_object())
                if (const auto* l = m->as_object().if_contains("labels"); l && l->is_object())
                    labels = &l->as_object();
            if (!selector.matches({pod.namespace_name, pod.name, pod.phase, labels}))
                continue;
            changed = state.observe(pod) || changed;
            shown.push_back(&pod);
        }
        if (ex.wants_table())
            r = json_reply(200, pod_table(shown, state.resource_version));
        else
        {
            json::array items;
            for (const auto* pod : shown)
                items.push_back(render_pod(*pod));
            r = json_reply(200, pod_list(std::move(items), state.resource_version));
        }
    }
    if (changed)
        ex.ctx->notify_change();
    co_return r;
}

task<reply> delete_pod(exchange& ex, const pod_address& at)
{
    auto& state = ex.state();
    reply r;
    {
        std::lock_guard lock(state.mutex);
        auto* pod = state.find_pod(at.namespace_name, at.name);
        if (!pod)
            co_return json_reply(404, pod_not_found(at.name));
        if (dry_run(ex))
        {
            auto shown = *pod;
            shown.group.reset();
            shown.deleted_at = api_state::now_rfc3339();
            co_return json_reply(200, render_pod(shown));
        }
        r = json_reply(200, render_pod(state.remove(*pod)));
    }
    ex.ctx->notify_change();
    co_return r;
}

}  // namespace agent_backends::test::kubernetes_fake
