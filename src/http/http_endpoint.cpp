// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/http/http_endpoint.hpp>

#include "http/text.hpp"

#include <charconv>

namespace agent_backends {
namespace {

[[noreturn]] void bad_url(std::string_view url, std::string_view why)
{
    throw error(errc::invalid_argument,
                "Invalid endpoint URL '" + std::string(url) + "': " + std::string(why) +
                    ". Use unix:///path/to.sock, http://host:port, https://host:port or "
                    "tcp://host:port");
}

// host[:port] or [v6]:port
void parse_authority(std::string_view url, std::string_view authority, http_endpoint& ep)
{
    if (authority.find('@') != std::string_view::npos)
        bad_url(url, "user information is not supported");
    std::string_view host = authority;
    std::string_view port;
    if (!authority.empty() && authority.front() == '[')
    {
        auto close = authority.find(']');
        if (close == std::string_view::npos)
            bad_url(url, "unterminated IPv6 address");
        host = authority.substr(1, close - 1);
        auto after = authority.substr(close + 1);
        if (!after.empty())
        {
            if (after.front() != ':')
                bad_url(url, "unexpected text after the IPv6 address");
            port = after.substr(1);
        }
    }
    else if (auto colon = authority.find(':'); colon != std::string_view::npos)
    {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
    }
    if (host.empty())
        bad_url(url, "missing host");
    ep.host = std::string(host);
    if (authority.back() == ':' || (!port.empty() && port.size() > 5))
        bad_url(url, "bad port");
    if (!port.empty())
    {
        unsigned value = 0;
        auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535)
            bad_url(url, "bad port '" + std::string(port) + "'");
        ep.port = static_cast<std::uint16_t>(value);
    }
}

}  // namespace

http_endpoint http_endpoint::parse(std::string_view url)
{
    auto colon = url.find(':');
    if (colon == std::string_view::npos)
        bad_url(url, "missing scheme");
    auto scheme = url.substr(0, colon);
    auto rest = url.substr(colon + 1);
    if (rest.find_first_of("?#") != std::string_view::npos)
        bad_url(url, "a query or fragment is not allowed");

    http_endpoint ep;
    if (detail::iequals(scheme, "unix"))
    {
        if (rest.starts_with("//"))
            rest.remove_prefix(2);
        if (rest.empty())
            bad_url(url, "missing socket path");
        ep.transport = http_transport::unix_socket;
        ep.socket_path = std::string(rest);
        return ep;
    }

    std::uint16_t default_port = 0;
    if (detail::iequals(scheme, "http"))
    {
        ep.transport = http_transport::tcp;
        default_port = 80;
    }
    else if (detail::iequals(scheme, "tcp"))
    {
        ep.transport = http_transport::tcp;
        default_port = 2375;
    }
    else if (detail::iequals(scheme, "https"))
    {
        ep.transport = http_transport::tls;
        default_port = 443;
    }
    else
    {
        bad_url(url, "unsupported scheme '" + std::string(scheme) + "'");
    }
    if (!rest.starts_with("//"))
        bad_url(url, "missing '//' after the scheme");
    rest.remove_prefix(2);
    auto slash = rest.find('/');
    auto authority = rest.substr(0, slash);
    ep.port = default_port;
    parse_authority(url, authority, ep);
    if (slash != std::string_view::npos)
    {
        auto base = rest.substr(slash);
        while (!base.empty() && base.back() == '/')
            base.remove_suffix(1);
        for (unsigned char c : base)
            if (c <= 0x20 || c == 0x7f)
                bad_url(url, "the path holds a space or control character");
        ep.base_path = std::string(base);
    }
    return ep;
}

std::string http_endpoint::url() const
{
    if (transport == http_transport::unix_socket)
        return "unix://" + socket_path;
    std::string out = transport == http_transport::tls ? "https://" : "http://";
    out += host.find(':') != std::string::npos ? "[" + host + "]" : host;
    out += ":" + std::to_string(port);
    out += base_path;
    return out;
}

}  // namespace agent_backends
