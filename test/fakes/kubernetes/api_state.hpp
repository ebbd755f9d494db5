// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_KUBERNETES_API_STATE_HPP
#define AGENT_BACKENDS_TEST_FAKES_KUBERNETES_API_STATE_HPP

// What the fake API server knows: pods, the event history watches replay, armed faults, the request log.
// One mutex guards all of it (the control API runs on the test's thread, the server on its own); it is
// never held across a suspension.
#include "fakes/common/fault_plan.hpp"
#include "fakes/common/host_process.hpp"
#include "fakes/kubernetes/fake_kubernetes_api.hpp"

#include <boost/json/object.hpp>

#include <chrono>
#include <cstdint>
#include <ctime>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agent_backends::test::kubernetes_fake {

/// The parts of a container spec an exec needs.
struct container_record
{
    std::string name;
    std::string image;
    std::string working_dir;       ///< `workingDir` as given (a host path when it exists).
    std::vector<std::string> env;  ///< `env[]` entries with a `value`, as `K=V`.
};

struct pod_record
{
    std::string namespace_name;
    std::string name;
    std::string uid;
    std::uint64_t resource_version{0};
    std::time_t created{0};
    std::string created_at;        ///< RFC 3339, seconds.
    std::string started_at;        ///< Set when it starts running.
    std::string deleted_at;        ///< Set by a delete, in the last rendering only.
    boost::json::object manifest;  ///< The created object: the request body with `metadata` completed.
    std::string create_body;
    std::vector<container_record> containers;
    std::string phase{"Pending"};
    std::string reason{};          ///< `status.reason` (`DeadlineExceeded`).
    std::string waiting_reason{};  ///< The image pull failure the container waits in; empty: it will run.
    int exit_code{0};              ///< The container's exit code once it terminated.
    std::size_t reads{0};          ///< Reads that showed it pending so far.
    std::optional<std::chrono::steady_clock::time_point> deadline{};  ///< From `activeDeadlineSeconds`.
    std::string root_dir;
    std::size_t execs{0};
    std::shared_ptr<container_group> group;  ///< Its processes, while it runs.

    bool running() const noexcept { return phase == "Running"; }
};

/// One change to a pod as a watch reports it.
struct pod_event
{
    std::uint64_t resource_version{0};
    std::string type;  ///< `ADDED`, `MODIFIED`, `DELETED`.
    std::string namespace_name;
    std::string name;
    std::string phase;
    boost::json::object labels;
    std::string object;  ///< The pod as JSON at that moment.
};

class api_state
{
public:
    explicit api_state(fake_kubernetes_options opts);
    ~api_state();  // kills what still runs, removes a temporary root directory
    api_state(const api_state&) = delete;
    api_state& operator=(const api_state&) = delete;

    const fake_kubernetes_options options;

    mutable std::mutex mutex;

    // ---- everything below: hold `mutex` ----

    std::map<std::pair<std::string, std::string>, pod_record> pods;  ///< By namespace and name.
    std::deque<pod_event> events;                                    ///< The most recent changes.
    fault_plan faults;
    std::deque<fake_request> requests;
    std::string image_pull_failure;
    std::uint64_t resource_version{1};  ///< The newest resource version handed out.

    pod_record* find_pod(std::string_view namespace_name, std::string_view name);

    /// Adds a validated pod (Pending) and records its `ADDED` event.
    pod_record& add_pod(pod_record pod);

    /// A read shows the pod: a pending pod whose reads are used up starts running, a running pod past its
    /// deadline fails. Returns whether it changed (a `MODIFIED` event was recorded).
    bool observe(pod_record& pod);

    /// Starts a pending pod now (unless its image cannot be pulled); true when it changed.
    bool start(pod_record& pod);

    /// Removes the pod, kills its processes, records `DELETED`; returns it as it was last shown.
    pod_record remove(pod_record& pod);

    /// Kills every pod's processes (the server stops).
    void kill_all();

    /// The oldest resource version a watch can still resume from.
    std::uint64_t oldest_watchable() const;

    void log_request(fake_request r);

    /// A fresh host directory for a pod.
    std::string make_pod_dir(std::string_view namespace_name, std::string_view name);

    // ---- stateless ----

    static std::string random_uid();
    static std::string now_rfc3339();

private:
    void record(const pod_record& pod, std::string type);

    std::string root_;
    bool own_root_{false};
    std::uint64_t dir_counter_{0};
};

}  // namespace agent_backends::test::kubernetes_fake

#endif
