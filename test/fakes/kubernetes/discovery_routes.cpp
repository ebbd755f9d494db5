// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// Discovery as kubectl reads it: the server version, the legacy API and group lists (the aggregated form
// is not offered, so clients fall back to these), the core/v1 resources, and just enough OpenAPI v3 for
// kubectl to see that pods take `fieldValidation` (it then validates on the server's side, which this
// server does not do, instead of fetching the whole schema).
#include "fakes/kubernetes/routes.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace json = boost::json;

namespace agent_backends::test::kubernetes_fake {
namespace {

constexpr std::string_view openapi_hash = "F4CE0000000000000000000000000000";

json::object resource(std::string_view name, std::string_view singular, std::string_view kind,
                      bool namespaced, json::array verbs, json::array short_names = {})
{
    json::object r{{"name", name},
                   {"singularName", singular},
                   {"namespaced", namespaced},
                   {"kind", kind},
                   {"verbs", std::move(verbs)}};
    if (!short_names.empty())
        r["shortNames"] = std::move(short_names);
    return r;
}

}  // namespace

task<reply> version(exchange&)
{
    co_return json_reply(200, json::object{{"major", "1"},
                                           {"minor", "32"},
                                           {"gitVersion", "v1.32.0"},
                                           {"gitCommit", "70d3cc986aa8221cd1dfb1121852688902d3bf53"},
                                           {"gitTreeState", "clean"},
                                           {"buildDate", "2024-12-11T17:59:15Z"},
                                           {"goVersion", "go1.23.3"},
                                           {"compiler", "gc"},
                                           {"platform", "linux/amd64"}});
}

task<reply> health(exchange&)
{
    co_return reply{.content_type = "text/plain; charset=utf-8", .body = "ok"};
}

task<reply> api_versions(exchange& ex)
{
    auto host = ex.header("Host");
    co_return json_reply(
        200, json::object{{"kind", "APIVersions"},
                          {"versions", json::array{"v1"}},
                          {"serverAddressByClientCIDRs",
                           json::array{json::object{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", host}}}}});
}

task<reply> api_groups(exchange&)
{
    co_return json_reply(
        200, json::object{{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", json::array{}}});
}

task<reply> core_resources(exchange&)
{
    json::array all{"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"};
    auto pods = resource("pods", "pod", "Pod", true, all, json::array{"po"});
    pods["categories"] = json::array{"all"};
    json::array resources{
        std::move(pods),
        resource("pods/exec", "", "PodExecOptions", true, json::array{"create", "get"}),
        resource("pods/status", "", "Pod", true, json::array{"get", "patch", "update"}),
        resource("namespaces", "namespace", "Namespace", false,
                 json::array{"create", "delete", "get", "list", "patch", "update", "watch"},
                 json::array{"ns"}),
    };
    co_return json_reply(
        200, json::object{
                 {"kind", "APIResourceList"}, {"groupVersion", "v1"}, {"resources", std::move(resources)}});
}

task<reply> openapi_v3_root(exchange&)
{
    co_return json_reply(
        200,
        json::object{{"paths", json::object{{"api/v1", json::object{{"serverRelativeURL",
                                                                     "/openapi/v3/api/v1?hash=" +
                                                                         std::string(openapi_hash)}}}}}});
}

task<reply> openapi_v3_core(exchange&)
{
    json::object gvk{{"group", ""}, {"version", "v1"}, {"kind", "Pod"}};
    json::array parameters{
        json::object{
            {"name", "fieldValidation"}, {"in", "query"}, {"schema", json::object{{"type", "string"}}}},
        json::object{{"name", "fieldManager"}, {"in", "query"}, {"schema", json::object{{"type", "string"}}}},
        json::object{{"name", "dryRun"}, {"in", "query"}, {"schema", json::object{{"type", "string"}}}},
    };
    json::object ok{{"200", json::object{{"description", "OK"}}}};
    json::object patch{{"operationId", "patchCoreV1NamespacedPod"},
                       {"parameters", parameters},
                       {"responses", ok},
                       {"x-kubernetes-action", "patch"},
                       {"x-kubernetes-group-version-kind", gvk}};
    json::object post{{"operationId", "createCoreV1NamespacedPod"},
                      {"parameters", std::move(parameters)},
                      {"responses", std::move(ok)},
                      {"x-kubernetes-action", "post"},
                      {"x-kubernetes-group-version-kind", std::move(gvk)}};
    co_return json_reply(200,
                         json::object{{"openapi", "3.0.0"},
                                      {"info", json::object{{"title", "Kubernetes"}, {"version", "v1.32.0"}}},
                                      {"paths", json::object{{"/api/v1/namespaces/{namespace}/pods/{name}",
                                                              json::object{{"patch", std::move(patch)}}},
                                                             {"/api/v1/namespaces/{namespace}/pods",
                                                              json::object{{"post", std::move(post)}}}}},
                                      {"components", json::object{}}});
}

}  // namespace agent_backends::test::kubernetes_fake
