// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// The fake engine's system, image and container endpoints, driven with raw HTTP requests.
#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "common/temp_dir.hpp"
#include "fake_engine_support.hpp"
#include "fakes/docker/fake_docker_engine.hpp"
#include "sandboxes/tar_archive.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

using namespace agent_backends;
using namespace agent_backends::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace json = boost::json;

namespace {

struct unix_fake
{
    temp_dir dir;
    fake_docker_engine fake{{.socket_path = dir.str() + "/docker.sock", .images = {"busybox"}}};
};

bool is_hex_id(std::string_view id)
{
    return id.size() == 64 && id.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fake_docker_engine_api)

BOOST_AUTO_TEST_CASE(ping_answers_ok_with_the_engine_headers_on_get_and_head)
{
    unix_fake f;
    BOOST_TEST(f.fake.url() == "unix://" + f.dir.str() + "/docker.sock");
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, f.fake.endpoint());
        auto get = co_await client.request({.target = "/_ping"});
        BOOST_TEST(get.status == 200u);
        BOOST_TEST(get.body == "OK");
        BOOST_TEST(get.headers.find("Api-Version").value_or("") == "1.43");
        BOOST_TEST(get.headers.find("Ostype").value_or("") == "linux");
        BOOST_TEST(get.headers.find("Docker-Experimental").value_or("") == "false");
        auto head = co_await client.request({.method = "HEAD", .target = "/_ping"});
        BOOST_TEST(head.status == 200u);
        BOOST_TEST(head.body.empty());
        BOOST_TEST(head.headers.find("Api-Version").value_or("") == "1.43");
    }());
}

BOOST_AUTO_TEST_CASE(paths_are_served_with_any_version_prefix_or_none)
{
    fake_docker_engine fake({.api_version = "1.41"});
    BOOST_TEST(fake.url().rfind("http://127.0.0.1:", 0) == 0u);
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        for (std::string prefix : {"", "/v1.41", "/v1.43", "/v1.24"})
        {
            auto r = co_await client.request({.target = prefix + "/version"});
            BOOST_TEST(r.status == 200u);
            BOOST_TEST(json_of(r).at("ApiVersion").as_string() == "1.41");
        }
        auto unknown = co_await client.request({.target = "/v1.43/no/such/route"});
        BOOST_TEST(unknown.status == 404u);
        BOOST_TEST(json_of(unknown).at("message").as_string() == "page not found");
    }());
    auto log = fake.requests();
    BOOST_REQUIRE_EQUAL(log.size(), 5u);
    BOOST_TEST(log[1].target == "/v1.41/version");
    BOOST_TEST(log[1].path == "/version");
}

BOOST_AUTO_TEST_CASE(image_inspect_answers_200_for_present_images_and_404_json_otherwise)
{
    fake_docker_engine fake({.images = {"busybox", "agent-backends-test/busybox:1.36"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto present = co_await client.request({.target = "/v1.43/images/busybox:latest/json"});
        BOOST_TEST(present.status == 200u);
        BOOST_TEST(json_of(present).at("RepoTags").at(0).as_string() == "busybox:latest");
        BOOST_TEST(json_of(present).at("Id").as_string().starts_with("sha256:"));
        auto with_slash =
            co_await client.request({.target = "/images/agent-backends-test/busybox:1.36/json"});
        BOOST_TEST(with_slash.status == 200u);
        auto missing = co_await client.request({.target = "/v1.43/images/alpine/json"});
        BOOST_TEST(missing.status == 404u);
        BOOST_TEST(missing.headers.find("Content-Type").value_or("") == "application/json");
        BOOST_TEST(json_of(missing).at("message").as_string() == "No such image: alpine:latest");
    }());
}

BOOST_AUTO_TEST_CASE(pull_streams_progress_lines_and_makes_the_image_present)
{
    fake_docker_engine fake;
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto pull = co_await client.request(post_json("/v1.43/images/create?fromImage=alpine&tag=3.20", ""));
        BOOST_TEST(pull.status == 200u);
        BOOST_TEST(pull.headers.find("Transfer-Encoding").value_or("") == "chunked");
        BOOST_TEST(pull.body.find("\"status\":\"Pulling from alpine\"") != std::string::npos);
        BOOST_TEST(pull.body.find("Status: Downloaded newer image for alpine:3.20") != std::string::npos);
        BOOST_TEST(pull.body.find("\"error\"") == std::string::npos);
        auto inspect = co_await client.request({.target = "/v1.43/images/alpine:3.20/json"});
        BOOST_TEST(inspect.status == 200u);
    }());
    BOOST_TEST(fake.images() == std::vector<std::string>{"alpine:3.20"});
}

