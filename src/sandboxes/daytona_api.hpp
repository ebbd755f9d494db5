// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_DAYTONA_API_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_DAYTONA_API_HPP

// One Daytona HTTP service (the control plane, or one sandbox's toolbox): its client, the headers every
// call carries, and the mapping of a refusal (status + NestJS or toolbox error body) to an `error`.

#include <agent_backends/http/http_client.hpp>
#include <agent_backends/sandboxes/daytona_sandbox.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// `text` percent-encoded for a query value (unreserved characters and `/` kept).
std::string query_escape(std::string_view text);

class daytona_api
{
public:
    /// `service` names the service in messages: `Daytona API`, `Daytona toolbox`.
    daytona_api(boost::asio::any_io_executor ex, http_endpoint endpoint, std::string service,
                const daytona_config& config, http_client_options opts);

    /// Sends a request with the credentials; a JSON body sets its content type.
    /// \par Errors
    /// As `http_client::request`; "cannot connect" is reworded to name the service.
    task<http_response> send(std::string method, std::string target, std::string json_body = {},
                             std::optional<std::chrono::milliseconds> timeout = std::nullopt);

    /// \ref send for a request built by the caller (a multipart body, say).
    task<http_response> send(http_request req);

    /// As \ref send, returning once the header has arrived; the body is read from the stream.
    task<http_response_stream> open(http_request req);

    /// Throws the error for a refusal: 401 `unavailable` (key refused), 403 `permission_denied`, 404
    /// `not_found`, 408 `timed_out`, others `unavailable`; the message is the server's `message`.
    [[noreturn]] void refuse(const http_response& res, std::string_view method,
                             std::string_view target) const;

    /// Throws `protocol_error` for an answer that is not what the API documents.
    [[noreturn]] void malformed(std::string_view method, std::string_view target,
                                std::string_view what) const;

    const http_endpoint& endpoint() const noexcept { return client_.endpoint(); }
    const std::string& service() const noexcept { return service_; }

private:
    void add_credentials(http_request& req) const;

    http_client client_;
    std::string service_;
    std::string api_key_;
    std::string organization_id_;
};

}  // namespace agent_backends::detail

#endif
