// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// The REST side of the fake API server, driven with our http_client: authentication, discovery, the pod
// life cycle (create, get, list, watch, delete), and the Status objects of its errors.
#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "common/temp_dir.hpp"
#include "kubernetes_fake_support.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/array.hpp>
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <string>

using namespace agent_backends;
using namespace agent_backends::test;
namespace asio = boost::asio;
namespace json = boost::json;

namespace {

const std::string pods_path = "/api/v1/namespaces/default/pods";

// The events of a watch stream, read as they come.
class watch_reader
{
public:
    explicit watch_reader(http_response_stream stream) : stream_(std::move(stream)) {}

    /// The next event; null when the server ended the stream.
    task<json::value> next()
    {
        std::array<char, 4096> buffer;
        for (auto eol = pending_.find('\n'); eol == std::string::npos; eol = pending_.find('\n'))
        {
            auto n = co_await stream_.read_some(buffer);
            if (n == 0)
                co_return nullptr;
            pending_.append(buffer.data(), n);
        }
        auto eol = pending_.find('\n');
        auto line = pending_.substr(0, eol);
        pending_.erase(0, eol + 1);
        co_return json::parse(line);
    }

private:
    http_response_stream stream_;
    std::string pending_;
};

task<watch_reader> open_watch(http_client& client, std::string target)
{
    auto stream = co_await client.open(get(std::move(target)));
    BOOST_REQUIRE_EQUAL(stream.status(), 200u);
    co_return watch_reader(std::move(stream));
}

// Reads a watch stream until `count` events arrived or the server ended it.
task<std::vector<json::value>> watch_events(http_client& client, std::string target, std::size_t count)
{
    auto reader = co_await open_watch(client, std::move(target));
    std::vector<json::value> events;
    while (events.size() < count)
    {
        auto e = co_await reader.next();
        if (e.is_null())
            break;
        events.push_back(std::move(e));
    }
    co_return events;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fake_kubernetes_api_pods)

BOOST_AUTO_TEST_CASE(requests_without_the_bearer_token_get_401_unauthorized_status)
{
    fake_kubernetes_api api;
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
        auto none = co_await client.request({.target = pods_path});
        auto wrong = co_await client.request(get(pods_path, "not-the-token"));
        for (const auto* r : {&none, &wrong})
        {
            BOOST_TEST(r->status == 401u);
            BOOST_TEST(json::serialize(json_of(*r)) ==
                       R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",)"
                       R"("message":"Unauthorized","reason":"Unauthorized","code":401})");
        }
        BOOST_TEST((co_await client.request(get(pods_path))).status == 200u);
    }());
}

BOOST_AUTO_TEST_CASE(an_empty_token_option_accepts_every_request)
{
    fake_kubernetes_api api({.token = ""});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
        BOOST_TEST((co_await client.request({.target = pods_path})).status == 200u);
    }());
}

BOOST_AUTO_TEST_CASE(discovery_names_the_core_api_and_the_pod_resources)
{
    fake_kubernetes_api api;
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
        auto version = json_of(co_await client.request(get("/version")));
        BOOST_TEST(text_at(version, {"gitVersion"}) == "v1.32.0");
        auto api_versions = json_of(co_await client.request(get("/api")));
        BOOST_TEST(text_at(api_versions, {"kind"}) == "APIVersions");
        BOOST_TEST(text_at(api_versions, {"versions"}) == R"(["v1"])");
        auto groups = json_of(co_await client.request(get("/apis")));
        BOOST_TEST(text_at(groups, {"kind"}) == "APIGroupList");
        auto resources = json_of(co_await client.request(get("/api/v1")));
        std::vector<std::string> names;
        for (const auto& r : resources.at("resources").as_array())
            names.emplace_back(r.at("name").as_string());
        BOOST_TEST((names == std::vector<std::string>{"pods", "pods/exec", "pods/status", "namespaces"}));
        auto unknown = co_await client.request(get("/api/v1/namespaces/default/services"));
        BOOST_TEST(unknown.status == 404u);
        BOOST_TEST(text_at(json_of(unknown), {"reason"}) == "NotFound");
    }());
}

