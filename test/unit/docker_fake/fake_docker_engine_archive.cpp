// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// The fake engine's archive endpoints on the containers' host directories.
#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "common/temp_dir.hpp"
#include "fake_engine_support.hpp"
#include "fakes/docker/fake_docker_engine.hpp"
#include "sandboxes/tar_archive.hpp"

#include <boost/asio/this_coro.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>

#include <sys/stat.h>

using namespace agent_backends;
using namespace agent_backends::test;
namespace asio = boost::asio;
namespace json = boost::json;

namespace {

json::value path_stat_of(const http_response& r)
{
    auto header = std::string(r.headers.find("X-Docker-Container-Path-Stat").value_or(""));
    std::string decoded(boost::beast::detail::base64::decoded_size(header.size()), '\0');
    auto [written, read] = boost::beast::detail::base64::decode(decoded.data(), header.data(), header.size());
    decoded.resize(written);
    return json::parse(decoded);
}

http_request put_tar(const std::string& container, const std::string& dir, std::string tar)
{
    return {
        .method = "PUT",
        .target = "/v1.43/containers/" + container + "/archive?path=" + dir + "&noOverwriteDirNonDir=true",
        .headers = {{"Content-Type", "application/x-tar"}},
        .body = std::move(tar)};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fake_docker_engine_archive)

BOOST_AUTO_TEST_CASE(put_then_get_round_trips_files_and_directories)
{
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto id = co_await start_container(client, "busybox", R"(,"WorkingDir":"/workspace")");
        auto tar =
            detail::make_tar({{.name = "a.txt", .content = "hello\n", .mode = 0640, .mtime = 1700000000},
                              {.name = "src/", .mode = 0755, .is_dir = true},
                              {.name = "src/main.py", .content = "print(1)\n"}});
        auto put = co_await client.request(put_tar(id, "/workspace", tar));
        BOOST_TEST(put.status == 200u, put.body);
        BOOST_TEST(put.body.empty());

        auto file =
            co_await client.request({.target = "/v1.43/containers/" + id + "/archive?path=/workspace/a.txt"});
        BOOST_TEST(file.status == 200u);
        BOOST_TEST(file.headers.find("Content-Type").value_or("") == "application/x-tar");
        std::error_code ec;
        auto entries = detail::read_tar(file.body, ec);
        BOOST_TEST(!ec);
        BOOST_REQUIRE_EQUAL(entries.size(), 1u);
        BOOST_TEST(entries[0].name == "a.txt");
        BOOST_TEST(entries[0].content == "hello\n");
        BOOST_TEST(entries[0].mode == 0640u);
        auto stat = path_stat_of(file);
        BOOST_TEST(stat.at("name").as_string() == "a.txt");
        BOOST_TEST(stat.at("size").as_int64() == 6);
        BOOST_TEST(stat.at("mode").to_number<std::uint64_t>() == 0640u);
        BOOST_TEST(stat.at("mtime").as_string() == "2023-11-14T22:13:20Z");
        BOOST_TEST(stat.at("linkTarget").as_string() == "");

        auto dir = co_await client.request({.target = "/containers/" + id + "/archive?path=/workspace/src"});
        auto dir_entries = detail::read_tar(dir.body, ec);
        BOOST_REQUIRE_EQUAL(dir_entries.size(), 2u);
        BOOST_TEST(dir_entries[0].name == "src/");
        BOOST_TEST(dir_entries[0].is_dir);
        BOOST_TEST(dir_entries[1].name == "src/main.py");
        BOOST_TEST(dir_entries[1].content == "print(1)\n");

        auto r = co_await run_exec(client, id, R"(["cat","a.txt","src/main.py"])");
        BOOST_TEST(r.out == "hello\nprint(1)\n");
    }());
}

