// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/daytona/router.hpp"

#include "fakes/common/path_segments.hpp"
#include "fakes/daytona/routes.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <cctype>
#include <exception>
#include <utility>

namespace agent_backends::test::daytona_fake {
namespace {

constexpr std::size_t max_logged_body = 1024 * 1024;

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

fake_daytona_exchange record_of(const exchange& ex, const std::string& target)
{
    fake_daytona_exchange out{{ex.method, target, ex.path}, {}, {}};
    for (const auto& field : ex.request)
        out.headers[lower(std::string_view(field.name_string().data(), field.name_string().size()))] =
            std::string(field.value());
    out.body = ex.request.body().substr(0, max_logged_body);
    return out;
}

bool authorised(const exchange& ex)
{
    const auto& key = ex.ctx->state->options.api_key;
    return key.empty() || ex.header("Authorization") == "Bearer " + key;
}

// Acts out a fault that replaces the answer; false when the connection must end.
task<bool> act_out(exchange& ex, const fake_fault& fault)
{
    auto& conn = *ex.conn;
    switch (fault.kind)
    {
        case fake_fault_kind::error_status:
            co_return co_await conn.write(serialize(ex.error(fault.status, fault.message), false)) &&
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
            co_await conn.write(chunked_head("application/json") + "40\r\n{\"id\":\"");
            co_return false;
        case fake_fault_kind::invalid_json:
        case fake_fault_kind::malformed_frame_header:
            break;
    }
    co_return true;
}

task<reply> route(exchange& ex)
{
    if (ex.plane == plane::control)
        co_return co_await control_route(ex);
    // The toolbox of a sandbox answers only while the sandbox runs.
    {
        std::lock_guard lock(ex.state().mutex);
        auto* sandbox = ex.state().find(ex.sandbox_id);
        if (!sandbox)
            co_return ex.error(404, "Sandbox with ID " + ex.sandbox_id + " not found");
        if (sandbox->state != "started")
            co_return ex.error(409,
                               "Sandbox " + sandbox->id + " is not started (state: " + sandbox->state + ")");
    }
    if (!ex.segments.empty() && ex.segments[0] == "process")
        co_return co_await process_route(ex);
    co_return co_await file_route(ex);
}

}  // namespace

task<bool> answer(std::shared_ptr<server_context> ctx, std::shared_ptr<connection> conn,
                  http_request_message request)
{
    exchange ex{.ctx = std::move(ctx), .conn = std::move(conn), .request = std::move(request)};
    ex.method = std::string(ex.request.method_string());
    std::string target(ex.request.target());
    auto url = boost::urls::parse_origin_form(target);
    if (!url)
    {
        bool sent = co_await ex.conn->write(serialize(ex.error(400, "malformed request target"), true));
        (void)sent;
        co_return false;
    }
    ex.path = url->path();
    for (auto param : url->params())
        ex.query.emplace(param.key, param.value);
    auto parts = owned_path_segments(ex.path);
    bool known_plane = false;
    if (!parts.empty() && parts[0] == "api")
    {
        ex.plane = plane::control;
        ex.segments.assign(parts.begin() + 1, parts.end());
        known_plane = true;
    }
    else if (parts.size() >= 2 && parts[0] == "toolbox")
    {
        ex.plane = plane::toolbox;
        ex.sandbox_id = parts[1];
        ex.segments.assign(parts.begin() + 2, parts.end());
        known_plane = true;
    }

    std::optional<fake_fault> fault;
    {
        std::lock_guard lock(ex.state().mutex);
        ex.state().log(record_of(ex, target));
        fault = ex.state().faults.take(ex.method, ex.path);
    }
    bool corrupt_json = false;
    if (!authorised(ex))
        co_return co_await ex.conn->write(serialize(ex.error(401, "Unauthorized"), false)) &&
            ex.request.keep_alive();
    if (fault)
    {
        if (fault->kind == fake_fault_kind::invalid_json ||
            fault->kind == fake_fault_kind::malformed_frame_header)
            corrupt_json = true;
        else
            co_return co_await act_out(ex, *fault);
    }

    reply r;
    if (!known_plane)
        r = ex.error(404, "Cannot " + ex.method + " " + ex.path);
    else
    {
        try
        {
            r = co_await route(ex);
        }
        catch (const std::exception& e)
        {
            if (!ex.conn->is_open())
                co_return false;
            r = ex.error(500, e.what());
        }
    }
    if (corrupt_json && r.content_type == "application/json")
        r.body = invalid_json_body();
    bool close = !r.keep_alive || !ex.request.keep_alive();
    bool sent = co_await ex.conn->write(serialize(r, close));
    co_return sent && !close;
}

}  // namespace agent_backends::test::daytona_fake
