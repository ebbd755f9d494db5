// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// The fake Daytona itself, driven with the raw HTTP client: what a real server answers.
#include <agent_backends/http/http_client.hpp>

#include "common/run_task.hpp"
#include "daytona_test_support.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

namespace asio = boost::asio;
namespace json = boost::json;
using namespace agent_backends;
using namespace agent_backends::test;

namespace {

http_request with_key(http_request req, const std::string& key = "fake-daytona-key")
{
    req.headers.set("Authorization", "Bearer " + key);
    return req;
}

http_request post_json(std::string target, std::string body)
{
    return with_key({.method = "POST",
                     .target = std::move(target),
                     .headers = {{"Content-Type", "application/json"}},
                     .body = std::move(body)});
}

json::object object_of(const http_response& res)
{
    return json::parse(res.body).as_object();
}

/// Creates a sandbox and reads it until it is started; returns its id.
task<std::string> started_sandbox(http_client& api)
{
    auto created = co_await api.request(post_json("/api/sandbox", R"({"snapshot":"daytona-small"})"));
    BOOST_REQUIRE_EQUAL(created.status, 200u);
    auto id = std::string(object_of(created).at("id").as_string());
    BOOST_TEST(object_of(created).at("state").as_string() == "creating");
    auto read = co_await api.request(with_key({.target = "/api/sandbox/" + id}));
    BOOST_TEST(object_of(read).at("state").as_string() == "started");
    co_return id;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fake_daytona_tests)

BOOST_AUTO_TEST_CASE(requests_without_the_key_get_401_with_a_nestjs_body)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        http_client api(co_await asio::this_coro::executor, http_endpoint::parse(fake.url()));
        auto res = co_await api.request({.target = "/api/sandbox"});
        BOOST_TEST(res.status == 401u);
        auto body = object_of(res);
        BOOST_TEST(body.at("statusCode").as_int64() == 401);
        BOOST_TEST(body.at("message").as_string() == "Unauthorized");
        BOOST_TEST(body.at("path").as_string() == "/api/sandbox");
        auto wrong = co_await api.request(with_key({.target = "/api/sandbox"}, "other"));
        BOOST_TEST(wrong.status == 401u);
    }());
}

BOOST_AUTO_TEST_CASE(a_created_sandbox_starts_after_one_read_and_deletion_ends_in_404)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        http_client api(co_await asio::this_coro::executor, http_endpoint::parse(fake.url()));
        auto id = co_await started_sandbox(api);
        auto sandbox = fake.sandbox(id);
        BOOST_REQUIRE(sandbox);
        BOOST_TEST(sandbox->snapshot == "daytona-small");
        BOOST_TEST(std::filesystem::is_directory(sandbox->root_dir + "/home/daytona"));

        auto read = co_await api.request(with_key({.target = "/api/sandbox/" + id}));
        BOOST_TEST(object_of(read).at("toolboxProxyUrl").as_string() == fake.toolbox_url());

        auto deleted = co_await api.request(with_key({.method = "DELETE", .target = "/api/sandbox/" + id}));
        BOOST_TEST(deleted.status == 200u);
        BOOST_TEST(object_of(deleted).at("state").as_string() == "destroying");
        auto gone = co_await api.request(with_key({.target = "/api/sandbox/" + id}));
        BOOST_TEST(object_of(gone).at("state").as_string() == "destroyed");
        auto missing = co_await api.request(with_key({.target = "/api/sandbox/" + id}));
        BOOST_TEST(missing.status == 404u);
        BOOST_TEST(object_of(missing).at("error").as_string() == "Not Found");
        BOOST_TEST(!fake.sandbox(id));
    }());
}

BOOST_AUTO_TEST_CASE(an_image_build_waits_in_pending_build_and_failing_starts_report_their_reason)
{
    fake_daytona fake({.pending_reads = 2});
    fake.fail_starts("build_failed", "no such image: nope:1");
    run_task([&]() -> task<void> {
        http_client api(co_await asio::this_coro::executor, http_endpoint::parse(fake.url()));
        auto created = co_await api.request(
            post_json("/api/sandbox", R"({"buildInfo":{"dockerfileContent":"FROM nope:1\n"}})"));
        auto id = std::string(object_of(created).at("id").as_string());
        BOOST_TEST(object_of(created).at("state").as_string() == "pending_build");
        auto first = co_await api.request(with_key({.target = "/api/sandbox/" + id}));
        BOOST_TEST(object_of(first).at("state").as_string() == "pending_build");
        auto second = co_await api.request(with_key({.target = "/api/sandbox/" + id}));
        BOOST_TEST(object_of(second).at("state").as_string() == "build_failed");
        BOOST_TEST(object_of(second).at("errorReason").as_string() == "no such image: nope:1");
    }());
}

BOOST_AUTO_TEST_CASE(the_toolbox_runs_commands_for_real_and_answers_408_past_the_timeout)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        http_client api(ex, http_endpoint::parse(fake.url()));
        auto id = co_await started_sandbox(api);
        http_client toolbox(ex, http_endpoint::parse(fake.toolbox_url() + "/" + id));

        auto ran = co_await toolbox.request(
            post_json("/process/execute", R"({"command":"echo out; echo err >&2; pwd; exit 3"})"));
        BOOST_REQUIRE_EQUAL(ran.status, 200u);
        auto result = object_of(ran);
        BOOST_TEST(result.at("exitCode").as_int64() == 3);
        const auto output = std::string(result.at("result").as_string());
        BOOST_TEST(output.starts_with("out\nerr\n"));
        BOOST_TEST(output.find("/home/daytona") != std::string::npos);  // the mapped work dir

        auto slow =
            co_await toolbox.request(post_json("/process/execute", R"({"command":"sleep 5","timeout":1})"));
        BOOST_TEST(slow.status == 408u);
        BOOST_TEST(object_of(slow).at("message").as_string() == "command execution timeout");
        BOOST_TEST(fake.running_commands() == 0u);
        BOOST_TEST(fake.sandbox(id)->executions == 2u);
    }());
}