BOOST_AUTO_TEST_CASE(pull_failure_arrives_as_an_error_line_after_a_200)
{
    fake_docker_engine fake;
    fake.fail_pulls("pull access denied for nope, repository does not exist");
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto pull = co_await client.request(post_json("/images/create?fromImage=nope&tag=latest", ""));
        BOOST_TEST(pull.status == 200u);
        auto lines = pull.body.substr(0, pull.body.find_last_not_of("\r\n") + 1);
        auto line = json::parse(lines.substr(lines.rfind('\n') + 1));
        BOOST_TEST(line.at("error").as_string() == "pull access denied for nope, repository does not exist");
        BOOST_TEST(line.at("errorDetail").at("message").as_string() ==
                   "pull access denied for nope, repository does not exist");
    }());
    BOOST_TEST(fake.images().empty());
}

BOOST_AUTO_TEST_CASE(build_reads_the_tar_context_streams_its_steps_and_tags_the_image)
{
    fake_docker_engine fake({.images = {"busybox"}});
    auto context =
        detail::make_tar({{.name = "Dockerfile", .content = "FROM busybox\n# note\nRUN echo \\\n  hi\n"},
                          {.name = "app.txt", .content = "x"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto build =
            co_await client.request({.method = "POST",
                                     .target = "/v1.43/build?t=agent-sbx%3Av1&rm=1&forcerm=1&version=1",
                                     .headers = {{"Content-Type", "application/x-tar"}},
                                     .body = context});
        BOOST_TEST(build.status == 200u);
        BOOST_TEST(build.body.find(R"({"stream":"Step 1/2 : FROM busybox\n"})") != std::string::npos);
        BOOST_TEST(build.body.find(R"({"stream":"Step 2/2 : RUN echo hi\n"})") != std::string::npos);
        BOOST_TEST(build.body.find(R"("aux":{"ID":"sha256:)") != std::string::npos);
        BOOST_TEST(build.body.find(R"({"stream":"Successfully tagged agent-sbx:v1\n"})") !=
                   std::string::npos);
        auto inspect = co_await client.request({.target = "/v1.43/images/agent-sbx:v1/json"});
        BOOST_TEST(inspect.status == 200u);

        auto no_dockerfile =
            co_await client.request({.method = "POST",
                                     .target = "/build?t=x",
                                     .body = detail::make_tar({{.name = "a", .content = "b"}})});
        BOOST_TEST(no_dockerfile.status == 200u);
        BOOST_TEST(no_dockerfile.body.find(R"("error":"Cannot locate specified Dockerfile: Dockerfile")") !=
                   std::string::npos);
    }());
}

BOOST_AUTO_TEST_CASE(create_answers_201_with_a_64_hex_id_and_keeps_the_body)
{
    unix_fake f;
    std::string body = R"({"Image":"busybox","Cmd":["sleep","infinity"],"Labels":{"owner":"agent-sbx"}})";
    std::string id;
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, f.fake.endpoint());
        auto created = co_await client.request(post_json("/v1.43/containers/create?name=box-1", body));
        BOOST_TEST(created.status == 201u);
        id = std::string(json_of(created).at("Id").as_string());
        BOOST_TEST(json_of(created).at("Warnings").as_array().empty());
        auto inspect = co_await client.request({.target = "/v1.43/containers/box-1/json"});
        BOOST_TEST(inspect.status == 200u);
        auto state = json_of(inspect);
        BOOST_TEST(state.at("Id").as_string() == id);
        BOOST_TEST(state.at("Name").as_string() == "/box-1");
        BOOST_TEST(state.at("State").at("Status").as_string() == "created");
        BOOST_TEST(state.at("Config").at("Labels").at("owner").as_string() == "agent-sbx");
    }());
    BOOST_TEST(is_hex_id(id), id);
    auto info = f.fake.container("box-1");
    BOOST_REQUIRE(info);
    BOOST_TEST(info->create_body == body);
    BOOST_TEST(info->status == "created");
    BOOST_TEST(f.fake.container(id.substr(0, 12))->name == "box-1");
}

