// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_KUBERNETES_ROUTES_HPP
#define AGENT_BACKENDS_TEST_FAKES_KUBERNETES_ROUTES_HPP

// The API server's endpoints. Each returns the answer for the request loop to write, or writes it itself
// (`reply::taken_over`) when it streams. Pod routes find the namespace (and name) in `exchange::segments`
// through `pod_address`.
#include <agent_backends/task.hpp>

#include "fakes/kubernetes/exchange.hpp"
#include "fakes/kubernetes/replies.hpp"

#include <string>

namespace agent_backends::test::kubernetes_fake {

/// Which pods a request is about: `/api/v1/namespaces/{ns}/pods[/{name}[/exec]]`, `/api/v1/pods`, and the
/// older `/api/v1/watch/...` forms.
struct pod_address
{
    std::string namespace_name;  ///< Empty: every namespace.
    std::string name;            ///< Empty: the collection.
    bool watch_path{false};      ///< Came in as `/api/v1/watch/...`.
};

// discovery_routes.cpp
task<reply> version(exchange& ex);
task<reply> api_versions(exchange& ex);    ///< `GET /api`
task<reply> api_groups(exchange& ex);      ///< `GET /apis`
task<reply> core_resources(exchange& ex);  ///< `GET /api/v1`
task<reply> openapi_v3_root(exchange& ex);
task<reply> openapi_v3_core(exchange& ex);  ///< `GET /openapi/v3/api/v1`
task<reply> health(exchange& ex);           ///< `/healthz`, `/livez`, `/readyz`

// pod_routes.cpp
task<reply> create_pod(exchange& ex, const pod_address& at);
task<reply> get_pod(exchange& ex, const pod_address& at);
task<reply> list_pods(exchange& ex, const pod_address& at);
task<reply> delete_pod(exchange& ex, const pod_address& at);

// watch_route.cpp
task<reply> watch_pods(exchange& ex, const pod_address& at);

// exec_route.cpp
task<reply> exec_in_pod(exchange& ex, const pod_address& at);

/// 404 `the server could not find the requested resource`.
reply resource_not_found();

}  // namespace agent_backends::test::kubernetes_fake

#endif
