// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/common/http_wire.hpp"

#include <array>
#include <charconv>
#include <ctime>

namespace agent_backends::test {

std::string reason_phrase(unsigned status)
{
    switch (status)
    {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 202:
            return "Accepted";
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
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 410:
            return "Gone";
        case 413:
            return "Request Entity Too Large";
        case 422:
            return "Unprocessable Entity";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
    }
    return "Status";
}

bool status_has_body(unsigned status) noexcept
{
    return status != 204 && status != 304 && status >= 200;
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

std::string http_chunk(std::string_view data)
{
    std::array<char, 24> size{};
    auto [end, ec] = std::to_chars(size.data(), size.data() + size.size(), data.size(), 16);
    (void)ec;  // 24 hex digits hold any size
    std::string out(size.data(), end);
    out += "\r\n";
    out += data;
    out += "\r\n";
    return out;
}

std::string last_http_chunk()
{
    return "0\r\n\r\n";
}

}  // namespace agent_backends::test
