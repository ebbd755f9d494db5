// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/daytona/replies.hpp"

#include "fakes/common/http_wire.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace agent_backends::test::daytona_fake {
reply json_reply(unsigned status, const boost::json::value& body)
{
    return {.status = status, .body = boost::json::serialize(body)};
}

reply empty_reply(unsigned status)
{
    return {.status = status, .content_type = {}};
}

reply error_reply(plane p, unsigned status, std::string_view message, std::string_view path,
                  std::string_view method)
{
    boost::json::object body;
    if (p == plane::control)
    {
        body = {{"path", path},
                {"timestamp", iso_now()},
                {"statusCode", status},
                {"error", reason_phrase(status)},
                {"message", message}};
    }
    else
    {
        body = {{"statusCode", status},   {"message", message}, {"code", reason_phrase(status)},
                {"timestamp", iso_now()}, {"path", path},       {"method", method}};
    }
    return json_reply(status, body);
}

std::string serialize(const reply& r, bool close)
{
    std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + reason_phrase(r.status) + "\r\n";
    out += "Date: " + http_date() + "\r\n";
    if (!r.content_type.empty() && status_has_body(r.status))
        out += "Content-Type: " + r.content_type + "\r\n";
    for (const auto& [name, value] : r.headers)
        out += name + ": " + value + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    if (status_has_body(r.status))
        out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
    out += "\r\n";
    if (status_has_body(r.status))
        out += r.body;
    return out;
}

std::string chunked_head(std::string_view content_type)
{
    return "HTTP/1.1 200 OK\r\nDate: " + http_date() + "\r\nContent-Type: " + std::string(content_type) +
           "\r\nTransfer-Encoding: chunked\r\n\r\n";
}

std::string invalid_json_body()
{
    return "{\"message\": \"this is not JSON\n";
}

std::string iso_now()
{
    using namespace std::chrono;
    auto now = system_clock::now();
    std::time_t seconds = system_clock::to_time_t(now);
    auto millis = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc = {};
    ::gmtime_r(&seconds, &utc);
    std::array<char, 64> text{};
    std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%S", &utc);
    std::array<char, 16> fraction{};
    std::snprintf(fraction.data(), fraction.size(), ".%03dZ", static_cast<int>(millis));
    return std::string(text.data()) + fraction.data();
}

}  // namespace agent_backends::test::daytona_fake
