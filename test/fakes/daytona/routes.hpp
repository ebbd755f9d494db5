// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_DAYTONA_ROUTES_HPP
#define AGENT_BACKENDS_TEST_FAKES_DAYTONA_ROUTES_HPP

// The server's endpoints. Each returns the answer for the request loop to write.
#include <agent_backends/task.hpp>

#include "fakes/daytona/exchange.hpp"

namespace agent_backends::test::daytona_fake {

/// `/api/...`: sandboxes (control_routes.cpp).
task<reply> control_route(exchange& ex);

/// `/toolbox/{id}/process/...`: execute and sessions (process_routes.cpp).
task<reply> process_route(exchange& ex);

/// `/toolbox/{id}/files...` and the daemon's info endpoints (file_routes.cpp).
task<reply> file_route(exchange& ex);

/// `Sandbox` JSON of a record (control_routes.cpp). Under the state's mutex.
boost::json::object sandbox_json(const server_state& state, const sandbox_record& sandbox);

}  // namespace agent_backends::test::daytona_fake

#endif
