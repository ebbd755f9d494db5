// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/docker_engine_core.hpp"

#include <agent_backends/error.hpp>

#include "sandboxes/docker_json.hpp"

#include <boost/asio/use_awaitable.hpp>

#include <charconv>
#include <utility>

namespace asio = boost::asio;

namespace agent_backends::detail {
namespace {

std::optional<std::pair<int, int>> parse_version(std::string_view v)
{
    auto dot = v.find('.');
    if (dot == std::string_view::npos)
        return std::nullopt;
    int major = 0;
    int minor = 0;
    auto [p1, e1] = std::from_chars(v.data(), v.data() + dot, major);
    auto [p2, e2] = std::from_chars(v.data() + dot + 1, v.data() + v.size(), minor);
    if (e1 != std::errc() || e2 != std::errc() || p1 != v.data() + dot || p2 != v.data() + v.size())
        return std::nullopt;
    return std::pair{major, minor};
}

// The HTTP client's "Cannot connect to URL: reason. Check that the service…" says nothing about engines.
[[noreturn]] void engine_unreachable(const http_endpoint& ep, const error& e)
{
    std::string reason = e.message();
    const std::string head = "Cannot connect to " + ep.url() + ": ";
    if (reason.rfind(head, 0) == 0)
        reason.erase(0, head.size());
    if (auto hint = reason.find(". Check that"); hint != std::string::npos)
        reason.erase(hint);
    throw error(errc::unavailable, "Cannot connect to the Docker engine at " + ep.url() + ": " + reason +
                                       ". Check that the engine (Docker, or podman's API service) is "
                                       "running there, or set DOCKER_HOST to where it listens.");
}

bool is_connect_failure(const error& e)
{
    return e.condition() == errc::unavailable && e.message().rfind("Cannot connect to ", 0) == 0;
}

std::string request_line_of(const http_request& req)
{
    return req.method + " " + req.target;
}

// The version in `Docker/24.0.7 (linux)` or `Libpod/4.3.1 (linux)`; empty for other servers.
std::optional<std::string> engine_version_of_server_header(std::string_view server)
{
    for (std::string_view product : {"Docker/", "Libpod/"})
        if (server.substr(0, product.size()) == product)
        {
            auto version = server.substr(product.size());
            version = version.substr(0, version.find(' '));
            if (!version.empty())
                return std::string(version);
        }
    return std::nullopt;
}

}  // namespace

std::string lower_api_version(std::string_view a, std::string_view b)
{
    auto va = parse_version(a);
    auto vb = parse_version(b);
    if (!va)
        return std::string(b);
    if (!vb)
        return std::string(a);
    return std::string(*vb < *va ? b : a);
}

std::string url_escape(std::string_view text)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char c : text)
    {
        const auto u = static_cast<unsigned char>(c);
        const bool keep = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
                          u == '-' || u == '.' || u == '_' || u == '~' || u == '/' || u == ':' || u == '@';
        if (keep)
            out.push_back(c);
        else
        {
            out.push_back('%');
            out.push_back(hex[u >> 4]);
            out.push_back(hex[u & 15]);
        }
    }
    return out;
}

docker_engine_core::docker_engine_core(asio::any_io_executor ex, http_endpoint endpoint,
                                       docker_engine_options opts)
    : client_(std::move(ex), std::move(endpoint), std::move(opts.http)),
      api_version_(std::move(opts.api_version))
{}

std::string docker_engine_core::api_version() const
{
    std::lock_guard lock(mutex_);
    return api_version_;
}

task<http_response> docker_engine_core::negotiate()
{
    http_request ping_req{.target = "/_ping"};
    http_response ping_res;
    try
    {
        ping_res = co_await client_.request(ping_req);
    }
    catch (const error& e)
    {
        if (!is_connect_failure(e))
            throw;
        engine_unreachable(endpoint(), e);
    }
    if (ping_res.status != 200)
        refuse(ping_res, request_line_of(ping_req));
    if (!api_version().empty())
        co_return ping_res;

    std::string engine_api(ping_res.headers.find("Api-Version").value_or(""));
    if (!parse_version(engine_api))
    {
        // Old engines leave the header out; /version (unprefixed: the engine's own) still says it.
        auto res = co_await client_.request({.target = "/version"});
        if (res.status == 200)
            if (auto v = engine_version_of(res.body))
                engine_api = v->api_version;
        if (!parse_version(engine_api))
            malformed("GET /_ping", "no Api-Version header, and /version names none either");
    }
    std::lock_guard lock(mutex_);
    if (api_version_.empty())
        api_version_ = lower_api_version(newest_api_version, engine_api);
    co_return ping_res;
}

