// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// The agent-backends program with `--sandbox docker`, run as a real subprocess against the private test
// engine (scripts/test_engine.sh): the tools run in a container that is removed when the program ends.
#include "program_run.hpp"

#include "common/run_task.hpp"
#include "common/temp_dir.hpp"
#include "common/test_engine.hpp"

#include <agent_backends/http/http_client.hpp>

#include <boost/asio/this_coro.hpp>
#include <boost/test/unit_test.hpp>

#include <cctype>
#include <string>
#include <vector>

using agent_backends::test::program_output;
using agent_backends::test::run_program;
using agent_backends::test::temp_dir;
using agent_backends::test::test_engine;
using agent_backends::test::test_image;

namespace {

const std::string cli = AGENT_BACKENDS_CLI_PATH;

// The containers of the engine that carry our sandbox label, running or not.
std::string our_containers(const agent_backends::http_endpoint& engine)
{
    auto filter = std::string(R"({"label":["agent-backends.sandbox"]})");
    std::string target = "/containers/json?all=1&filters=";
    for (char c : filter)
    {
        static const char* hex = "0123456789ABCDEF";
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_')
            target += c;
        else
            target += {'%', hex[static_cast<unsigned char>(c) >> 4], hex[c & 15]};
    }
    auto list = [&]() -> agent_backends::task<agent_backends::http_response> {
        agent_backends::http_client client(co_await boost::asio::this_coro::executor, engine);
        co_return co_await client.request({.target = target});
    };
    auto response = agent_backends::test::run_task(list());
    BOOST_TEST_REQUIRE(response.status == 200u, response.body);
    auto& body = response.body;
    while (!body.empty() && std::isspace(static_cast<unsigned char>(body.back())))
        body.pop_back();  // the engine ends its JSON with a newline
    return body;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(agent_backends_cli_docker)

BOOST_AUTO_TEST_CASE(container_options_are_checked_before_anything_runs)
{
    auto r = run_program({cli, "call", "ls", "{}", "--sandbox", "docker"});
    BOOST_TEST(r.exit_code == 2, r);
    BOOST_TEST(r.err.find("--sandbox docker needs either --runtime NAME or --image IMAGE") != std::string::npos, r);
    r = run_program({cli, "mcp", "--image", "alpine"});
    BOOST_TEST(r.exit_code == 2, r);
    BOOST_TEST(r.err.find("--runtime, --image and --docker-host need --sandbox docker") != std::string::npos, r);
    r = run_program({cli, "serve", "--sandbox", "vm"});
    BOOST_TEST(r.exit_code == 2, r);
    BOOST_TEST(r.err.find("--sandbox must be local, docker, kubernetes or daytona, not 'vm'") != std::string::npos, r);
    r = run_program({cli, "call", "ls", "{}", "--sandbox", "docker", "--runtime", "cobol"});
    BOOST_TEST(r.exit_code == 1, r);
    BOOST_TEST(r.err.find("Unknown runtime 'cobol'. Available: node-minimal, node-react, python-datascience, "
                          "python-minimal, python-web") != std::string::npos,
               r);
}

BOOST_AUTO_TEST_CASE(a_dead_engine_is_a_clear_error)
{
    temp_dir dir;
    auto r = run_program({cli, "call", "execute", R"({"command": "true"})", "--sandbox", "docker", "--image",
                          "busybox", "--docker-host", "unix://" + dir.str() + "/nobody.sock"});
    BOOST_TEST(r.exit_code == 1, r);
    BOOST_TEST(r.out.find("nobody.sock") != std::string::npos, r);
}

BOOST_AUTO_TEST_CASE(call_runs_the_tool_in_a_container_and_removes_it)
{
    auto engine = test_engine();
    if (!engine)
        return;
    temp_dir root;
    auto r = run_program({cli, "call", "execute", R"({"command": "echo made-inside > note.txt; pwd; cat note.txt"})",
                          "--sandbox", "docker", "--image", test_image(), "--docker-host", engine->url(), "--root",
                          root.str()});
    BOOST_TEST(r.exit_code == 0, r);
    BOOST_TEST(r.out.find("/workspace\nmade-inside") != std::string::npos, r);
    BOOST_TEST(root.read("note.txt") == "made-inside\n");  // the bound directory outlives the container
    BOOST_TEST(our_containers(*engine) == "[]");
}

BOOST_AUTO_TEST_CASE(docker_host_comes_from_the_environment_as_the_docker_cli_reads_it)
{
    auto engine = test_engine();
    if (!engine)
        return;
    auto r = run_program({"/usr/bin/env", "DOCKER_HOST=" + engine->url(), cli, "call", "execute",
                          R"({"command": "cat /proc/1/cmdline | tr '\\0' ' '"})", "--sandbox", "docker", "--image",
                          test_image()});
    BOOST_TEST(r.exit_code == 0, r);
    BOOST_TEST(r.out.find("sh -c") != std::string::npos, r);  // pid 1 is the container's keep-alive shell
    BOOST_TEST(our_containers(*engine) == "[]");
}

BOOST_AUTO_TEST_CASE(mcp_serves_the_container_until_stdin_ends_then_removes_it)
{
    auto engine = test_engine();
    if (!engine)
        return;
    std::string in =
        R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",)"
        R"("capabilities":{},"clientInfo":{"name":"t","version":"1"}}})" "\n"
        R"({"jsonrpc":"2.0","method":"notifications/initialized"})" "\n"
        R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"write_file",)"
        R"("arguments":{"path":"/tmp/x.txt","content":"inside\n"}}})" "\n"
        R"({"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"execute",)"
        R"("arguments":{"command":"echo from-$PWD"}}})" "\n";
    auto r = run_program({cli, "mcp", "--execute", "--sandbox", "docker", "--image", test_image(), "--docker-host",
                          engine->url()},
                         {.stdin_text = in});
    BOOST_TEST(r.exit_code == 0, r);
    // The two calls run concurrently, as an MCP server may run them: each is checked on its own.
    BOOST_TEST(r.out.find("Wrote 2 lines to /tmp/x.txt") != std::string::npos, r);
    BOOST_TEST(r.out.find("from-/workspace") != std::string::npos, r);
    BOOST_TEST(r.err.find("docker image " + test_image()) != std::string::npos, r);
    BOOST_TEST(our_containers(*engine) == "[]");
}

BOOST_AUTO_TEST_SUITE_END()
