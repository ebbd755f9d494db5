// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/docker/replies.hpp"

#include "fakes/common/http_wire.hpp"

#include <boost/json/serialize.hpp>

#include <array>
#include <cstdio>
#include <ctime>

namespace agent_backends::test::docker_fake {
reply json_reply(unsigned status, const boost::json::value& body)
{
    return {.status = status, .body = boost::json::serialize(body) + "\n"};
}

reply error_reply(unsigned status, std::string_view message)
{
    return json_reply(status, boost::json::object{{"message", message}});
}

reply empty_reply(unsigned status)
{
    return {.status = status, .content_type = {}};
}

reply stream_reply(std::vector<std::string> lines)
{
    return {.lines = std::move(lines), .streamed = true};
}

std::string error_line(std::string_view message)
{
    return boost::json::serialize(
        boost::json::object{{"errorDetail", boost::json::object{{"message", message}}}, {"error", message}});
}

std::string engine_fields(const fake_docker_options& opts)
{
    return "Api-Version: " + opts.api_version +
           "\r\n"
           "Docker-Experimental: false\r\n"
           "Ostype: linux\r\n"
           "Server: Docker/" +
           opts.engine_version + " (linux)\r\nDate: " + http_date() + "\r\n";
}

std::string serialize(const fake_docker_options& opts, const reply& r, bool head_only, bool close)
{
    std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + reason_phrase(r.status) + "\r\n";
    out += engine_fields(opts);
    if (!r.content_type.empty() && status_has_body(r.status))
        out += "Content-Type: " + r.content_type + "\r\n";
    for (const auto& [name, value] : r.headers)
        out += name + ": " + value + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    if (status_has_body(r.status))
        out += "Content-Length: " + std::to_string(head_only ? 0 : r.body.size()) + "\r\n";
    out += "\r\n";
    if (!head_only && status_has_body(r.status))
        out += r.body;
    return out;
}

std::string chunked_head(const fake_docker_options& opts, std::string_view content_type)
{
    return "HTTP/1.1 200 OK\r\n" + engine_fields(opts) + "Content-Type: " + std::string(content_type) +
           "\r\nTransfer-Encoding: chunked\r\n\r\n";
}

std::string invalid_json_body()
{
    return "{\"message\": \"this is not JSON\n";
}

void corrupt(reply& r)
{
    if (r.streamed)
        r.lines = {invalid_json_body()};
    else if (status_has_body(r.status))
        r.body = invalid_json_body();
}

}  // namespace agent_backends::test::docker_fake
