// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_HTTP_TLS_OPTIONS_HPP
#define AGENT_BACKENDS_HTTP_TLS_OPTIONS_HPP

#include <string>

namespace agent_backends {

/// \brief How an `https://` endpoint is authenticated (and how the client authenticates itself).
///
/// \details By default the server's certificate must chain to a CA of the system store and name the host
/// (DNS name, or IP address for an IP literal); the host name is also sent as SNI. Given `ca_file` or
/// `ca_pem`, those CAs are trusted instead of the system store (as `docker --tlscacert` and kubeconfig's
/// `certificate-authority` do). TLS 1.2 is the lowest version offered.
struct tls_options
{
    bool verify_peer{true};          ///< Check the server's certificate chain and name. Off: accept any.
    std::string ca_file{};           ///< PEM file of trusted CA certificates.
    std::string ca_pem{};            ///< PEM text of trusted CA certificates (kubeconfig `-data` fields).
    std::string client_cert_file{};  ///< PEM certificate chain presented to the server (mutual TLS).
    std::string client_key_file{};   ///< PEM private key of `client_cert_file`.
    std::string client_cert_pem{};   ///< PEM text of the client certificate chain.
    std::string client_key_pem{};    ///< PEM text of its private key.
    std::string server_name{};       ///< Name to send as SNI and to verify instead of the endpoint's host
                                     ///< (kubeconfig `tls-server-name`).

    bool operator==(const tls_options&) const = default;
};

}  // namespace agent_backends

#endif
