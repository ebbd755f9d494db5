// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_DOCKER_LISTENER_HPP
#define AGENT_BACKENDS_TEST_FAKES_DOCKER_LISTENER_HPP

#include "fakes/docker/server_context.hpp"

#include <memory>
#include <string>

namespace agent_backends::test::docker_fake {

/// Binds the listening socket (a unix socket at `socket_path`, else 127.0.0.1 on a free port) and starts
/// accepting on the context's strand; every connection is served until it ends or the engine stops.
/// Returns the engine's URL. Throws `boost::system::system_error` when the socket cannot be bound.
std::string start_listening(const std::shared_ptr<server_context>& ctx, const std::string& socket_path);

}  // namespace agent_backends::test::docker_fake

#endif
