// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "http/request_encoder.hpp"

#include <agent_backends/error.hpp>

#include "http/text.hpp"

#include <array>
#include <charconv>

namespace agent_backends::detail {
namespace {

// RFC 9110 tchar.
bool is_token(std::string_view s) noexcept
{
    if (s.empty())
        return false;
    for (unsigned char c : s)
    {
        bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
        if (!ok)
            return false;
    }
    return true;
}

// A field value may hold tabs and any byte but the control characters that end or split a line.
bool is_field_value(std::string_view s) noexcept
{
    for (unsigned char c : s)
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return false;
    return true;
}

bool is_target(std::string_view s) noexcept
{
    if (s.empty() || s.front() != '/')
        return false;
    for (unsigned char c : s)
        if (c <= 0x20 || c == 0x7f)
            return false;
    return true;
}

[[noreturn]] void invalid(const std::string& what)
{
    throw error(errc::invalid_argument, "Invalid HTTP request: " + what);
}

std::string default_host(const http_endpoint& ep)
{
    if (ep.transport == http_transport::unix_socket)
        return "localhost";
    std::string host = ep.host.find(':') != std::string::npos ? "[" + ep.host + "]" : ep.host;
    std::uint16_t default_port = ep.transport == http_transport::tls ? 443 : 80;
    if (ep.port != default_port)
        host += ":" + std::to_string(ep.port);
    return host;
}

void append_field(std::string& out, std::string_view name, std::string_view value)
{
    out.append(name);
    out.append(": ");
    out.append(value);
    out.append("\r\n");
}

}  // namespace

encoded_head encode_request_head(const http_request& req, const http_endpoint& ep,
                                 const http_client_options& opts, bool upgrade)
{
    if (!is_token(req.method))
        invalid("method '" + req.method + "' is not an HTTP token");
    if (!is_target(req.target))
        invalid("target '" + req.target + "' must start with '/' and hold no spaces or control characters");
    if (req.body_source && !req.body.empty())
        invalid("set either body or body_source, not both");

    encoded_head head;
    head.request_line = req.method + " " + ep.base_path + req.target;
    head.text.reserve(256 + req.target.size());
    head.text.append(head.request_line);
    head.text.append(" HTTP/1.1\r\n");

    if (!req.headers.contains("Host"))
        append_field(head.text, "Host", opts.host_header.empty() ? default_host(ep) : opts.host_header);
    if (!req.headers.contains("User-Agent") && !opts.user_agent.empty())
        append_field(head.text, "User-Agent", opts.user_agent);

    bool has_upgrade = false;
    for (const auto& [name, value] : req.headers)
    {
        if (!is_token(name))
            invalid("header name '" + name + "' is not an HTTP token");
        if (!is_field_value(value))
            invalid("the value of header '" + name + "' holds a line break or control character");
        if (iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding"))
            continue;  // the body decides the framing
        if (iequals(name, "Connection"))
        {
            if (upgrade)
                continue;
            if (contains_token(value, "close"))
                head.keep_alive = false;
        }
        if (iequals(name, "Upgrade"))
            has_upgrade = true;
        append_field(head.text, name, value);
    }
    if (upgrade)
    {
        append_field(head.text, "Connection", "Upgrade");
        if (!has_upgrade)
            append_field(head.text, "Upgrade", "tcp");
        head.keep_alive = false;
    }

    if (req.body_source)
    {
        if (req.body_source.size)
        {
            head.framing = body_framing::content_length;
            append_field(head.text, "Content-Length", std::to_string(*req.body_source.size));
        }
        else
        {
            head.framing = body_framing::chunked;
            append_field(head.text, "Transfer-Encoding", "chunked");
        }
    }
    else if (!req.body.empty() || req.method == "POST" || req.method == "PUT" || req.method == "PATCH")
    {
        head.framing = req.body.empty() ? body_framing::none : body_framing::content_length;
        append_field(head.text, "Content-Length", std::to_string(req.body.size()));
    }
    head.text.append("\r\n");
    return head;
}

std::string chunk_size_line(std::size_t size)
{
    std::array<char, 24> digits{};
    auto [end, ec] = std::to_chars(digits.data(), digits.data() + digits.size(), size, 16);
    (void)ec;
    std::string line(digits.data(), end);
    line.append("\r\n");
    return line;
}

bool is_idempotent(std::string_view method) noexcept
{
    for (std::string_view m : {"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"})
        if (method == m)
            return true;
    return false;
}

}  // namespace agent_backends::detail
