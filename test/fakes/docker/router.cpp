// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/docker/router.hpp"

#include "fakes/common/http_wire.hpp"
#include "fakes/common/path_segments.hpp"
#include "fakes/docker/routes.hpp"

#include <boost/url/parse.hpp>

#include <cctype>
#include <exception>
#include <utility>

namespace http = boost::beast::http;

namespace agent_backends::test::docker_fake {
namespace {

bool is_version_prefix(std::string_view segment)
{
    if (segment.size() < 2 || segment[0] != 'v')
        return false;
    bool dot = false;
    for (char c : segment.substr(1))
    {
        if (c == '.' && !dot)
            dot = true;
        else if (!std::isdigit(static_cast<unsigned char>(c)))
            return false;
    }
    return std::isdigit(static_cast<unsigned char>(segment[1])) != 0;
}

std::string join(const std::vector<std::string>& parts, std::size_t from, std::size_t to)
{
    std::string out;
    for (auto i = from; i < to; ++i)
        out += (i == from ? "" : "/") + parts[i];
    return out;
}

bool is_exec_start(const exchange& ex)
{
    return ex.method == "POST" && ex.segments.size() == 3 && ex.segments[0] == "exec" &&
           ex.segments[2] == "start";
}

task<reply> page_not_found(exchange&)
{
    co_return error_reply(404, "page not found");
}

using route = task<reply> (*)(exchange&);

route route_of(const exchange& ex)
{
    const auto& s = ex.segments;
    const auto& m = ex.method;
    auto n = s.size();
    if (n == 1 && s[0] == "_ping" && (m == "GET" || m == "HEAD"))
        return ping;
    if (n == 1 && s[0] == "version" && m == "GET")
        return version;
    if (n == 1 && s[0] == "info" && m == "GET")
        return info;
    if (n == 1 && s[0] == "build" && m == "POST")
        return build_image;
    if (n == 2 && s[0] == "images" && s[1] == "create" && m == "POST")
        return pull_image;
    if (n >= 3 && s[0] == "images" && s[n - 1] == "json" && m == "GET")
        return inspect_image;
    if (n >= 2 && s[0] == "exec")
    {
        if (n == 3 && s[2] == "start" && m == "POST")
            return start_exec;
        if (n == 3 && s[2] == "json" && m == "GET")
            return inspect_exec;
        return page_not_found;
    }
    if (n < 2 || s[0] != "containers")
        return page_not_found;
    if (n == 2 && s[1] == "create" && m == "POST")
        return create_container;
    if (n == 2 && s[1] == "json" && m == "GET")
        return list_containers;
    if (n == 2 && m == "DELETE")
        return remove_container;
    if (n != 3)
        return page_not_found;
    const auto& action = s[2];
    if (m == "POST")
    {
        if (action == "start")
            return start_container;
        if (action == "stop")
            return stop_container;
        if (action == "kill")
            return kill_container;
        if (action == "wait")
            return wait_container;
        if (action == "exec")
            return create_exec;
    }
    if (action == "json" && m == "GET")
        return inspect_container;
    if (action == "archive" && m == "PUT")
        return put_archive;
    if (action == "archive" && (m == "GET" || m == "HEAD"))
        return get_archive;
    return page_not_found;
}

// Acts out a fault that replaces the answer; false when the connection must end.
task<bool> act_out(exchange& ex, const fake_fault& fault)
{
    auto& conn = *ex.conn;
    switch (fault.kind)
    {
        case fake_fault_kind::error_status:
            co_return co_await conn.write(serialize(ex.options(), error_reply(fault.status, fault.message),
                                                    ex.method == "HEAD", false)) &&
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
            co_await conn.write(chunked_head(ex.options(), "application/json") + "40\r\n{\"Id\":\"");
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
    if (ex.corrupt_json)
        corrupt(r);
    if (!r.streamed)
    {
        bool sent = co_await ex.conn->write(serialize(ex.options(), r, ex.method == "HEAD", close));
        co_return sent && !close;
    }
    std::string out = chunked_head(ex.options(), r.content_type);
    for (const auto& line : r.lines)
        out += http_chunk(line + "\r\n");
    out += last_http_chunk();
    bool sent = co_await ex.conn->write(out);
    co_return sent && !close;
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
        co_return co_await write_reply(ex, error_reply(400, "malformed request target: " + target));
    ex.path = url->path();
    for (auto param : url->params())
        ex.query.emplace(param.key, param.value);
    ex.segments = owned_path_segments(ex.path);
    if (!ex.segments.empty() && is_version_prefix(ex.segments.front()))
    {
        ex.segments.erase(ex.segments.begin());
        ex.path = "/" + join(ex.segments, 0, ex.segments.size());
    }

    std::optional<fake_fault> fault;
    {
        std::lock_guard lock(ex.state().mutex);
        ex.state().log_request({ex.method, target, ex.path});
        fault = ex.state().faults.take(ex.method, ex.path);
    }
    if (fault)
    {
        bool exec_stream = is_exec_start(ex) && (fault->kind == fake_fault_kind::drop_connection ||
                                                 fault->kind == fake_fault_kind::malformed_frame_header);
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
        r = co_await route_of(ex)(ex);
    }
    catch (const std::exception& e)
    {
        if (!ex.conn->is_open())
            co_return false;
        r = error_reply(500, e.what());  // as the engine reports its own failures
    }
    if (r.taken_over)
        co_return r.keep_alive;
    co_return co_await write_reply(ex, std::move(r));
}

}  // namespace agent_backends::test::docker_fake