task<docker_engine_info> docker_engine_core::ping()
{
    auto ping_res = co_await negotiate();
    docker_engine_info info;
    info.api_version = api_version();
    info.is_podman = ping_res.headers.contains("Libpod-Api-Version");

    // `Server: Docker/24.0.7 (linux)` or `Libpod/4.3.1 (linux)` names the version already; podman's
    // /version takes seconds (it gathers host information), so ask it only when the header is missing.
    if (auto server = engine_version_of_server_header(ping_res.headers.find("Server").value_or("")))
    {
        info.engine_version = std::move(*server);
        co_return info;
    }
    http_request version_req{.target = "/v" + info.api_version + "/version"};
    auto version_res = co_await client_.request(version_req);
    if (version_res.status != 200)
        refuse(version_res, request_line_of(version_req));
    auto version = engine_version_of(version_res.body);
    if (!version)
        malformed(request_line_of(version_req), "the body is not a JSON object");
    info.engine_version = version->version;
    info.is_podman = info.is_podman || version->is_podman;
    co_return info;
}

task<std::string> docker_engine_core::version_prefix()
{
    auto version = api_version();
    if (version.empty())
    {
        co_await negotiate();
        version = api_version();
    }
    co_return "/v" + version;
}

template <class Result, class Call>
task<Result> docker_engine_core::versioned(http_request req, Call call)
{
    req.target = co_await version_prefix() + req.target;
    try
    {
        co_return co_await call(std::move(req));
    }
    catch (const error& e)
    {
        if (!is_connect_failure(e))
            throw;
        engine_unreachable(endpoint(), e);
    }
}

task<http_response> docker_engine_core::send(http_request req)
{
    return versioned<http_response>(std::move(req),
                                    [this](http_request r) { return client_.request(std::move(r)); });
}

task<http_response_stream> docker_engine_core::open(http_request req)
{
    return versioned<http_response_stream>(std::move(req),
                                           [this](http_request r) { return client_.open(std::move(r)); });
}

task<upgraded_stream> docker_engine_core::upgrade(http_request req)
{
    return versioned<upgraded_stream>(std::move(req),
                                      [this](http_request r) { return client_.upgrade(std::move(r)); });
}

void docker_engine_core::refuse(const http_response& res, std::string_view request_line,
                                std::string_view subject) const
{
    errc code = errc::protocol_error;
    if (res.status == 404)
        code = errc::not_found;
    else if (res.status == 401 || res.status == 403)
        code = errc::permission_denied;
    else if (res.status == 409 || res.status >= 500)
        code = errc::unavailable;
    else if (res.status >= 400)
        code = errc::invalid_argument;
    if (auto message = engine_message_of(res.body))
    {
        while (!message->empty() && (message->back() == '\n' || message->back() == '\r'))
            message->pop_back();
        if (!subject.empty() && message->find(subject) == std::string::npos)
            *message += " (" + std::string(subject) + ")";
        throw error(code, "Docker engine: " + *message);
    }
    std::string text = "Docker engine at " + endpoint().url() + " answered " + std::to_string(res.status);
    if (!res.reason.empty())
        text += " " + res.reason;
    text += " to " + std::string(request_line);
    if (!res.body.empty() && res.body.size() <= 500)
        text += ": " + res.body;
    throw error(code, text);
}

void docker_engine_core::malformed(std::string_view request_line, std::string_view what) const
{
    throw error(errc::protocol_error, "Docker engine at " + endpoint().url() +
                                          " sent a malformed answer to " + std::string(request_line) + ": " +
                                          std::string(what));
}

}  // namespace agent_backends::detail