BOOST_AUTO_TEST_CASE(files_round_trip_through_multipart_upload_and_download)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        http_client api(ex, http_endpoint::parse(fake.url()));
        auto id = co_await started_sandbox(api);
        http_client toolbox(ex, http_endpoint::parse(fake.toolbox_url() + "/" + id));

        const std::string content("bin\0ary\r\n", 9);
        const std::string body =
            "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n" +
            content + "\r\n--XyZ--\r\n";
        auto up = co_await toolbox.request(
            with_key({.method = "POST",
                      .target = "/files/upload?path=/data/deep/a.bin",
                      .headers = {{"Content-Type", "multipart/form-data; boundary=XyZ"}},
                      .body = body}));
        BOOST_TEST(up.status == 200u);
        std::ifstream in(fake.host_path(id, "/data/deep/a.bin"), std::ios::binary);
        std::string stored((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        BOOST_TEST(stored == content);

        auto down = co_await toolbox.request(with_key({.target = "/files/download?path=/data/deep/a.bin"}));
        BOOST_TEST(down.status == 200u);
        BOOST_TEST(down.body == content);
        auto info = co_await toolbox.request(with_key({.target = "/files/info?path=/data/deep"}));
        BOOST_TEST(object_of(info).at("isDir").as_bool());
        BOOST_TEST(object_of(info).at("mode").as_string().starts_with("d"));
        auto missing = co_await toolbox.request(with_key({.target = "/files/download?path=/nope"}));
        BOOST_TEST(missing.status == 404u);
        BOOST_TEST(object_of(missing).at("method").as_string() == "GET");  // the toolbox's error body
        auto relative =
            co_await toolbox.request(with_key({.target = "/files/info?path=../../data/deep/a.bin"}));
        BOOST_TEST(relative.status == 200u);  // relative to /home/daytona
    }());
}

BOOST_AUTO_TEST_CASE(session_commands_run_in_the_background_and_deleting_the_session_kills_them)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        http_client api(ex, http_endpoint::parse(fake.url()));
        auto id = co_await started_sandbox(api);
        http_client toolbox(ex, http_endpoint::parse(fake.toolbox_url() + "/" + id));

        auto made = co_await toolbox.request(post_json("/process/session", R"({"sessionId":"s1"})"));
        BOOST_TEST(made.status == 201u);
        auto again = co_await toolbox.request(post_json("/process/session", R"({"sessionId":"s1"})"));
        BOOST_TEST(again.status == 409u);
        auto sync =
            co_await toolbox.request(post_json("/process/session/s1/exec", R"({"command":"echo hi"})"));
        BOOST_TEST(object_of(sync).at("output").as_string() == "hi\n");
        BOOST_TEST(object_of(sync).at("exitCode").as_int64() == 0);

        auto started = co_await toolbox.request(
            post_json("/process/session/s1/exec", R"({"command":"echo begun; sleep 30","runAsync":true})"));
        BOOST_TEST(started.status == 202u);
        auto cmd = std::string(object_of(started).at("cmdId").as_string());
        BOOST_TEST(co_await eventually([&] { return fake.running_commands() == 1; }));
        auto status = co_await toolbox.request(with_key({.target = "/process/session/s1/command/" + cmd}));
        BOOST_TEST(!object_of(status).contains("exitCode"));

        auto deleted =
            co_await toolbox.request(with_key({.method = "DELETE", .target = "/process/session/s1"}));
        BOOST_TEST(deleted.status == 204u);
        BOOST_TEST(co_await eventually([&] { return fake.running_commands() == 0; }));
        auto gone = co_await toolbox.request(with_key({.target = "/process/session/s1/command/" + cmd}));
        BOOST_TEST(gone.status == 404u);
    }());
}

BOOST_AUTO_TEST_CASE(find_matches_literal_text_and_search_matches_names)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        http_client api(ex, http_endpoint::parse(fake.url()));
        auto id = co_await started_sandbox(api);
        const auto root = fake.host_path(id, "/w");
        std::filesystem::create_directories(root + "/sub");
        std::ofstream(root + "/a.py") << "x = 1\n# TODO: more\r\n";
        std::ofstream(root + "/sub/b.py") << "TODO\n";
        std::ofstream(root + "/sub/c.txt") << "a.b\n";
        http_client toolbox(ex, http_endpoint::parse(fake.toolbox_url() + "/" + id));

        auto found = co_await toolbox.request(with_key({.target = "/files/find?path=/w&pattern=TODO"}));
        auto matches = json::parse(found.body).as_array();
        BOOST_REQUIRE_EQUAL(matches.size(), 2u);
        BOOST_TEST(matches[0].at("file").as_string() == "/w/a.py");
        BOOST_TEST(matches[0].at("line").as_int64() == 2);
        BOOST_TEST(matches[0].at("content").as_string() == "# TODO: more");
        auto literal = co_await toolbox.request(with_key({.target = "/files/find?path=/w&pattern=a.b"}));
        BOOST_TEST(json::parse(literal.body).as_array().size() == 1u);  // `.` is not a wildcard

        auto searched = co_await toolbox.request(with_key({.target = "/files/search?path=/w&pattern=*.py"}));
        auto files = json::parse(searched.body).at("files").as_array();
        BOOST_REQUIRE_EQUAL(files.size(), 2u);
        BOOST_TEST(files[1].as_string() == "/w/sub/b.py");
    }());
}

BOOST_AUTO_TEST_SUITE_END()