BOOST_AUTO_TEST_CASE(create_fails_404_for_an_unknown_image_and_409_for_a_name_in_use)
{
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto unknown = co_await client.request(post_json("/containers/create", R"({"Image":"python:3.12"})"));
        BOOST_TEST(unknown.status == 404u);
        BOOST_TEST(json_of(unknown).at("message").as_string() == "No such image: python:3.12");
        auto first =
            co_await client.request(post_json("/containers/create?name=dup", R"({"Image":"busybox"})"));
        BOOST_TEST(first.status == 201u);
        auto second =
            co_await client.request(post_json("/containers/create?name=dup", R"({"Image":"busybox"})"));
        BOOST_TEST(second.status == 409u);
        BOOST_TEST(std::string(json_of(second).at("message").as_string())
                       .starts_with("Conflict. The container name \"/dup\" is already in use"));
        auto bad_json = co_await client.request(post_json("/containers/create", "{not json"));
        BOOST_TEST(bad_json.status == 400u);
    }());
    BOOST_TEST(fake.containers().size() == 1u);
}

BOOST_AUTO_TEST_CASE(start_answers_204_then_304_and_inspect_reports_running)
{
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto created = co_await client.request(post_json("/containers/create", R"({"Image":"busybox"})"));
        std::string id(json_of(created).at("Id").as_string());
        auto started = co_await client.request(post_json("/containers/" + id + "/start", ""));
        BOOST_TEST(started.status == 204u, started.body);
        BOOST_TEST((co_await client.request(post_json("/containers/" + id + "/start", ""))).status == 304u);
        auto state = json_of(co_await client.request({.target = "/containers/" + id + "/json"})).at("State");
        BOOST_TEST(state.at("Running").as_bool());
        BOOST_TEST(state.at("Status").as_string() == "running");
        BOOST_TEST(state.at("Pid").as_int64() > 0);
        auto missing =
            co_await client.request(post_json("/containers/" + std::string(64, 'f') + "/start", ""));
        BOOST_TEST(missing.status == 404u);
        BOOST_TEST(json_of(missing).at("message").as_string() ==
                   "No such container: " + std::string(64, 'f'));
    }());
}

