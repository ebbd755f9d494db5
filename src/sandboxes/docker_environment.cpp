// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/docker_environment.hpp"

#include <agent_backends/error.hpp>

#include <filesystem>
#include <string_view>

#include <stdlib.h>

namespace agent_backends {
namespace detail {
namespace {

[[noreturn]] void bad_docker_host(const std::string& value, std::string_view why)
{
    throw error(errc::invalid_argument, "DOCKER_HOST=\"" + value + "\" is not usable: " + std::string(why) +
                                            ". Use unix:///path/to/docker.sock, tcp://host:port, "
                                            "http://host:port or https://host:port.");
}

std::optional<std::string> environment(const char* name)
{
    const char* v = ::getenv(name);
    if (!v)
        return std::nullopt;
    return std::string(v);
}

bool starts_with(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

// True when `host[:port][/path]` (IPv6 in brackets) gives a port.
bool names_port(std::string_view rest)
{
    auto authority = rest.substr(0, rest.find('/'));
    if (!authority.empty() && authority.front() == '[')
        return authority.find("]:") != std::string_view::npos;
    return authority.find(':') != std::string_view::npos;
}

}  // namespace

http_endpoint docker_endpoint_from(const std::optional<std::string>& docker_host, bool tls_verify)
{
    if (!docker_host || docker_host->empty())
        return http_endpoint::parse("unix:///var/run/docker.sock");
    const std::string& value = *docker_host;
    if (starts_with(value, "ssh://"))
        bad_docker_host(value, "ssh:// connections are not supported");
    if (starts_with(value, "npipe://"))
        bad_docker_host(value, "named pipes exist only on Windows");
    if (!starts_with(value, "unix:") && !starts_with(value, "tcp://") && !starts_with(value, "http://") &&
        !starts_with(value, "https://"))
        bad_docker_host(value, "unknown scheme");
    http_endpoint ep;
    try
    {
        ep = http_endpoint::parse(value);
    }
    catch (const error& e)
    {
        bad_docker_host(value, e.message());
    }
    if (tls_verify && starts_with(value, "tcp://"))
    {
        // The Docker CLI speaks TLS to tcp:// once DOCKER_TLS_VERIFY is set, on 2376 by default.
        ep.transport = http_transport::tls;
        if (!names_port(std::string_view(value).substr(6)))
            ep.port = 2376;
    }
    return ep;
}

docker_engine_options docker_options_from(const std::optional<std::string>& cert_path)
{
    // The certificate is always verified (the Go client skips that when DOCKER_TLS_VERIFY is unset; we
    // don't).
    docker_engine_options opts;
    if (!cert_path || cert_path->empty())
        return opts;
    namespace fs = std::filesystem;
    const fs::path dir(*cert_path);
    std::error_code ec;
    if (fs::exists(dir / "ca.pem", ec))
        opts.http.tls.ca_file = (dir / "ca.pem").string();
    if (fs::exists(dir / "cert.pem", ec) && fs::exists(dir / "key.pem", ec))
    {
        opts.http.tls.client_cert_file = (dir / "cert.pem").string();
        opts.http.tls.client_key_file = (dir / "key.pem").string();
    }
    return opts;
}

}  // namespace detail

http_endpoint docker_engine::endpoint_from_environment()
{
    auto verify = detail::environment("DOCKER_TLS_VERIFY");
    return detail::docker_endpoint_from(detail::environment("DOCKER_HOST"), verify && !verify->empty());
}

docker_engine_options docker_engine::options_from_environment()
{
    return detail::docker_options_from(detail::environment("DOCKER_CERT_PATH"));
}

}  // namespace agent_backends
