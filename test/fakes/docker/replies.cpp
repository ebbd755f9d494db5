// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/docker/replies.hpp"

#include <boost/json/serialize.hpp>

#include <array>
#include <cstdio>
#include <ctime>

namespace agent_backends::test::docker_fake {
namespace {

std::string reason(unsigned status)
{
    switch (status)
    {
        case 101:
            return "UPGRADED";
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 204:
            return "No Content";
        case 304:
            return "Not Modified";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 409:
            return "Conflict";
        case 413:
            return "Request Entity Too Large";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
    }
    return "Status";
}

std::string http_date()
{
    std::time_t now = std::time(nullptr);
    std::tm utc = {};
    ::gmtime_r(&now, &utc);
    std::array<char, 64> text{};
    std::strftime(text.data(), text.size(), "%a, %d %b %Y %H:%M:%S GMT", &utc);
    return text.data();
}

bool has_body(unsigned status)
{
    return status != 204 && status != 304 && status >= 200;
}

}  // namespace

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
    std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + reason(r.status) + "\r\n";
    out += engine_fields(opts);
    if (!r.content_type.empty() && has_body(r.status))
        out += "Content-Type: " + r.content_type + "\r\n";
    for (const auto& [name, value] : r.headers)
        out += name + ": " + value + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    if (has_body(r.status))
        out += "Content-Length: " + std::to_string(head_only ? 0 : r.body.size()) + "\r\n";
    out += "\r\n";
    if (!head_only && has_body(r.status))
        out += r.body;
    return out;
}

std::string chunked_head(const fake_docker_options& opts, std::string_view content_type)
{
    return "HTTP/1.1 200 OK\r\n" + engine_fields(opts) + "Content-Type: " + std::string(content_type) +
           "\r\nTransfer-Encoding: chunked\r\n\r\n";
}

std::string chunk(std::string_view data)
{
    std::array<char, 32> size{};
    std::snprintf(size.data(), size.size(), "%zx\r\n", data.size());
    return std::string(size.data()) + std::string(data) + "\r\n";
}

std::string last_chunk()
{
    return "0\r\n\r\n";
}

std::string invalid_json_body()
{
    return "{\"message\": \"this is not JSON\n";
}

void corrupt(reply& r)
{
    if (r.streamed)
        r.lines = {invalid_json_body()};
    else if (has_body(r.status))
        r.body = invalid_json_body();
}

}  // namespace agent_backends::test::docker_fake
