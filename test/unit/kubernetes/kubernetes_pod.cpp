// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/kubernetes_pod.hpp"

#include "common/printers.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

using namespace agent_backends::detail;
namespace json = boost::json;

namespace agent_backends::detail {
inline std::ostream& operator<<(std::ostream& os, pod_progress::state s)
{
    return os << static_cast<int>(s);
}
}  // namespace agent_backends::detail

namespace {

std::string pod_with(std::string_view phase, std::string_view container_state, std::string_view extra = "")
{
    return R"({"kind":"Pod","metadata":{"name":"p")" + std::string(extra) + R"(},"status":{"phase":")" +
           std::string(phase) + R"(","containerStatuses":[{"name":"other","state":{"running":{}}},)" +
           R"({"name":"sandbox","state":)" + std::string(container_state) + "}]}}";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kubernetes_pod)

BOOST_AUTO_TEST_CASE(manifest_holds_everything_the_sandbox_asks_for)
{
    pod_manifest_input in{.name = "agent-sandbox-1",
                          .namespace_name = "agents",
                          .container_name = "sandbox",
                          .image = "python:3.12-slim",
                          .work_dir = "/workspace",
                          .env = {{"A", "1"}, {"B", "two words"}},
                          .labels = {{"agent-backends.sandbox", "id-1"}, {"team", "x"}},
                          .cpu_request = "500m",
                          .cpu_limit = "1",
                          .memory_request = "256Mi",
                          .memory_limit = "1Gi",
                          .image_pull_policy = "IfNotPresent",
                          .service_account = "runner",
                          .active_deadline = std::chrono::seconds(600)};
    auto pod = json::parse(pod_manifest(in)).as_object();
    BOOST_TEST(pod.at("apiVersion").as_string() == "v1");
    BOOST_TEST(pod.at("kind").as_string() == "Pod");
    BOOST_TEST(json::serialize(pod.at("metadata")) ==
               R"({"name":"agent-sandbox-1","namespace":"agents",)"
               R"("labels":{"agent-backends.sandbox":"id-1","team":"x"}})");
    const auto& spec = pod.at("spec").as_object();
    BOOST_TEST(spec.at("restartPolicy").as_string() == "Never");
    BOOST_TEST(spec.at("activeDeadlineSeconds").as_int64() == 600);
    BOOST_TEST(spec.at("serviceAccountName").as_string() == "runner");
    BOOST_TEST(!spec.contains("automountServiceAccountToken"));
    const auto& containers = spec.at("containers").as_array();
    BOOST_REQUIRE_EQUAL(containers.size(), 1u);
    const auto& c = containers[0].as_object();
    BOOST_TEST(c.at("name").as_string() == "sandbox");
    BOOST_TEST(c.at("image").as_string() == "python:3.12-slim");
    BOOST_TEST(json::serialize(c.at("command")) ==
               json::serialize(json::array{"sh", "-c", keep_alive_script}));
    BOOST_TEST(c.at("workingDir").as_string() == "/workspace");
    BOOST_TEST(json::serialize(c.at("env")) ==
               R"([{"name":"A","value":"1"},{"name":"B","value":"two words"}])");
    BOOST_TEST(json::serialize(c.at("resources")) ==
               R"({"requests":{"cpu":"500m","memory":"256Mi"},"limits":{"cpu":"1","memory":"1Gi"}})");
    BOOST_TEST(c.at("imagePullPolicy").as_string() == "IfNotPresent");
}

BOOST_AUTO_TEST_CASE(manifest_leaves_out_what_is_not_asked_for)
{
    auto pod =
        json::parse(pod_manifest({.name = "p", .namespace_name = "n", .container_name = "c", .image = "i"}))
            .as_object();
    const auto& spec = pod.at("spec").as_object();
    BOOST_TEST(!spec.contains("activeDeadlineSeconds"));
    BOOST_TEST(!spec.contains("serviceAccountName"));
    BOOST_TEST(spec.at("automountServiceAccountToken").as_bool() == false);
    const auto& c = spec.at("containers").as_array()[0].as_object();
    BOOST_TEST(!c.contains("env"));
    BOOST_TEST(!c.contains("resources"));
    BOOST_TEST(!c.contains("imagePullPolicy"));
}

