// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/kubernetes/router.hpp"

#include "fakes/common/path_segments.hpp"
#include "fakes/kubernetes/routes.hpp"

#include <boost/url/parse.hpp>

#include <exception>
#include <utility>

namespace agent_backends::test::kubernetes_fake {
namespace {

enum class endpoint
{
    none,
    version,
    api_versions,
    api_groups,
    core_resources,
    openapi_v3_root,
    openapi_v3_core,
    health,
    pod_collection,
    pod,
    pod_exec,
};

struct resolved
{
    endpoint what{endpoint::none};
    pod_address at{};
};

// `/api/v1/...` below the version: pods of a namespace or of all, in the current or the `watch/` form.
resolved resolve_core(std::vector<std::string> s)
{
    bool watch = !s.empty() && s.front() == "watch";
    if (watch)
        s.erase(s.begin());
    auto n = s.size();
    if (n == 1 && s[0] == "pods")
        return {endpoint::pod_collection, {.watch_path = watch}};
    if (n < 3 || s[0] != "namespaces" || s[2] != "pods")
        return {};
    pod_address at{.namespace_name = s[1], .watch_path = watch};
    if (n == 3)
        return {endpoint::pod_collection, at};
    at.name = s[3];
    if (n == 4)
        return {endpoint::pod, at};
    if (n == 5 && s[4] == "exec" && !watch)
        return {endpoint::pod_exec, at};
    return {};
}

resolved resolve(const std::vector<std::string>& s)
{
    auto n = s.size();
    if (n == 1 && s[0] == "version")
        return {endpoint::version};
    if (n == 1 && (s[0] == "healthz" || s[0] == "livez" || s[0] == "readyz"))
        return {endpoint::health};
    if (n == 1 && s[0] == "api")
        return {endpoint::api_versions};
    if (n == 1 && s[0] == "apis")
        return {endpoint::api_groups};
    if (n == 2 && s[0] == "api" && s[1] == "v1")
        return {endpoint::core_resources};
    if (n == 2 && s[0] == "openapi" && s[1] == "v3")
        return {endpoint::openapi_v3_root};
    if (n == 4 && s[0] == "openapi" && s[1] == "v3" && s[2] == "api" && s[3] == "v1")
        return {endpoint::openapi_v3_core};
    if (n > 2 && s[0] == "api" && s[1] == "v1")
        return resolve_core({s.begin() + 2, s.end()});
    return {};
}

reply method_not_allowed()
{
    return status_reply(405, "the server does not allow this method on the requested resource");
}

task<reply> route(exchange& ex, const resolved& r)
{
    const auto& m = ex.method;
    bool get = m == "GET" || m == "HEAD";
    switch (r.what)
    {
        case endpoint::none:
            co_return resource_not_found();
        case endpoint::version:
            co_return get ? co_await version(ex) : method_not_allowed();
        case endpoint::health:
            co_return get ? co_await health(ex) : method_not_allowed();
        case endpoint::api_versions:
            co_return get ? co_await api_versions(ex) : method_not_allowed();
        case endpoint::api_groups:
            co_return get ? co_await api_groups(ex) : method_not_allowed();
        case endpoint::core_resources:
            co_return get ? co_await core_resources(ex) : method_not_allowed();
        case endpoint::openapi_v3_root:
            co_return get ? co_await openapi_v3_root(ex) : method_not_allowed();
        case endpoint::openapi_v3_core:
            co_return get ? co_await openapi_v3_core(ex) : method_not_allowed();
        case endpoint::pod_collection:
            if (get && (r.at.watch_path || ex.flag("watch")))
                co_return co_await watch_pods(ex, r.at);
            if (get)
                co_return co_await list_pods(ex, r.at);
            if (m == "POST" && !r.at.namespace_name.empty() && !r.at.watch_path)
                co_return co_await create_pod(ex, r.at);
            co_return method_not_allowed();
        case endpoint::pod:
            if (get && (r.at.watch_path || ex.flag("watch")))
                co_return co_await watch_pods(ex, r.at);
            if (get)
                co_return co_await get_pod(ex, r.at);
            if (m == "DELETE" && !r.at.watch_path)
                co_return co_await delete_pod(ex, r.at);
            co_return method_not_allowed();
        case endpoint::pod_exec:
            if (m == "GET" || m == "POST")
                co_return co_await exec_in_pod(ex, r.at);
            co_return method_not_allowed();
    }
    co_return resource_not_found();
}

bool authorized(const exchange& ex)
{
    const auto& token = ex.options().token;
    return token.empty() || ex.header("Authorization") == "Bearer " + token;
}

// Acts out a fault that replaces the answer; false when the connection must end.
task<bool> act_out(exchange& ex, const fake_fault& fault)
{
    auto& conn = *ex.conn;
    switch (fault.kind)
    {
        case fake_fault_kind::error_status:
            co_return co_await conn.write(serialize(status_reply(fault.status, fault.message), false)) &&
                ex.request.keep_alive();
        case fake_fault_kind::stall:
            co_await conn.wait_closed();
            co_return false;
        case fake_fault_kind::drop_connection:
            co_return false;
        case fake_fault_kind::malformed_status_line:
            co_await conn.write("HTTP/1.1 two-hundred OK\r\nContent-Length: 0\r\n\r\n");
            co_return false;
        case fake_fault_kind::truncated_chunked_body:
            co_await conn.write(chunked_head("application/json", false) + "40\r\n{\"kind\":\"");
            co_return false;
        case fake_fault_kind::invalid_json:
        case fake_fault_kind::malformed_frame_header:
            break;
    }
    co_return true;
}

task<bool> write_reply(exchange& ex, reply r)
{
    bool close = !r.keep_alive || !ex.request.keep_alive();
    if (ex.corrupt_json && !r.body.empty())
        r.body = invalid_json_body();
    if (ex.method == "HEAD")
        r.body.clear();
    bool sent = co_await ex.conn->write(serialize(r, close));
    co_return sent && !close;
}

}  // namespace

reply resource_not_found()
{
    return status_reply(404, "the server could not find the requested resource", "NotFound");
}

task<bool> answer(std::shared_ptr<server_context> ctx, std::shared_ptr<connection> conn,
                  http_request_message request)
{
    exchange ex{.ctx = std::move(ctx), .conn = std::move(conn), .request = std::move(request)};
    ex.method = std::string(ex.request.method_string());
    ex.target = std::string(ex.request.target());
    auto url = boost::urls::parse_origin_form(ex.target);
    if (!url)
        co_return co_await write_reply(ex, status_reply(400, "malformed request target: " + ex.target));
    ex.path = url->path();
    for (auto param : url->params())
        ex.query.emplace(param.key, param.value);
    ex.segments = owned_path_segments(ex.path);

    std::optional<fake_fault> fault;
    {
        std::lock_guard lock(ex.state().mutex);
        ex.state().log_request({ex.method, ex.target, ex.path});
        if (authorized(ex))
            fault = ex.state().faults.take(ex.method, ex.path);
    }
    if (!authorized(ex))
        co_return co_await write_reply(ex, status_reply(401, "Unauthorized", "Unauthorized"));

    auto where = resolve(ex.segments);
    if (fault)
    {
        bool exec_stream = where.what == endpoint::pod_exec && fault->kind != fake_fault_kind::error_status &&
                           fault->kind != fake_fault_kind::malformed_status_line &&
                           fault->kind != fake_fault_kind::truncated_chunked_body;
        if (exec_stream)
            ex.stream_fault = fault->kind;
        else if (fault->kind == fake_fault_kind::invalid_json ||
                 fault->kind == fake_fault_kind::malformed_frame_header)
            ex.corrupt_json = true;
        else
            co_return co_await act_out(ex, *fault);
    }

    reply r;
    try
    {
        r = co_await route(ex, where);
    }
    catch (const std::exception& e)
    {
        if (!ex.conn->is_open())
            co_return false;
        r = status_reply(500, e.what());  // as the API server reports its own failures
    }
    if (r.taken_over)
        co_return r.keep_alive;
    co_return co_await write_reply(ex, std::move(r));
}

}  // namespace agent_backends::test::kubernetes_fake