BOOST_AUTO_TEST_CASE(create_echoes_the_pod_pending_with_uid_resource_version_and_timestamp)
{
    fake_kubernetes_api api;
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
        auto created = co_await client.request(post_json(pods_path, pod_json("sbx-1")));
        BOOST_TEST(created.status == 201u);
        auto pod = json_of(created);
        BOOST_TEST(text_at(pod, {"kind"}) == "Pod");
        BOOST_TEST(text_at(pod, {"metadata", "name"}) == "sbx-1");
        BOOST_TEST(text_at(pod, {"metadata", "namespace"}) == "default");
        BOOST_TEST(text_at(pod, {"metadata", "labels", "app"}) == "agent-sandbox");
        BOOST_TEST(text_at(pod, {"metadata", "uid"}).size() == 36u);
        BOOST_TEST(!text_at(pod, {"metadata", "resourceVersion"}).empty());
        BOOST_TEST(text_at(pod, {"metadata", "creationTimestamp"}).back() == 'Z');
        BOOST_TEST(text_at(pod, {"status", "phase"}) == "Pending");
        auto info = api.pod("default", "sbx-1");
        BOOST_REQUIRE(info);
        BOOST_TEST(info->uid == text_at(pod, {"metadata", "uid"}));
        BOOST_TEST(info->image == "busybox:1.36");
        BOOST_TEST(info->create_body == pod_json("sbx-1"));
        BOOST_TEST(std::filesystem::is_directory(info->root_dir));
    }());
}

BOOST_AUTO_TEST_CASE(get_shows_pending_for_pending_reads_then_running_and_ready)
{
    fake_kubernetes_api api({.pending_reads = 2});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
        co_await client.request(post_json(pods_path, pod_json("sbx-1")));
        std::vector<std::string> phases;
        for (int i = 0; i < 4; ++i)
            phases.push_back(
                text_at(json_of(co_await client.request(get(pods_path + "/sbx-1"))), {"status", "phase"}));
        BOOST_TEST((phases == std::vector<std::string>{"Pending", "Pending", "Running", "Running"}));
        auto pod = json_of(co_await client.request(get(pods_path + "/sbx-1")));
        auto& status = pod.at("status").at("containerStatuses").at(0);
        BOOST_TEST(status.at("ready").as_bool());
        BOOST_TEST(status.at("state").as_object().contains("running"));
        BOOST_TEST(api.pod("default", "sbx-1")->phase == "Running");
    }());
}

BOOST_AUTO_TEST_CASE(a_pending_pod_shows_its_container_creating)
{
    fake_kubernetes_api api({.pending_reads = 5});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
        co_await client.request(post_json(pods_path, pod_json("sbx-1")));
        auto pod = json_of(co_await client.request(get(pods_path + "/sbx-1")));
        BOOST_TEST(text_at(pod, {"status", "containerStatuses"}).find("ContainerCreating") !=
                   std::string::npos);
    }());
}

BOOST_AUTO_TEST_CASE(failing_image_pulls_keep_pods_pending_with_the_waiting_reason)
{
    fake_kubernetes_api api({.pending_reads = 0});
    api.fail_image_pulls("ImagePullBackOff");
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
        co_await client.request(post_json(pods_path, pod_json("sbx-1", {}, "nope/missing:1")));
        for (int i = 0; i < 3; ++i)
        {
            auto pod = json_of(co_await client.request(get(pods_path + "/sbx-1")));
            BOOST_TEST(text_at(pod, {"status", "phase"}) == "Pending");
            const auto& state = pod.at("status").at("containerStatuses").at(0).at("state");
            BOOST_TEST(text_at(state, {"waiting", "reason"}) == "ImagePullBackOff");
            BOOST_TEST(!pod.at("status").at("containerStatuses").at(0).at("ready").as_bool());
        }
        api.fail_image_pulls("");
        co_await client.request(post_json(pods_path, pod_json("sbx-2")));
        auto later = json_of(co_await client.request(get(pods_path + "/sbx-2")));
        BOOST_TEST(text_at(later, {"status", "phase"}) == "Running");
    }());
}