BOOST_AUTO_TEST_CASE(names_and_label_values_are_made_acceptable)
{
    BOOST_TEST(pod_name_from("agent-sandbox-1234ABCD-5e6f") == "agent-sandbox-1234abcd-5e6f");
    BOOST_TEST(pod_name_from("--My_Box!--") == "my-box");
    BOOST_TEST(pod_name_from(std::string(80, 'a')).size() == 63u);
    BOOST_TEST(label_value_from("user@example.com") == "user_example.com");
    BOOST_TEST(label_value_from("_x_") == "x");
}

BOOST_AUTO_TEST_CASE(a_pod_runs_once_its_phase_and_its_container_say_so)
{
    auto pending =
        read_pod_progress(pod_with("Pending", R"({"waiting":{"reason":"ContainerCreating"}})"), "sandbox");
    BOOST_REQUIRE(pending.has_value());
    BOOST_TEST(pending->where == pod_progress::state::pending);
    BOOST_TEST(pending->detail == "ContainerCreating");
    auto running = read_pod_progress(pod_with("Running", R"({"running":{"startedAt":"x"}})"), "sandbox");
    BOOST_REQUIRE(running.has_value());
    BOOST_TEST(running->where == pod_progress::state::running);
    auto fresh = read_pod_progress(R"({"kind":"Pod","metadata":{}})", "sandbox");
    BOOST_REQUIRE(fresh.has_value());
    BOOST_TEST(fresh->where == pod_progress::state::pending);
}

BOOST_AUTO_TEST_CASE(image_pull_failures_and_failed_phases_end_the_wait)
{
    for (std::string reason :
         {"ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError"})
    {
        auto p = read_pod_progress(
            pod_with("Pending", R"({"waiting":{"reason":")" + reason + R"(","message":"cannot pull x"}})"),
            "sandbox");
        BOOST_REQUIRE(p.has_value());
        BOOST_TEST(p->where == pod_progress::state::failed);
        BOOST_TEST(p->detail == reason + ": cannot pull x");
    }
    auto failed = read_pod_progress(
        R"({"status":{"phase":"Failed","reason":"DeadlineExceeded","message":"Pod was active too long"}})",
        "s");
    BOOST_REQUIRE(failed.has_value());
    BOOST_TEST(failed->where == pod_progress::state::failed);
    BOOST_TEST(failed->detail == "DeadlineExceeded: Pod was active too long");
    auto unschedulable = read_pod_progress(
        R"({"status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False",)"
        R"("reason":"Unschedulable","message":"0/3 nodes are available"}]}})",
        "s");
    BOOST_REQUIRE(unschedulable.has_value());
    BOOST_TEST(unschedulable->where == pod_progress::state::failed);
}

BOOST_AUTO_TEST_CASE(a_pod_being_deleted_or_terminated_has_ended)
{
    auto deleting = read_pod_progress(
        pod_with("Running", R"({"running":{}})", R"(,"deletionTimestamp":"2026-01-01T00:00:00Z")"),
        "sandbox");
    BOOST_REQUIRE(deleting.has_value());
    BOOST_TEST(deleting->where == pod_progress::state::ended);
    auto terminated = read_pod_progress(
        pod_with("Running", R"({"terminated":{"exitCode":137,"reason":"OOMKilled"}})"), "sandbox");
    BOOST_REQUIRE(terminated.has_value());
    BOOST_TEST(terminated->where == pod_progress::state::ended);
    BOOST_TEST(terminated->detail.find("137") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(what_is_not_a_pod_object_is_a_protocol_error)
{
    BOOST_TEST(read_pod_progress("<html>", "s").has_error());
    BOOST_TEST(read_pod_progress("[]", "s").has_error());
}

BOOST_AUTO_TEST_SUITE_END()
