// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_DAYTONA_LISTENER_HPP
#define AGENT_BACKENDS_TEST_FAKES_DAYTONA_LISTENER_HPP

#include "fakes/daytona/server_context.hpp"

#include <memory>
#include <string>

namespace agent_backends::test::daytona_fake {

/// Binds 127.0.0.1 on a free port and starts accepting; every connection is served until it ends or the
/// server stops. Returns `http://127.0.0.1:port`. Throws `boost::system::system_error` when it cannot bind.
std::string start_listening(const std::shared_ptr<server_context>& ctx);

}  // namespace agent_backends::test::daytona_fake

#endif
