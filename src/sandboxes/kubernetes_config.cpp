// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// The configuration of a pod's service account, and the choice between it and a kubeconfig.
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/kubernetes_config.hpp>

#include "sandboxes/kubernetes_config_files.hpp"

#include <string>

namespace agent_backends {
namespace {

const char* const default_account_dir = "/var/run/secrets/kubernetes.io/serviceaccount";

std::string trimmed(std::string s)
{
    auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
    while (!s.empty() && is_space(s.back()))
        s.pop_back();
    std::size_t start = 0;
    while (start < s.size() && is_space(s[start]))
        ++start;
    return s.substr(start);
}

}  // namespace

kubernetes_config kubernetes_config::in_cluster(const std::filesystem::path& account_dir)
{
    auto host = detail::environment_value("KUBERNETES_SERVICE_HOST");
    auto port = detail::environment_value("KUBERNETES_SERVICE_PORT");
    if (!host || !port)
        throw error(errc::not_found,
                    "Not running in a Kubernetes pod: KUBERNETES_SERVICE_HOST and "
                    "KUBERNETES_SERVICE_PORT are not both set");
    auto token_file = account_dir / "token";
    if (!detail::is_readable_file(token_file))
        throw error(errc::not_found,
                    "Not running in a Kubernetes pod with a service account: no readable token "
                    "at " +
                        token_file.string());

    kubernetes_config out;
    std::string authority = host->find(':') != std::string::npos ? "[" + *host + "]" : *host;  // IPv6
    try
    {
        out.server = http_endpoint::parse("https://" + authority + ":" + *port);
    }
    catch (const error& e)
    {
        throw error(errc::invalid_argument,
                    "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT do not make a "
                    "server address: " +
                        e.message());
    }
    out.token_file = token_file;
    if (auto ca = account_dir / "ca.crt"; detail::is_readable_file(ca))
        out.tls.ca_file = ca.string();
    if (auto ns = detail::read_config_file(account_dir / "namespace"))
        if (auto name = trimmed(*ns); !name.empty())
            out.namespace_name = name;
    return out;
}

kubernetes_config kubernetes_config::from_environment()
{
    if (detail::environment_value("KUBERNETES_SERVICE_HOST") &&
        detail::is_readable_file(std::filesystem::path(default_account_dir) / "token"))
        return in_cluster();
    return from_kubeconfig();
}

}  // namespace agent_backends