BOOST_AUTO_TEST_CASE(a_pod_past_its_active_deadline_fails_with_deadline_exceeded)
{
    fake_kubernetes_api api({.pending_reads = 0});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
        co_await client.request(post_json(pods_path,
                                          R"({"metadata":{"name":"short"},"spec":{"activeDeadlineSeconds":1,)"
                                          R"("containers":[{"name":"main","image":"busybox"}]}})"));
        auto pod = json_of(co_await client.request(get(pods_path + "/short")));
        BOOST_TEST(text_at(pod, {"status", "phase"}) == "Running");
        // The deadline is checked when the pod is read: read it until it passed (bounded).
        asio::steady_timer timer(co_await asio::this_coro::executor);
        for (auto end = std::chrono::steady_clock::now() + std::chrono::seconds(5);
             text_at(pod, {"status", "phase"}) != "Failed" && std::chrono::steady_clock::now() < end;)
        {
            timer.expires_after(std::chrono::milliseconds(50));
            co_await timer.async_wait(asio::use_awaitable);
            pod = json_of(co_await client.request(get(pods_path + "/short")));
        }
        BOOST_TEST(text_at(pod, {"status", "phase"}) == "Failed");
        BOOST_TEST(text_at(pod, {"status", "reason"}) == "DeadlineExceeded");
    }());
}

BOOST_AUTO_TEST_CASE(list_returns_a_pod_list_or_a_table_when_asked_and_honours_selectors)
{
    fake_kubernetes_api api;
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
        co_await client.request(post_json(pods_path, pod_json("sbx-1")));
        co_await client.request(post_json(pods_path, pod_json("sbx-2")));
        co_await client.request(post_json("/api/v1/namespaces/other/pods", pod_json("sbx-3")));
        auto list = json_of(co_await client.request(get(pods_path)));
        BOOST_TEST(text_at(list, {"kind"}) == "PodList");
        BOOST_TEST(list.at("items").as_array().size() == 2u);
        BOOST_TEST(json_of(co_await client.request(get("/api/v1/pods"))).at("items").as_array().size() == 3u);
        auto one = json_of(co_await client.request(get(pods_path + "?fieldSelector=metadata.name%3Dsbx-2")));
        BOOST_REQUIRE_EQUAL(one.at("items").as_array().size(), 1u);
        BOOST_TEST(text_at(one.at("items").at(0), {"metadata", "name"}) == "sbx-2");
        auto labelled = json_of(co_await client.request(get(pods_path + "?labelSelector=app%3Dother")));
        BOOST_TEST(labelled.at("items").as_array().empty());
        auto bad = co_await client.request(get(pods_path + "?fieldSelector=spec.color%3Dred"));
        BOOST_TEST(bad.status == 400u);
        BOOST_TEST(text_at(json_of(bad), {"message"}) == "field label not supported: spec.color");

        auto table_request = get(pods_path);
        table_request.headers = {{"Authorization", "Bearer fake-token"},
                                 {"Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"}};
        auto table = json_of(co_await client.request(table_request));
        BOOST_TEST(text_at(table, {"kind"}) == "Table");
        BOOST_TEST(text_at(table.at("columnDefinitions").at(0), {"name"}) == "Name");
        BOOST_REQUIRE_EQUAL(table.at("rows").as_array().size(), 2u);
        BOOST_TEST(text_at(table.at("rows").at(0).at("cells"), {}).find("sbx-1") != std::string::npos);
    }());
}

BOOST_AUTO_TEST_CASE(delete_answers_the_pod_with_a_deletion_timestamp_then_404)
{
    fake_kubernetes_api api;
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
        co_await create_running_pod(client, "sbx-1");
        auto root = api.pod("default", "sbx-1")->root_dir;
        auto deleted = co_await client.request(delete_request(pods_path + "/sbx-1?gracePeriodSeconds=0"));
        BOOST_TEST(deleted.status == 200u);
        BOOST_TEST(!text_at(json_of(deleted), {"metadata", "deletionTimestamp"}).empty());
        auto gone = co_await client.request(get(pods_path + "/sbx-1"));
        BOOST_TEST(gone.status == 404u);
        BOOST_TEST(json::serialize(json_of(gone)) ==
                   R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",)"
                   R"("message":"pods \"sbx-1\" not found","reason":"NotFound",)"
                   R"("details":{"name":"sbx-1","kind":"pods"},"code":404})");
        BOOST_TEST((co_await client.request(delete_request(pods_path + "/sbx-1"))).status == 404u);
        BOOST_TEST(!api.pod("default", "sbx-1"));
        BOOST_TEST(!std::filesystem::exists(root));
    }());
}

