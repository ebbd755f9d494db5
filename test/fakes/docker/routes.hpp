// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_DOCKER_ROUTES_HPP
#define AGENT_BACKENDS_TEST_FAKES_DOCKER_ROUTES_HPP

// The engine's endpoints. Each returns the answer for the request loop to write, or writes it itself
// (`reply::taken_over`) when it streams.
#include <agent_backends/task.hpp>

#include "fakes/docker/exchange.hpp"
#include "fakes/docker/replies.hpp"

namespace agent_backends::test::docker_fake {

// system_routes.cpp
task<reply> ping(exchange& ex);
task<reply> version(exchange& ex);
task<reply> info(exchange& ex);

// image_routes.cpp
task<reply> inspect_image(exchange& ex);  ///< `GET /images/{name}/json` (the name may hold `/`).
task<reply> pull_image(exchange& ex);     ///< `POST /images/create`
task<reply> build_image(exchange& ex);    ///< `POST /build`

// container_routes.cpp
task<reply> create_container(exchange& ex);
task<reply> list_containers(exchange& ex);
task<reply> start_container(exchange& ex);
task<reply> inspect_container(exchange& ex);
task<reply> stop_container(exchange& ex);
task<reply> kill_container(exchange& ex);
task<reply> wait_container(exchange& ex);
task<reply> remove_container(exchange& ex);

// exec_routes.cpp
task<reply> create_exec(exchange& ex);
task<reply> start_exec(exchange& ex);
task<reply> inspect_exec(exchange& ex);

// archive_routes.cpp
task<reply> put_archive(exchange& ex);
task<reply> get_archive(exchange& ex);  ///< Also `HEAD`.

/// `{"message":"No such container: x"}` with 404.
reply no_such_container(std::string_view id);

}  // namespace agent_backends::test::docker_fake

#endif
