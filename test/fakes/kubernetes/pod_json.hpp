// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_KUBERNETES_POD_JSON_HPP
#define AGENT_BACKENDS_TEST_FAKES_KUBERNETES_POD_JSON_HPP

// The JSON the API server writes: pods with their status, lists, tables, and `Status` objects.
#include "fakes/kubernetes/api_state.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::test::kubernetes_fake {

/// The pod as `GET` returns it: the created object with `status` as it stands.
boost::json::object render_pod(const pod_record& pod);

/// A `PodList` of `pods` (already rendered), at `resource_version`.
boost::json::object pod_list(boost::json::array pods, std::uint64_t resource_version);

/// A `meta.k8s.io/v1` `Table` as `kubectl get pods` asks for (`Accept: ...;as=Table`).
boost::json::object pod_table(const std::vector<const pod_record*>& pods, std::uint64_t resource_version);

/// The `reason` the API server gives a status code (`NotFound` for 404, ...).
std::string reason_of(unsigned code);

/// A failure `Status` object: `{"kind":"Status",...,"status":"Failure","message",reason,code}` plus
/// `details` when not empty.
boost::json::object failure_status(unsigned code, std::string_view message, std::string_view reason = {},
                                   boost::json::object details = {});

/// `pods "x" not found`, 404, with details `{name, kind:"pods"}`.
boost::json::object pod_not_found(std::string_view name);

}  // namespace agent_backends::test::kubernetes_fake

#endif
