// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_KUBERNETES_API_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_KUBERNETES_API_HPP

// The few calls of the Kubernetes API a pod sandbox makes: pods (create, get, delete) and pod exec over a
// WebSocket; credentials on every request; `Status` answers turned into errors.

#include <agent_backends/error.hpp>
#include <agent_backends/http/http_client.hpp>
#include <agent_backends/sandboxes/kubernetes_config.hpp>
#include <agent_backends/task.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::detail {

/// The API server answered a request with a refusal (as opposed to not answering at all).
class api_refusal : public error
{
public:
    api_refusal(errc code, std::string message, unsigned status)
        : error(code, std::move(message)), status_(status)
    {}

    /// The HTTP status of the answer.
    unsigned status() const noexcept { return status_; }

private:
    unsigned status_;
};

/// The error for an answer other than 2xx, from its `Status` body: 401 `unavailable` (credentials
/// refused), 403 `permission_denied`, 404 `not_found`, 409 `invalid_argument`, others `unavailable`.
/// The message is `context: <Status message> (HTTP <code>)`.
api_refusal status_error(unsigned status, std::string_view body, std::string_view context);

/// The `message` of a `Status` body; the body's start when it is not one.
std::string status_message(std::string_view body);

class kubernetes_api
{
public:
    /// TLS settings come from `cluster`; the rest of `http` is kept.
    kubernetes_api(boost::asio::any_io_executor ex, kubernetes_config cluster, http_client_options http);

    const kubernetes_config& cluster() const noexcept { return cluster_; }
    boost::asio::any_io_executor get_executor() const noexcept { return client_.get_executor(); }

    /// `POST /api/v1/namespaces/{ns}/pods`; the created pod's JSON.
    task<std::string> create_pod(std::string namespace_name, std::string manifest);

    /// `GET .../pods/{name}`; empty when it does not exist.
    task<std::optional<std::string>> get_pod(std::string namespace_name, std::string name);

    /// `DELETE .../pods/{name}?gracePeriodSeconds=N`; false when it did not exist.
    task<bool> delete_pod(std::string namespace_name, std::string name, int grace_seconds);

    /// Opens pod exec (`target` from \ref exec_target), offering v5 then v4 of the channel protocol.
    /// A refused handshake becomes the error of its `Status`.
    task<websocket_stream> open_exec(std::string target);

    /// The subprotocol the server chose for the latest exec; empty before the first.
    std::string exec_protocol() const;

    /// Closes the keep-alive connections waiting in the pool.
    void close_idle_connections() noexcept { client_.close_idle_connections(); }

private:
    /// `Authorization` (and `Accept`) for a request; a token file is read again each time.
    http_headers headers() const;
    task<http_response> call(http_request req);

    kubernetes_config cluster_;
    http_client client_;
    mutable std::mutex mutex_;
    std::string exec_protocol_;
};

}  // namespace agent_backends::detail

#endif
