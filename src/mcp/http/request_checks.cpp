// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/http/request_checks.hpp"

#include <cctype>
#include <cstddef>

namespace agent_backends::detail::mcp_http {
namespace {

std::string_view trim(std::string_view s) noexcept
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (auto& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool iequals(std::string_view a, std::string_view b) noexcept
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

bool is_port(std::string_view s) noexcept
{
    if (s.empty() || s.size() > 5)
        return false;
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return true;
}

// `name` or `name:port` (IPv6 names in brackets) -> name, or nullopt-like empty when malformed.
std::string_view host_name(std::string_view authority) noexcept
{
    if (authority.empty())
        return {};
    if (authority.front() == '[')
    {
        auto close = authority.find(']');
        if (close == std::string_view::npos)
            return {};
        auto rest = authority.substr(close + 1);
        if (!rest.empty() && (rest.front() != ':' || !is_port(rest.substr(1))))
            return {};
        return authority.substr(0, close + 1);
    }
    auto colon = authority.find(':');
    if (colon == std::string_view::npos)
        return authority;
    if (authority.find(':', colon + 1) != std::string_view::npos || !is_port(authority.substr(colon + 1)))
        return {};
    return authority.substr(0, colon);
}

// `http://host:port/` -> `host:port`; empty when the scheme is neither http nor https.
std::string_view origin_authority(std::string_view origin) noexcept
{
    for (std::string_view scheme : {std::string_view("http://"), std::string_view("https://")})
    {
        if (origin.size() > scheme.size() && iequals(origin.substr(0, scheme.size()), scheme))
        {
            auto rest = origin.substr(scheme.size());
            if (!rest.empty() && rest.back() == '/')
                rest.remove_suffix(1);
            if (rest.find('/') != std::string_view::npos)
                return {};
            return rest;
        }
    }
    return {};
}

std::string_view without_trailing_slash(std::string_view s) noexcept
{
    if (!s.empty() && s.back() == '/')
        s.remove_suffix(1);
    return s;
}

// Calls `fn(media_range)` for each entry of an Accept header whose quality is not zero.
template <class F>
void for_each_accepted(std::string_view header, F fn)
{
    while (!header.empty())
    {
        auto comma = header.find(',');
        auto entry = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);

        auto semi = entry.find(';');
        auto range = lower(trim(entry.substr(0, semi)));
        bool refused = false;
        while (semi != std::string_view::npos)
        {
            entry = entry.substr(semi + 1);
            semi = entry.find(';');
            auto param = lower(trim(entry.substr(0, semi)));
            if (param.rfind("q=", 0) == 0)
            {
                auto q = std::string_view(param).substr(2);
                refused = !q.empty() && q.find_first_not_of("0.") == std::string_view::npos;
            }
        }
        if (!range.empty() && !refused)
            fn(std::string_view(range));
    }
}

}  // namespace

bool is_loopback_host(std::string_view host) noexcept
{
    auto name = host_name(trim(host));
    return iequals(name, "localhost") || name == "127.0.0.1" || name == "[::1]";
}

bool origin_allowed(std::string_view origin, const std::vector<std::string>& allowed)
{
    origin = trim(origin);
    for (const auto& a : allowed)
        if (iequals(without_trailing_slash(trim(a)), without_trailing_slash(origin)))
            return true;
    auto authority = origin_authority(origin);
    return !authority.empty() && is_loopback_host(authority);
}

bool host_allowed(std::string_view host, const std::vector<std::string>& allowed_origins)
{
    host = trim(host);
    if (is_loopback_host(host))
        return true;
    auto name = host_name(host);
    if (name.empty())
        return false;
    for (const auto& a : allowed_origins)
    {
        auto allowed_name = host_name(origin_authority(trim(a)));
        if (!allowed_name.empty() && iequals(allowed_name, name))
            return true;
    }
    return false;
}

accepted_types parse_accept(std::string_view accept)
{
    if (trim(accept).empty())
        return {.json = true, .event_stream = true};
    accepted_types types;
    for_each_accepted(accept, [&](std::string_view range) {
        if (range == "*/*")
            types = {.json = true, .event_stream = true};
        else if (range == "application/json" || range == "application/*")
            types.json = true;
        else if (range == "text/event-stream" || range == "text/*")
            types.event_stream = true;
    });
    return types;
}

bool names_event_stream(std::string_view accept)
{
    bool named = false;
    for_each_accepted(accept, [&](std::string_view range) { named = named || range == "text/event-stream"; });
    return named;
}

bool is_json_content_type(std::string_view content_type)
{
    return iequals(trim(content_type.substr(0, content_type.find(';'))), "application/json");
}

bool bearer_matches(std::string_view authorization, std::string_view token) noexcept
{
    authorization = trim(authorization);
    constexpr std::string_view scheme = "bearer ";
    if (authorization.size() < scheme.size() || !iequals(authorization.substr(0, scheme.size()), scheme))
        return false;
    auto given = trim(authorization.substr(scheme.size()));
    // Every byte is compared whatever the first difference, so timing does not reveal a prefix.
    unsigned char diff = given.size() == token.size() ? 0 : 1;
    for (std::size_t i = 0; i < token.size(); ++i)
        diff |= static_cast<unsigned char>(token[i] ^ (i < given.size() ? given[i] : 0));
    return diff == 0 && !token.empty();
}

}  // namespace agent_backends::detail::mcp_http