BOOST_AUTO_TEST_CASE(create_of_an_existing_pod_is_409_already_exists)
{
    fake_kubernetes_api api;
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
        co_await client.request(post_json(pods_path, pod_json("sbx-1")));
        auto again = co_await client.request(post_json(pods_path, pod_json("sbx-1")));
        BOOST_TEST(again.status == 409u);
        auto status = json_of(again);
        BOOST_TEST(text_at(status, {"reason"}) == "AlreadyExists");
        BOOST_TEST(text_at(status, {"message"}) == R"(pods "sbx-1" already exists)");
        BOOST_TEST(text_at(status, {"code"}) == "409");
    }());
}

BOOST_AUTO_TEST_CASE(create_without_containers_or_image_is_422_invalid_and_bad_json_is_400)
{
    fake_kubernetes_api api;
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
        auto no_containers = co_await client.request(
            post_json(pods_path, R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"},"spec":{}})"));
        BOOST_TEST(no_containers.status == 422u);
        BOOST_TEST(text_at(json_of(no_containers), {"reason"}) == "Invalid");
        BOOST_TEST(text_at(json_of(no_containers), {"message"}) ==
                   R"(Pod "a" is invalid: spec.containers: Required value)");
        auto no_image = co_await client.request(
            post_json(pods_path, R"({"metadata":{"name":"b"},"spec":{"containers":[{"name":"main"}]}})"));
        BOOST_TEST(no_image.status == 422u);
        BOOST_TEST(text_at(json_of(no_image), {"message"}) ==
                   R"(Pod "b" is invalid: spec.containers[0].image: Required value)");
        BOOST_TEST(text_at(json_of(no_image), {"details", "causes"}).find("spec.containers[0].image") !=
                   std::string::npos);
        auto not_json = co_await client.request(post_json(pods_path, "{not json"));
        BOOST_TEST(not_json.status == 400u);
        BOOST_TEST(text_at(json_of(not_json), {"reason"}) == "BadRequest");
        BOOST_TEST(api.pods().empty());
    }());
}

BOOST_AUTO_TEST_CASE(generate_name_gets_a_random_suffix)
{
    fake_kubernetes_api api;
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
        auto created = co_await client.request(post_json(
            pods_path,
            R"({"metadata":{"generateName":"sbx-"},"spec":{"containers":[{"name":"m","image":"x"}]}})"));
        BOOST_TEST(created.status == 201u);
        auto name = text_at(json_of(created), {"metadata", "name"});
        BOOST_TEST(name.size() == 9u);
        BOOST_TEST(name.starts_with("sbx-"));
    }());
}

BOOST_AUTO_TEST_CASE(watch_streams_added_then_modified_to_running_then_deleted)
{
    fake_kubernetes_api api({.pending_reads = 100});
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        http_client client(ex, api.endpoint(), client_options(api));
        auto created = json_of(co_await client.request(post_json(pods_path, pod_json("sbx-1"))));
        auto rv = text_at(created, {"metadata", "resourceVersion"});
        // From the create's resource version: the watch moves the pod on, so MODIFIED (Running) comes.
        auto events = co_await watch_events(
            client,
            pods_path +
                "?watch=true&timeoutSeconds=20&fieldSelector=metadata.name%3Dsbx-1&resourceVersion=" + rv,
            1);
        BOOST_REQUIRE_EQUAL(events.size(), 1u);
        BOOST_TEST(text_at(events[0], {"type"}) == "MODIFIED");
        BOOST_TEST(text_at(events[0], {"object", "status", "phase"}) == "Running");

        // Without a resource version: ADDED for the pod as it is, then its deletion.
        auto watch = co_await open_watch(client, pods_path + "?watch=true&timeoutSeconds=20");
        std::vector<json::value> again;
        again.push_back(co_await watch.next());
        BOOST_TEST(api.remove_pod("default", "sbx-1"));  // as another client would, from this thread
        again.push_back(co_await watch.next());
        BOOST_TEST(text_at(again[0], {"type"}) == "ADDED");
        BOOST_TEST(text_at(again[1], {"type"}) == "DELETED");
        BOOST_TEST(text_at(again[1], {"object", "metadata", "name"}) == "sbx-1");
    }());
}

