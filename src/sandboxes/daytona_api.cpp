// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/daytona_api.hpp"

#include <agent_backends/error.hpp>

#include "sandboxes/daytona_json.hpp"

#include <utility>

namespace asio = boost::asio;

namespace agent_backends::detail {
namespace {

bool is_connect_failure(const error& e)
{
    return e.condition() == errc::unavailable && e.message().rfind("Cannot connect to ", 0) == 0;
}

// The HTTP client's "Cannot connect to URL: reason. Check that the service…" does not say which service.
[[noreturn]] void unreachable(const std::string& service, const http_endpoint& ep, const error& e)
{
    std::string reason = e.message();
    const std::string head = "Cannot connect to " + ep.url() + ": ";
    if (reason.rfind(head, 0) == 0)
        reason.erase(0, head.size());
    if (auto hint = reason.find(". Check that"); hint != std::string::npos)
        reason.erase(hint);
    throw error(errc::unavailable, "Cannot connect to the " + service + " at " + ep.url() + ": " + reason +
                                       ". Check DAYTONA_API_URL and the network.");
}

errc code_of_status(unsigned status)
{
    switch (status)
    {
        case 403:
            return errc::permission_denied;
        case 404:
            return errc::not_found;
        case 408:
            return errc::timed_out;
        default:
            return errc::unavailable;
    }
}

}  // namespace

std::string query_escape(std::string_view text)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char c : text)
    {
        const auto u = static_cast<unsigned char>(c);
        const bool keep = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
                          u == '-' || u == '.' || u == '_' || u == '~' || u == '/';
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

daytona_api::daytona_api(asio::any_io_executor ex, http_endpoint endpoint, std::string service,
                         const daytona_config& config, http_client_options opts)
    : client_(std::move(ex), std::move(endpoint), std::move(opts)),
      service_(std::move(service)),
      api_key_(config.api_key),
      organization_id_(config.organization_id)
{}

void daytona_api::add_credentials(http_request& req) const
{
    if (!api_key_.empty())
        req.headers.set("Authorization", "Bearer " + api_key_);
    if (!organization_id_.empty())
        req.headers.set("X-Daytona-Organization-ID", organization_id_);
    req.headers.set("X-Daytona-Source", "agent-backends");
}

task<http_response> daytona_api::send(std::string method, std::string target, std::string json_body,
                                      std::optional<std::chrono::milliseconds> timeout)
{
    http_request req{.method = std::move(method), .target = std::move(target), .timeout = timeout};
    if (!json_body.empty())
    {
        req.headers.set("Content-Type", "application/json");
        req.body = std::move(json_body);
    }
    co_return co_await send(std::move(req));
}

task<http_response> daytona_api::send(http_request req)
{
    add_credentials(req);
    try
    {
        co_return co_await client_.request(std::move(req));
    }
    catch (const error& e)
    {
        if (!is_connect_failure(e))
            throw;
        unreachable(service_, endpoint(), e);
    }
}

task<http_response_stream> daytona_api::open(http_request req)
{
    add_credentials(req);
    try
    {
        co_return co_await client_.open(std::move(req));
    }
    catch (const error& e)
    {
        if (!is_connect_failure(e))
            throw;
        unreachable(service_, endpoint(), e);
    }
}

void daytona_api::refuse(const http_response& res, std::string_view method, std::string_view target) const
{
    const auto code = code_of_status(res.status);
    auto message = error_message_of(res.body);
    if (res.status == 401)
        throw error(code, service_ + " refused the API key" + (message ? ": " + *message : std::string()) +
                              ". Check DAYTONA_API_KEY (and DAYTONA_ORGANIZATION_ID with a JWT).");
    if (message)
        throw error(code, service_ + ": " + *message);
    std::string text = service_ + " at " + endpoint().url() + " answered " + std::to_string(res.status);
    if (!res.reason.empty())
        text += " " + res.reason;
    text += " to " + std::string(method) + " " + std::string(target);
    if (!res.body.empty() && res.body.size() <= 500)
        text += ": " + res.body;
    throw error(code, text);
}

void daytona_api::malformed(std::string_view method, std::string_view target, std::string_view what) const
{
    throw error(errc::protocol_error, service_ + " at " + endpoint().url() + " sent a malformed answer to " +
                                          std::string(method) + " " + std::string(target) + ": " +
                                          std::string(what));
}

}  // namespace agent_backends::detail
