// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/kubernetes_api.hpp"

#include "core/base64.hpp"
#include "sandboxes/kubernetes_exec_protocol.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <utility>

namespace agent_backends::detail {
namespace {

constexpr std::size_t max_quoted_body = 300;

http_client_options with_tls(http_client_options http, const kubernetes_config& cluster)
{
    http.tls = cluster.tls;
    return http;
}

std::string trim(std::string text)
{
    auto not_space = [](char c) { return c != ' ' && c != '\n' && c != '\r' && c != '\t'; };
    auto first = std::find_if(text.begin(), text.end(), not_space);
    auto last = std::find_if(text.rbegin(), text.rend(), not_space).base();
    return first < last ? std::string(first, last) : std::string();
}

std::string read_token_file(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in.is_open())
        throw error(errc::unavailable, "Cannot read the Kubernetes token file " + file.string());
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return trim(std::move(text));
}

std::string pod_path(std::string_view namespace_name, std::string_view name)
{
    return "/api/v1/namespaces/" + url_encode(namespace_name) + "/pods" +
           (name.empty() ? std::string() : "/" + url_encode(name));
}

}  // namespace

std::string status_message(std::string_view body)
{
    boost::system::error_code ec;
    auto value = boost::json::parse(body, ec);
    if (!ec && value.is_object())
    {
        if (auto* message = value.get_object().if_contains("message"); message && message->is_string())
            return std::string(message->get_string());
    }
    auto text = trim(std::string(body.substr(0, max_quoted_body)));
    return text.empty() ? "no message" : text;
}

api_refusal status_error(unsigned status, std::string_view body, std::string_view context)
{
    const auto message = status_message(body);
    const auto code = " (HTTP " + std::to_string(status) + ")";
    const auto prefix = std::string(context) + ": ";
    switch (status)
    {
        case 401:
            return {errc::unavailable,
                    prefix + "the API server refused the credentials: " + message + code +
                        "; check the token or the kubeconfig user",
                    status};
        case 403:
            return {errc::permission_denied, prefix + message + code, status};
        case 404:
            return {errc::not_found, prefix + message + code, status};
        case 409:
            return {errc::invalid_argument, prefix + message + code, status};
        default:
            return {errc::unavailable, prefix + message + code, status};
    }
}

kubernetes_api::kubernetes_api(boost::asio::any_io_executor ex, kubernetes_config cluster,
                               http_client_options http)
    : cluster_(std::move(cluster)),
      client_(std::move(ex), cluster_.server, with_tls(std::move(http), cluster_))
{}

http_headers kubernetes_api::headers() const
{
    http_headers out{{"Accept", "application/json"}};
    if (!cluster_.token_file.empty())
        out.add("Authorization", "Bearer " + read_token_file(cluster_.token_file));
    else if (!cluster_.token.empty())
        out.add("Authorization", "Bearer " + cluster_.token);
    else if (!cluster_.username.empty())
        out.add("Authorization", "Basic " + base64_encode(cluster_.username + ":" + cluster_.password));
    return out;
}

task<http_response> kubernetes_api::call(http_request req)
{
    auto head = headers();
    for (const auto& [name, value] : req.headers)
        head.set(name, value);
    req.headers = std::move(head);
    co_return co_await client_.request(std::move(req));
}

task<std::string> kubernetes_api::create_pod(std::string namespace_name, std::string manifest)
{
    auto response = co_await call({.method = "POST",
                                   .target = pod_path(namespace_name, {}),
                                   .headers = {{"Content-Type", "application/json"}},
                                   .body = std::move(manifest)});
    if (response.status != 201 && response.status != 200 && response.status != 202)
        throw status_error(response.status, response.body,
                           "Cannot create a pod in namespace " + namespace_name);
    co_return std::move(response.body);
}

task<std::optional<std::string>> kubernetes_api::get_pod(std::string namespace_name, std::string name)
{
    auto response = co_await call({.target = pod_path(namespace_name, name)});
    if (response.status == 404)
        co_return std::nullopt;
    if (response.status != 200)
        throw status_error(response.status, response.body, "Cannot read pod " + name);
    co_return std::move(response.body);
}

task<bool> kubernetes_api::delete_pod(std::string namespace_name, std::string name, int grace_seconds)
{
    auto response = co_await call(
        {.method = "DELETE",
         .target = pod_path(namespace_name, name) + "?gracePeriodSeconds=" + std::to_string(grace_seconds)});
    if (response.status == 404)
        co_return false;
    if (response.status != 200 && response.status != 202)
        throw status_error(response.status, response.body, "Cannot delete pod " + name);
    co_return true;
}

task<websocket_stream> kubernetes_api::open_exec(std::string target)
{
    websocket_options ws{.subprotocols = {std::string(exec_protocol_v5), std::string(exec_protocol_v4)},
                         .require_subprotocol = true};
    std::optional<websocket_stream> stream;
    std::optional<api_refusal> refused;
    try
    {
        stream.emplace(co_await client_.connect_websocket({.target = std::move(target), .headers = headers()},
                                                          std::move(ws)));
    }
    catch (const websocket_handshake_error& e)
    {
        refused.emplace(
            status_error(e.response().status, e.response().body, "Cannot run a command in the pod"));
    }
    if (refused)
        throw *refused;
    {
        std::lock_guard lock(mutex_);
        exec_protocol_ = stream->subprotocol();
    }
    co_return std::move(*stream);
}

std::string kubernetes_api::exec_protocol() const
{
    std::lock_guard lock(mutex_);
    return exec_protocol_;
}

}  // namespace agent_backends::detail
