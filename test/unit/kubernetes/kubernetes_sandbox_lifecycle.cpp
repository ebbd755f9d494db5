// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/kubernetes_sandbox.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "fakes/common/tls_test_certificates.hpp"
#include "kubernetes_fixture.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/system/system_error.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <fstream>
#include <string>

using namespace agent_backends;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace json = boost::json;

namespace {

std::size_t requests_matching(test::fake_kubernetes_api& api, std::string_view method, std::string_view path)
{
    std::size_t n = 0;
    for (const auto& r : api.requests())
        n += r.method == method && r.path == path;
    return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kubernetes_sandbox_lifecycle)

BOOST_AUTO_TEST_CASE(start_creates_the_pod_with_everything_asked_for)
{
    test::pod_session s;
    auto opts = s.options();
    opts.sandbox_id = "0123456789abcdef-rest";
    opts.container_name = "main";
    opts.env = {{"GREETING", "hello there"}};
    opts.labels = {{"team", "agents"}};
    opts.cpu_request = "250m";
    opts.cpu_limit = "1";
    opts.memory_request = "128Mi";
    opts.memory_limit = "512Mi";
    opts.image_pull_policy = "IfNotPresent";
    opts.service_account = "sandbox-runner";
    opts.active_deadline = 900s;
    auto box = s.make_box(opts);
    BOOST_TEST(box->pod_name() == "agent-sandbox-0123456789ab");
    BOOST_TEST(box->namespace_name() == "default");
    s.run(box->start());

    auto pod = s.api().pod("default", box->pod_name());
    BOOST_REQUIRE(pod);
    BOOST_TEST(pod->phase == "Running");
    BOOST_TEST(pod->image == "busybox:1.36");
    auto body = json::parse(pod->create_body).as_object();
    BOOST_TEST(body.at("kind").as_string() == "Pod");
    const auto& meta = body.at("metadata").as_object();
    BOOST_TEST(meta.at("name").as_string() == box->pod_name());
    BOOST_TEST(json::serialize(meta.at("labels")) ==
               R"({"agent-backends.sandbox":"0123456789abcdef-rest","team":"agents"})");
    const auto& spec = body.at("spec").as_object();
    BOOST_TEST(spec.at("restartPolicy").as_string() == "Never");
    BOOST_TEST(spec.at("activeDeadlineSeconds").as_int64() == 900);
    BOOST_TEST(spec.at("serviceAccountName").as_string() == "sandbox-runner");
    const auto& c = spec.at("containers").as_array().at(0).as_object();
    BOOST_TEST(c.at("name").as_string() == "main");
    BOOST_TEST(c.at("image").as_string() == "busybox:1.36");
    BOOST_TEST(c.at("workingDir").as_string() == s.dir().str());
    BOOST_TEST(json::serialize(c.at("env")) == R"([{"name":"GREETING","value":"hello there"}])");
    BOOST_TEST(json::serialize(c.at("resources")) ==
               R"({"requests":{"cpu":"250m","memory":"128Mi"},"limits":{"cpu":"1","memory":"512Mi"}})");
    BOOST_TEST(c.at("imagePullPolicy").as_string() == "IfNotPresent");
    // The main process keeps the pod alive and ends on SIGTERM.
    const auto& command = c.at("command").as_array();
    BOOST_REQUIRE_EQUAL(command.size(), 3u);
    BOOST_TEST(std::string(command[2].as_string()).find("trap 'exit 0' TERM") != std::string::npos);

    // The pod's environment reaches commands.
    BOOST_TEST(s.run(box->execute("echo \"$GREETING\"")).output == "hello there\n");
    s.run(box->stop());
}

BOOST_AUTO_TEST_CASE(start_waits_while_the_pod_is_pending)
{
    test::pod_session s({.pending_reads = 3});
    auto box = s.make_box();
    s.run(box->start());
    const auto path = "/api/v1/namespaces/default/pods/" + box->pod_name();
    BOOST_TEST(requests_matching(s.api(), "GET", path) >= 4u);
    BOOST_TEST(s.run(box->is_alive()));
    s.run(box->stop());
}

BOOST_AUTO_TEST_CASE(operations_start_the_pod_once_on_first_use)
{
    test::pod_session s;
    auto box = s.make_box();
    auto both = [&]() -> task<std::pair<execute_response, execute_response>> {
        using namespace asio::experimental::awaitable_operators;
        auto [a, b] = co_await (box->execute("echo a") && box->execute("echo b"));
        co_return std::pair{a, b};
    };
    auto [a, b] = s.run(both());
    BOOST_TEST(a.output == "a\n");
    BOOST_TEST(b.output == "b\n");
    BOOST_TEST(s.api().pods().size() == 1u);
    BOOST_TEST(requests_matching(s.api(), "POST", "/api/v1/namespaces/default/pods") == 1u);
    s.run(box->stop());
}

BOOST_AUTO_TEST_CASE(an_image_that_cannot_be_pulled_fails_fast_with_the_reason)
{
    test::pod_session s;
    s.api().fail_image_pulls("ImagePullBackOff");
    auto opts = s.options();
    opts.startup_timeout = 60s;
    auto box = s.make_box(opts);
    auto began = std::chrono::steady_clock::now();
    auto failure = test::failure_of([&] { s.run(box->start()); });
    BOOST_TEST((std::chrono::steady_clock::now() - began < 10s));
    BOOST_TEST(failure.code == errc::unavailable);
    BOOST_TEST(failure.message.find("ImagePullBackOff") != std::string::npos, failure.message);
    BOOST_TEST(failure.message.find(box->pod_name()) != std::string::npos, failure.message);
    BOOST_TEST(s.api().pods().empty());  // the pod that could not start was deleted
}

BOOST_AUTO_TEST_CASE(a_pod_that_does_not_run_in_time_times_out_and_is_deleted)
{
    test::pod_session s({.pending_reads = 1'000'000});
    auto opts = s.options();
    opts.startup_timeout = 1s;
    auto box = s.make_box(opts);
    auto began = std::chrono::steady_clock::now();
    auto failure = test::failure_of([&] { s.run(box->start()); });
    BOOST_TEST((std::chrono::steady_clock::now() - began < 5s));
    BOOST_TEST(failure.code == errc::timed_out);
    BOOST_TEST(failure.message.find("did not start within 1 s") != std::string::npos, failure.message);
    BOOST_TEST(s.api().pods().empty());
}

BOOST_AUTO_TEST_CASE(cancelling_start_deletes_the_pod_and_throws_operation_aborted)
{
    test::pod_session s({.pending_reads = 1'000'000});
    auto box = s.make_box();
    auto cancelled = [&]() -> task<boost::system::error_code> {
        using namespace asio::experimental::awaitable_operators;
        asio::steady_timer timer(co_await asio::this_coro::executor, 500ms);
        try
        {
            co_await (box->start() || timer.async_wait(asio::use_awaitable));
        }
        catch (const boost::system::system_error& e)
        {
            co_return e.code();
        }
        co_return boost::system::error_code{};
    };
    s.run(cancelled());
    BOOST_TEST(s.api().pods().empty());
    BOOST_TEST(requests_matching(s.api(), "DELETE", "/api/v1/namespaces/default/pods/" + box->pod_name()) ==
               1u);
}

BOOST_AUTO_TEST_CASE(refused_credentials_are_unavailable_with_the_server_message)
{
    test::pod_session s;
    auto opts = s.options();
    opts.cluster->token = "wrong-token";
    auto box = s.make_box(opts);
    auto failure = test::failure_of([&] { s.run(box->start()); });
    BOOST_TEST(failure.code == errc::unavailable);
    BOOST_TEST(failure.message.find("401") != std::string::npos, failure.message);
    BOOST_TEST(s.api().pods().empty());
}

BOOST_AUTO_TEST_CASE(api_refusals_map_to_error_codes_with_the_status_message)
{
    struct refusal
    {
        unsigned status;
        errc code;
    };
    for (auto [status, code] : {refusal{403, errc::permission_denied}, refusal{404, errc::not_found},
                                refusal{422, errc::unavailable}, refusal{500, errc::unavailable}})
    {
        test::pod_session s;
        const std::string message = "refused with " + std::to_string(status) + " by policy";
        s.api().fail_next("POST", "/api/v1/namespaces/*/pods", status, message);
        auto box = s.make_box();
        auto failure = test::failure_of([&] { s.run(box->start()); });
        BOOST_TEST(failure.code == code, status);
        BOOST_TEST(failure.message.find(message) != std::string::npos, failure.message);
    }
}

BOOST_AUTO_TEST_CASE(a_pod_name_taken_by_another_pod_is_refused_and_that_pod_kept)
{
    test::pod_session s;
    auto first = s.make_box();
    s.run(first->start());
    auto opts = s.options();
    opts.pod_name = first->pod_name();
    auto second = s.make_box(opts);
    auto failure = test::failure_of([&] { s.run(second->start()); });
    BOOST_TEST(failure.code == errc::invalid_argument);
    BOOST_TEST(failure.message.find("already exists") != std::string::npos, failure.message);
    s.run(second->stop());
    BOOST_TEST(s.api().pods().size() == 1u);  // the other pod is not ours to delete
    s.run(first->stop());
    BOOST_TEST(s.api().pods().empty());
}

BOOST_AUTO_TEST_CASE(a_runtime_naming_only_a_base_image_is_refused)
{
    test::pod_session s;
    auto opts = s.options();
    opts.runtime = runtime_config{.name = "built", .base_image = "python:3.12-slim"};
    auto failure = test::failure_of([&] { s.make_box(opts); });
    BOOST_TEST(failure.code == errc::invalid_argument);
    BOOST_TEST(failure.message.find("base image") != std::string::npos, failure.message);
}

BOOST_AUTO_TEST_CASE(a_runtime_gives_the_image_work_dir_and_environment)
{
    test::pod_session s;
    test::temp_dir runtime_dir;
    auto opts = s.options();
    opts.runtime = runtime_config{.name = "ready",
                                  .image = "example/ready:1",
                                  .env_vars = {{"FROM_RUNTIME", "yes"}},
                                  .work_dir = runtime_dir.str()};
    auto box = s.make_box(opts);
    auto r = s.run(box->execute("pwd; echo $FROM_RUNTIME"));
    BOOST_TEST(r.output == runtime_dir.str() + "\nyes\n");
    BOOST_TEST(s.api().pod("default", box->pod_name())->image == "example/ready:1");
    s.run(box->stop());
}

BOOST_AUTO_TEST_CASE(stop_deletes_the_pod_closes_every_connection_and_is_idempotent)
{
    test::pod_session s;
    auto box = s.make_box();
    BOOST_TEST(s.run(box->execute("echo hi")).output == "hi\n");
    s.run(box->stop());
    BOOST_TEST(s.api().pods().empty());
    BOOST_TEST(!s.run(box->is_alive()));
    s.run(box->stop());
    BOOST_TEST(s.connections_close_soon(), s.api().open_connections() << " connections open");
}

BOOST_AUTO_TEST_CASE(a_pod_deleted_behind_our_back_is_reported_gone)
{
    test::pod_session s;
    auto box = s.make_box();
    s.run(box->start());
    BOOST_TEST(s.run(box->is_alive()));
    BOOST_REQUIRE(s.api().remove_pod("default", box->pod_name()));
    auto failure = test::failure_of([&] { s.run(box->execute("echo hi")); });
    BOOST_TEST(failure.code == errc::unavailable);
    BOOST_TEST(failure.message.starts_with("Sandbox pod " + box->pod_name() + " is gone"), failure.message);
    BOOST_TEST(!s.run(box->is_alive()));
    BOOST_TEST(test::error_of([&] { s.run(box->read_bytes("a.txt")); }) == errc::unavailable);
    s.run(box->stop());  // forgets the loss: a new pod can be made
    BOOST_TEST(s.run(box->execute("echo again")).output == "again\n");
    s.run(box->stop());
}

BOOST_AUTO_TEST_CASE(a_token_file_is_read_for_requests)
{
    test::pod_session s;
    test::temp_dir secrets;
    secrets.write("token", "fake-token\n");
    auto opts = s.options();
    opts.cluster->token = "stale-token";
    opts.cluster->token_file = secrets.path() / "token";
    auto box = s.make_box(opts);
    BOOST_TEST(s.run(box->execute("echo ok")).output == "ok\n");
    s.run(box->stop());
}

BOOST_AUTO_TEST_CASE(the_namespace_of_the_options_wins_over_the_configuration)
{
    test::pod_session s;
    auto opts = s.options();
    opts.namespace_name = "agents";
    auto box = s.make_box(opts);
    s.run(box->start());
    BOOST_TEST(s.api().pod("agents", box->pod_name()).has_value());
    s.run(box->stop());
    BOOST_TEST(s.api().pods().empty());
}

BOOST_AUTO_TEST_CASE(last_activity_and_idle_timeout_are_reported)
{
    test::pod_session s;
    auto opts = s.options();
    opts.idle_timeout = 42s;
    auto box = s.make_box(opts);
    BOOST_TEST(!box->last_activity());
    BOOST_TEST(box->idle_timeout().value() == 42s);
    auto before = std::chrono::steady_clock::now();
    s.run(box->execute("true"));
    BOOST_TEST((box->last_activity().value() >= before));
    s.run(box->stop());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(kubernetes_sandbox_tls)

BOOST_AUTO_TEST_CASE(a_tls_api_server_is_trusted_through_the_ca_of_the_configuration)
{
    std::optional<test::pod_session> s;
    try
    {
        s.emplace(test::fake_kubernetes_options{.tls = true});
    }
    catch (const std::runtime_error& e)
    {
        BOOST_TEST_MESSAGE("skipped: no TLS certificate can be made here: " << e.what());
        return;
    }
    BOOST_TEST(s->api().url().starts_with("https://"));
    auto box = s->make_box();
    BOOST_TEST(s->run(box->execute("echo secure")).output == "secure\n");
    s->run(box->stop());

    auto untrusted = s->options();
    untrusted.cluster->tls = {};
    auto stranger = s->make_box(untrusted);
    BOOST_TEST(test::error_of([&] { s->run(stranger->start()); }) == errc::unavailable);
}

// A cluster that authenticates by client certificate, reached through a kubeconfig naming the CA, the
// certificate and the key as files: what kubectl does with the same file.
BOOST_AUTO_TEST_CASE(a_client_certificate_from_a_kubeconfig_authenticates_to_the_api_server)
{
    const auto& certificates = test::test_certificates();
    if (!certificates.available)
    {
        BOOST_TEST_MESSAGE("skipped: no TLS certificate can be made here: " << certificates.why_not);
        return;
    }
    test::pod_session s(test::fake_kubernetes_options{.token = "", .tls = true, .require_client_certificate = true});
    test::temp_dir config_dir;
    auto kubeconfig = [&](bool with_certificate) {
        std::string user = with_certificate ? "    client-certificate: " + certificates.client_cert +
                                                  "\n    client-key: " + certificates.client_key + "\n"
                                            : "    username: nobody\n    password: nothing\n";
        config_dir.write("config", "apiVersion: v1\nkind: Config\ncurrent-context: fake\n"
                                   "clusters:\n- name: fake\n  cluster:\n    server: " + s.api().url() +
                                       "\n    certificate-authority: " + certificates.ca_cert +
                                       "\ncontexts:\n- name: fake\n  context:\n    cluster: fake\n"
                                       "    user: me\nusers:\n- name: me\n  user:\n" + user);
        return kubernetes_config::from_kubeconfig(config_dir.path() / "config");
    };

    auto opts = s.options();
    opts.cluster = kubeconfig(true);
    auto box = s.make_box(opts);
    BOOST_TEST(s.run(box->execute("echo authenticated")).output == "authenticated\n");
    s.run(box->stop());

    opts.cluster = kubeconfig(false);
    auto stranger = s.make_box(opts);
    BOOST_TEST(test::error_of([&] { s.run(stranger->start()); }) == errc::unavailable);
}

BOOST_AUTO_TEST_SUITE_END()
