// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_HTTP_HTTP_ENDPOINT_HPP
#define AGENT_BACKENDS_HTTP_HTTP_ENDPOINT_HPP

#include <cstdint>
#include <string>
#include <string_view>

namespace agent_backends {

/// \brief How an \ref http_endpoint is reached.
enum class http_transport
{
    unix_socket,  ///< A unix domain stream socket (`unix:///var/run/docker.sock`).
    tcp,          ///< Plain HTTP over TCP (`http://`, and `tcp://` as the Docker CLI spells it).
    tls,          ///< HTTPS: TLS over TCP (`https://`).
};

/// \brief Where an HTTP service listens: a unix socket path, or a host and port, plus an optional base path.
///
/// \details Built by \ref parse from the URL forms `DOCKER_HOST`, kubeconfig and REST base URLs use:
/// - `unix:///var/run/docker.sock` or `unix:/var/run/docker.sock`: a unix socket;
/// - `http://host[:port][/base]` (port 80 by default) and `tcp://host[:port]` (port 2375, Docker's);
/// - `https://host[:port][/base]` (port 443 by default).
///
/// IPv6 literals are written in brackets (`http://[::1]:8080`) and stored without them. The base path
/// (`https://app.daytona.io/api` → `/api`) is prepended to every request target; it never ends in `/`.
struct http_endpoint
{
    http_transport transport{http_transport::tcp};  ///< How to connect.
    std::string host{};                             ///< Host name or IP literal (TCP and TLS).
    std::uint16_t port{0};                          ///< TCP port (TCP and TLS).
    std::string socket_path{};                      ///< Socket file (unix sockets).
    std::string base_path{};                        ///< Prefix of every request target; empty or `/x`.

    /// \brief Parses an endpoint URL (forms above). Query and fragment are not allowed.
    /// \par Errors
    /// `invalid_argument`: an unknown scheme, a missing host or socket path, a bad port, a query or
    /// fragment; the message names the URL and the accepted forms.
    static http_endpoint parse(std::string_view url);

    /// \brief The endpoint as a URL (`unix:///path`, `http://host:port/base`, `https://[::1]:443`).
    std::string url() const;

    bool operator==(const http_endpoint&) const = default;
};

}  // namespace agent_backends

#endif
