// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_DOCKER_ENVIRONMENT_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_DOCKER_ENVIRONMENT_HPP

// Where the Docker CLI would connect, from the values of its environment variables (given, not read here,
// so the rules can be tested without touching the process environment).

#include <agent_backends/http/http_endpoint.hpp>
#include <agent_backends/sandboxes/docker_engine.hpp>

#include <optional>
#include <string>

namespace agent_backends::detail {

/// The endpoint for `DOCKER_HOST` (unset or empty: `/var/run/docker.sock`); `tcp://` becomes TLS when
/// `tls_verify` (`DOCKER_TLS_VERIFY` set and non-empty), on port 2376 unless one is given.
/// Throws `error(errc::invalid_argument)` quoting a value of another form.
http_endpoint docker_endpoint_from(const std::optional<std::string>& docker_host, bool tls_verify);

/// Options whose TLS settings come from `DOCKER_CERT_PATH` (`ca.pem`, `cert.pem`, `key.pem` found there).
docker_engine_options docker_options_from(const std::optional<std::string>& cert_path);

}  // namespace agent_backends::detail

#endif
