// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SANDBOXES_KUBERNETES_CONFIG_HPP
#define AGENT_BACKENDS_SANDBOXES_KUBERNETES_CONFIG_HPP

#include <agent_backends/http/http_endpoint.hpp>
#include <agent_backends/http/tls_options.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace agent_backends {

/// \brief Where a Kubernetes API server is and how to authenticate to it, as kubectl reads it.
///
/// \details Built from a kubeconfig file (\ref from_kubeconfig), from the service account files a pod
/// gets (\ref in_cluster), or from whichever of the two applies (\ref from_environment).
/// ```
/// auto cluster = kubernetes_config::from_kubeconfig("", "staging");  // $KUBECONFIG or ~/.kube/config
/// kubernetes_sandbox box(ex, {.cluster = cluster, .image = "python:3.12-slim"});
/// ```
struct kubernetes_config
{
    http_endpoint server{};  ///< `https://host:port` (or `http://` for a local proxy) with any base path.
    tls_options tls{};       ///< CA (file or data), client certificate and key, `tls-server-name`,
                             ///< `insecure-skip-tls-verify` as `verify_peer = false`.
    std::string token{};     ///< Bearer token; sent as `Authorization: Bearer <token>`.
    /// A file holding the bearer token, read again before each request that opens a connection so that a
    /// rotated service account token is picked up; wins over \ref token when set.
    std::filesystem::path token_file{};
    std::string username{};  ///< Basic authentication (with \ref password), when there is no token.
    std::string password{};
    std::string namespace_name{"default"};  ///< The context's namespace, or the service account's.

    /// \brief Reads a kubeconfig: `path` (empty: the first file of `$KUBECONFIG`, else `~/.kube/config`)
    /// and its context `context` (empty: `current-context`).
    /// \details Fields read: `clusters[].cluster.{server, certificate-authority, certificate-authority-data,
    /// insecure-skip-tls-verify, tls-server-name}`, `users[].user.{token, tokenFile, client-certificate,
    /// client-certificate-data, client-key, client-key-data, username, password}`,
    /// `contexts[].context.{cluster, user, namespace}`. Relative file paths resolve against the kubeconfig's
    /// directory; `-data` fields are base64 PEM.
    /// \par Errors
    /// `not_found`: the file, the context, or the cluster or user it names is missing (the message names
    /// it); `invalid_argument`: YAML that does not parse, a server URL or base64 field that is malformed, a
    /// user with an `exec` or `auth-provider` plugin (not supported: use a token), a referenced file that
    /// cannot be read.
    static kubernetes_config from_kubeconfig(const std::filesystem::path& path = {},
                                             std::string_view context = {});

    /// \brief The configuration of a pod's service account: token, CA and namespace from
    /// `account_dir`, server `https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT`.
    /// \par Errors
    /// `not_found`: the variables are unset or the token file is missing (not running in a cluster).
    static kubernetes_config in_cluster(
        const std::filesystem::path& account_dir = "/var/run/secrets/kubernetes.io/serviceaccount");

    /// \brief \ref in_cluster inside a pod (`KUBERNETES_SERVICE_HOST` set and the token present), else
    /// \ref from_kubeconfig with its defaults.
    static kubernetes_config from_environment();
};

}  // namespace agent_backends

#endif