BOOST_AUTO_TEST_CASE(watch_of_a_namespace_replays_changes_after_the_resource_version)
{
    fake_kubernetes_api api({.pending_reads = 0});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
        auto first = json_of(co_await client.request(post_json(pods_path, pod_json("sbx-1"))));
        co_await client.request(get(pods_path + "/sbx-1"));  // runs
        co_await client.request(post_json("/api/v1/namespaces/other/pods", pod_json("sbx-9")));
        co_await client.request(delete_request(pods_path + "/sbx-1"));
        auto events = co_await watch_events(client,
                                            pods_path + "?watch=1&timeoutSeconds=1&resourceVersion=" +
                                                text_at(first, {"metadata", "resourceVersion"}),
                                            10);
        std::vector<std::string> types;
        for (const auto& e : events)
            types.push_back(text_at(e, {"type"}));
        BOOST_TEST((types == std::vector<std::string>{"MODIFIED", "DELETED"}));
    }());
}

BOOST_AUTO_TEST_CASE(watch_ends_at_timeout_seconds_and_releases_the_connection)
{
    fake_kubernetes_api api;
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
        auto start = std::chrono::steady_clock::now();
        auto events = co_await watch_events(client, pods_path + "?watch=true&timeoutSeconds=1", 5);
        BOOST_TEST(events.empty());
        BOOST_TEST((std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(900)));
        BOOST_TEST(co_await eventually([&] { return api.open_connections() == 0; }));
    }());
}

BOOST_AUTO_TEST_CASE(requests_are_logged_with_method_target_and_path)
{
    fake_kubernetes_api api;
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
        co_await client.request(get(pods_path + "?limit=500"));
    }());
    auto log = api.requests();
    BOOST_REQUIRE_EQUAL(log.size(), 1u);
    BOOST_TEST(log[0].method == "GET");
    BOOST_TEST(log[0].target == pods_path + "?limit=500");
    BOOST_TEST(log[0].path == pods_path);
}

BOOST_AUTO_TEST_CASE(tls_serves_a_certificate_chaining_to_ca_pem_and_config_reaches_it)
{
    fake_kubernetes_api api({.tls = true});
    BOOST_TEST(api.url().starts_with("https://127.0.0.1:"));
    BOOST_TEST(api.ca_pem().find("BEGIN CERTIFICATE") != std::string::npos);
    auto config = api.config();
    BOOST_TEST(config.server.url() == api.url());
    BOOST_TEST(config.tls.ca_pem == api.ca_pem());
    BOOST_TEST(config.token == "fake-token");
    BOOST_TEST(config.namespace_name == "default");
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, api.endpoint(), client_options(api));
        co_await create_running_pod(client, "sbx-1");
        auto untrusted = http_client(co_await asio::this_coro::executor, api.endpoint(),
                                     {.connect_timeout = std::chrono::seconds(5)});
        bool refused = false;
        try
        {
            co_await untrusted.request(get(pods_path));
        }
        catch (const error& e)
        {
            refused = e.condition() == errc::unavailable;
        }
        BOOST_TEST(refused);
    }());
}

BOOST_AUTO_TEST_CASE(write_kubeconfig_names_the_server_token_ca_and_namespace)
{
    fake_kubernetes_api api({.tls = true});
    temp_dir dir;
    api.write_kubeconfig(dir.path() / "kube" / "config");
    auto text = dir.read("kube/config");
    BOOST_TEST(text.find("server: \"" + api.url() + "\"") != std::string::npos);
    BOOST_TEST(text.find("token: \"fake-token\"") != std::string::npos);
    BOOST_TEST(text.find("certificate-authority-data: ") != std::string::npos);
    BOOST_TEST(text.find("current-context: fake") != std::string::npos);
    BOOST_TEST(text.find("namespace: default") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(stop_closes_every_connection_and_refuses_new_ones)
{
    fake_kubernetes_api api;
    auto endpoint = api.endpoint();
    api.stop();
    api.stop();
    BOOST_TEST(api.open_connections() == 0u);
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, endpoint,
                           {.connect_timeout = std::chrono::seconds(5)});
        bool refused = false;
        try
        {
            co_await client.request(get(pods_path));
        }
        catch (const error& e)
        {
            refused = e.condition() == errc::unavailable;
        }
        BOOST_TEST(refused);
    }());
}

BOOST_AUTO_TEST_SUITE_END()