BOOST_AUTO_TEST_CASE(stop_kill_and_remove_answer_with_the_engine_status_codes)
{
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto id = co_await start_container(client);
        auto running_remove = co_await client.request({.method = "DELETE", .target = "/containers/" + id});
        BOOST_TEST(running_remove.status == 409u);
        BOOST_TEST((co_await client.request(post_json("/containers/" + id + "/stop?t=0", ""))).status ==
                   204u);
        BOOST_TEST((co_await client.request(post_json("/containers/" + id + "/stop?t=0", ""))).status ==
                   304u);
        auto state = json_of(co_await client.request({.target = "/containers/" + id + "/json"})).at("State");
        BOOST_TEST(state.at("Status").as_string() == "exited");
        BOOST_TEST(state.at("ExitCode").as_int64() == 137);
        auto kill = co_await client.request(post_json("/containers/" + id + "/kill?signal=SIGKILL", ""));
        BOOST_TEST(kill.status == 409u);
        BOOST_TEST(
            (co_await client.request({.method = "DELETE", .target = "/containers/" + id + "?force=true"}))
                .status == 204u);
        BOOST_TEST((co_await client.request({.method = "DELETE", .target = "/containers/" + id})).status ==
                   404u);

        auto second = co_await start_container(client);
        BOOST_TEST((co_await client.request(post_json("/containers/" + second + "/kill?signal=SIGTERM", "")))
                       .status == 204u);
        auto killed = json_of(co_await client.request({.target = "/containers/" + second + "/json"}));
        BOOST_TEST(killed.at("State").at("ExitCode").as_int64() == 143);
        BOOST_TEST(
            (co_await client.request({.method = "DELETE", .target = "/containers/" + second})).status ==
            204u);
    }());
    BOOST_TEST(fake.containers().empty());
}

BOOST_AUTO_TEST_CASE(removing_a_container_deletes_its_directory)
{
    fake_docker_engine fake({.images = {"busybox"}});
    std::string root;
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto id = co_await start_container(client);
        root = fake.container(id)->root_dir;
        BOOST_TEST(std::filesystem::is_directory(root));
        co_await client.request({.method = "DELETE", .target = "/containers/" + id + "?force=1"});
    }());
    BOOST_TEST(!std::filesystem::exists(root));
}

BOOST_AUTO_TEST_CASE(wait_sends_its_head_at_once_and_the_status_code_when_the_container_stops)
{
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        http_client client(ex, fake.endpoint());
        auto id = co_await start_container(client);
        auto waiting =
            co_await client.open(post_json("/v1.43/containers/" + id + "/wait?condition=not-running", ""));
        BOOST_TEST(waiting.status() == 200u);
        BOOST_TEST(!waiting.done());
        BOOST_TEST((co_await client.request(post_json("/containers/" + id + "/kill", ""))).status == 204u);
        auto body = json::parse(co_await waiting.read_all(4096));
        BOOST_TEST(body.at("StatusCode").as_int64() == 137);
        BOOST_TEST(body.at("Error").is_null());

        auto stopped = co_await client.request(post_json("/containers/" + id + "/wait", ""));
        BOOST_TEST(json_of(stopped).at("StatusCode").as_int64() == 137);
    }());
}

BOOST_AUTO_TEST_CASE(list_shows_running_containers_and_filters_by_label)
{
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto labelled = co_await start_container(client, "busybox", R"(,"Labels":{"owner":"agent-sbx"})");
        co_await start_container(client);
        co_await client.request(post_json("/containers/create", R"({"Image":"busybox"})"));
        auto running = co_await client.request({.target = "/containers/json"});
        BOOST_TEST(json_of(running).as_array().size() == 2u);
        auto all = co_await client.request({.target = "/containers/json?all=1"});
        BOOST_TEST(json_of(all).as_array().size() == 3u);
        auto filtered = co_await client.request(
            {.target =
                 "/containers/json?all=true&filters=%7B%22label%22%3A%5B%22owner%3Dagent-sbx%22%5D%7D"});
        auto list = json_of(filtered).as_array();
        BOOST_REQUIRE_EQUAL(list.size(), 1u);
        BOOST_TEST(list[0].at("Id").as_string() == labelled);
        BOOST_TEST(list[0].at("Labels").at("owner").as_string() == "agent-sbx");
    }());
}

BOOST_AUTO_TEST_CASE(serves_on_a_callers_executor_and_stops_with_it)
{
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        fake_docker_engine fake(ex, {.images = {"busybox"}});
        http_client client(ex, fake.endpoint());
        auto ping = co_await client.request({.target = "/_ping"});
        BOOST_TEST(ping.status == 200u);
        auto id = co_await start_container(client);
        BOOST_TEST(fake.container(id)->status == "running");
    }());
}

BOOST_AUTO_TEST_SUITE_END()