BOOST_AUTO_TEST_CASE(head_returns_the_path_stat_with_go_file_mode_bits)
{
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto id = co_await start_container(client, "busybox", R"(,"WorkingDir":"/workspace")");
        auto head = co_await client.request(
            {.method = "HEAD", .target = "/containers/" + id + "/archive?path=/workspace"});
        BOOST_TEST(head.status == 200u);
        BOOST_TEST(head.body.empty());
        auto stat = path_stat_of(head);
        BOOST_TEST(stat.at("name").as_string() == "workspace");
        auto mode = stat.at("mode").to_number<std::uint64_t>();
        BOOST_TEST((mode & (1ull << 31)) != 0u);
        struct stat host = {};
        ::stat(fake.host_path(id, "/workspace").c_str(), &host);
        BOOST_TEST((mode & 0777u) == (host.st_mode & 0777u));
        auto missing = co_await client.request(
            {.method = "HEAD", .target = "/containers/" + id + "/archive?path=/nope"});
        BOOST_TEST(missing.status == 404u);
    }());
}

BOOST_AUTO_TEST_CASE(missing_paths_and_containers_answer_404_json_and_a_file_target_400)
{
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto id = co_await start_container(client, "busybox", R"(,"WorkingDir":"/workspace")");
        auto missing =
            co_await client.request({.target = "/containers/" + id + "/archive?path=/workspace/a.txt"});
        BOOST_TEST(missing.status == 404u);
        BOOST_TEST(json_of(missing).at("message").as_string() ==
                   "Could not find the file /workspace/a.txt in container " + id);
        auto no_container = co_await client.request({.target = "/containers/nope/archive?path=/"});
        BOOST_TEST(no_container.status == 404u);
        BOOST_TEST(json_of(no_container).at("message").as_string() == "No such container: nope");
        auto into_missing =
            co_await client.request(put_tar(id, "/absent", detail::make_tar({{.name = "x"}})));
        BOOST_TEST(into_missing.status == 404u);
        co_await client.request(put_tar(id, "/workspace", detail::make_tar({{.name = "f", .content = "1"}})));
        auto into_file =
            co_await client.request(put_tar(id, "/workspace/f", detail::make_tar({{.name = "x"}})));
        BOOST_TEST(into_file.status == 400u);
        BOOST_TEST(json_of(into_file).at("message").as_string() == "extraction point is not a directory");
        auto dir_over_file = co_await client.request(
            put_tar(id, "/workspace", detail::make_tar({{.name = "f/", .is_dir = true}})));
        BOOST_TEST(dir_over_file.status == 400u);
        auto escaping = co_await client.request(
            put_tar(id, "/workspace", detail::make_tar({{.name = "../../outside", .content = "x"}})));
        BOOST_TEST(escaping.status == 400u);
        auto broken = co_await client.request(put_tar(id, "/workspace", std::string(700, 'z')));
        BOOST_TEST(broken.status == 400u);
    }());
}

BOOST_AUTO_TEST_CASE(paths_below_a_bind_map_to_the_bound_host_directory)
{
    temp_dir host;
    fake_docker_engine fake({.images = {"busybox"}});
    run_task([&]() -> task<void> {
        http_client client(co_await asio::this_coro::executor, fake.endpoint());
        auto id = co_await start_container(
            client, "busybox",
            R"(,"WorkingDir":"/data","HostConfig":{"Binds":[")" + host.str() + R"(:/data:rw"]})");
        BOOST_TEST(fake.host_path(id, "/data/x") == host.str() + "/x");
        auto put = co_await client.request(
            put_tar(id, "/data", detail::make_tar({{.name = "n.txt", .content = "bound"}})));
        BOOST_TEST(put.status == 200u);
        auto r = co_await run_exec(client, id, R"(["cat","n.txt"])");
        BOOST_TEST(r.out == "bound");
        co_await client.request({.method = "DELETE", .target = "/containers/" + id + "?force=true"});
    }());
    BOOST_TEST(host.read("n.txt") == "bound");
}

BOOST_AUTO_TEST_SUITE_END()
