// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_UNIT_DOCKER_FAKE_FAKE_ENGINE_SUPPORT_HPP
#define AGENT_BACKENDS_TEST_UNIT_DOCKER_FAKE_FAKE_ENGINE_SUPPORT_HPP

// Raw HTTP requests and exec stream parsing for driving the fake engine with our http_client, independently
// of the Docker client.
#include <agent_backends/http/http_client.hpp>

#include "fakes/docker/fake_docker_engine.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace agent_backends::test {

inline http_request post_json(std::string target, std::string body = "{}")
{
    return {.method = "POST",
            .target = std::move(target),
            .headers = {{"Content-Type", "application/json"}},
            .body = std::move(body)};
}

inline boost::json::value json_of(const http_response& r)
{
    return boost::json::parse(r.body);
}

/// The demultiplexed output of an exec stream.
struct exec_output_streams
{
    std::string out;
    std::string err;
    bool well_formed{true};  ///< Every frame had a valid header and ended before the stream did.
};

/// Splits a multiplexed exec stream (8-byte header: type 1 or 2, three zero bytes, big-endian length).
inline exec_output_streams demultiplex(std::string_view raw)
{
    exec_output_streams s;
    while (!raw.empty())
    {
        if (raw.size() < 8)
            return s.well_formed = false, s;
        auto type = static_cast<unsigned char>(raw[0]);
        std::uint32_t length = 0;
        for (int i = 4; i < 8; ++i)
            length = (length << 8) | static_cast<unsigned char>(raw[i]);
        if ((type != 1 && type != 2) || raw[1] || raw[2] || raw[3] || raw.size() < 8 + length)
            return s.well_formed = false, s;
        (type == 1 ? s.out : s.err).append(raw.substr(8, length));
        raw.remove_prefix(8 + length);
    }
    return s;
}

inline task<std::string> read_to_end(upgraded_stream& s)
{
    std::string out;
    std::array<char, 4096> buffer;
    while (auto n = co_await s.read_some(buffer))
        out.append(buffer.data(), n);
    co_return out;
}

/// Creates and starts a container of `image`; returns its id.
inline task<std::string> start_container(http_client& client, std::string image = "busybox:latest",
                                         std::string extra_fields = {})
{
    auto created = co_await client.request(
        post_json("/v1.43/containers/create",
                  R"({"Image":")" + image + R"(","Cmd":["sleep","infinity"])" + extra_fields + "}"));
    BOOST_REQUIRE_EQUAL(created.status, 201u);
    std::string id(json_of(created).at("Id").as_string());
    auto started = co_await client.request(post_json("/v1.43/containers/" + id + "/start", ""));
    BOOST_REQUIRE_EQUAL(started.status, 204u);
    co_return id;
}

/// What an attached exec gave back: its streams and the exit code read afterwards.
struct exec_result
{
    std::string out;
    std::string err;
    std::int64_t exit_code{-1};
};

/// Runs `cmd` in the container through create / attached start / inspect, with `stdin` when non-empty.
inline task<exec_result> run_exec(http_client& client, const std::string& container, std::string cmd_json,
                                  std::string stdin_data = {})
{
    bool attach_stdin = !stdin_data.empty();
    auto created = co_await client.request(
        post_json("/v1.43/containers/" + container + "/exec",
                  R"({"AttachStdin":)" + std::string(attach_stdin ? "true" : "false") +
                      R"(,"AttachStdout":true,"AttachStderr":true,"Tty":false,"Cmd":)" + cmd_json + "}"));
    BOOST_REQUIRE_EQUAL(created.status, 201u);
    std::string exec_id(json_of(created).at("Id").as_string());
    auto stream =
        co_await client.upgrade(post_json("/v1.43/exec/" + exec_id + "/start", R"({"Detach":false})"));
    BOOST_REQUIRE_EQUAL(stream.status(), 101u);
    if (attach_stdin)
    {
        co_await stream.write(stdin_data);
        co_await stream.shutdown_send();
    }
    auto streams = demultiplex(co_await read_to_end(stream));
    BOOST_TEST(streams.well_formed);
    auto inspected = co_await client.request({.target = "/v1.43/exec/" + exec_id + "/json"});
    auto state = json_of(inspected);
    BOOST_TEST(!state.at("Running").as_bool());
    co_return exec_result{streams.out, streams.err, state.at("ExitCode").as_int64()};
}

}  // namespace agent_backends::test

#endif
