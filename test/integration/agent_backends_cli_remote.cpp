// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// The agent-backends program with `--sandbox kubernetes` and `--sandbox daytona`, run as a real subprocess
// against the fake servers of test/fakes (pods and sandboxes are simulated on this host): the sandbox is
// created on first use and deleted when the program ends.
#include "program_run.hpp"

#include "common/temp_dir.hpp"
#include "fakes/daytona/fake_daytona.hpp"
#include "fakes/kubernetes/fake_kubernetes_api.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using agent_backends::test::fake_daytona;
using agent_backends::test::fake_kubernetes_api;
using agent_backends::test::run_program;
using agent_backends::test::temp_dir;

namespace {

const std::string cli = AGENT_BACKENDS_CLI_PATH;

}  // namespace

BOOST_AUTO_TEST_SUITE(agent_backends_cli_remote)

BOOST_AUTO_TEST_CASE(remote_sandbox_options_are_checked_before_anything_runs)
{
    auto r = run_program({cli, "call", "ls", "{}", "--sandbox", "kubernetes"});
    BOOST_TEST(r.exit_code == 2, r);
    BOOST_TEST(r.err.find("--sandbox kubernetes needs either --runtime NAME or --image IMAGE") != std::string::npos,
               r);
    r = run_program({cli, "call", "ls", "{}", "--sandbox", "kubernetes", "--image", "busybox", "--root", "."});
    BOOST_TEST(r.exit_code == 2, r);
    BOOST_TEST(r.err.find("--root cannot be used with --sandbox kubernetes") != std::string::npos, r);
    r = run_program({cli, "mcp", "--namespace", "ns"});
    BOOST_TEST(r.exit_code == 2, r);
    BOOST_TEST(r.err.find("--kube-context and --namespace need --sandbox kubernetes") != std::string::npos, r);
    r = run_program({cli, "mcp", "--sandbox", "daytona", "--image", "alpine", "--snapshot", "s"});
    BOOST_TEST(r.exit_code == 2, r);
    BOOST_TEST(r.err.find("--image and --snapshot exclude each other") != std::string::npos, r);
    r = run_program({cli, "mcp", "--sandbox", "docker", "--runtime", "python-minimal", "--work-dir", "/w"});
    BOOST_TEST(r.exit_code == 2, r);
    BOOST_TEST(r.err.find("--work-dir cannot be combined with --runtime") != std::string::npos, r);
}

BOOST_AUTO_TEST_CASE(a_missing_kubeconfig_context_is_a_clear_error)
{
    fake_kubernetes_api api;
    temp_dir dir;
    api.write_kubeconfig(dir.path() / "config");
    auto r = run_program({"/usr/bin/env", "KUBECONFIG=" + (dir.path() / "config").string(), cli, "call", "execute",
                          R"({"command": "true"})", "--sandbox", "kubernetes", "--image", "busybox",
                          "--kube-context", "nosuch"});
    BOOST_TEST(r.exit_code == 1, r);
    BOOST_TEST((r.out + r.err).find("nosuch") != std::string::npos, r);
    BOOST_TEST(api.pods().empty());
}

BOOST_AUTO_TEST_CASE(call_runs_the_tool_in_a_pod_and_deletes_it)
{
    fake_kubernetes_api api;
    temp_dir dir;
    api.write_kubeconfig(dir.path() / "config");
    auto work = dir.path() / "work";
    std::filesystem::create_directories(work);
    auto r = run_program({"/usr/bin/env", "KUBECONFIG=" + (dir.path() / "config").string(), cli, "call", "execute",
                          R"({"command": "echo made-in-pod > note.txt; pwd; cat note.txt; exit 3"})", "--sandbox",
                          "kubernetes", "--image", "busybox", "--work-dir", work.string()});
    BOOST_TEST(r.exit_code == 0, r);  // the tool answered; the command's status is in the answer
    BOOST_TEST(r.out.find(work.string() + "\nmade-in-pod") != std::string::npos, r);
    BOOST_TEST(r.out.find("Command failed (exit code 3)") != std::string::npos, r);
    BOOST_TEST(dir.read("work/note.txt") == "made-in-pod\n");
    BOOST_TEST(api.pods().empty());  // deleted when the program ended
    bool created = false;
    for (const auto& request : api.requests())
        created = created || (request.method == "POST" && request.path == "/api/v1/namespaces/default/pods");
    BOOST_TEST(created);
}

BOOST_AUTO_TEST_CASE(call_runs_the_tool_in_a_daytona_sandbox_from_the_environment_and_deletes_it)
{
    fake_daytona daytona;
    auto r = run_program({"/usr/bin/env", "DAYTONA_API_URL=" + daytona.api_url(), "DAYTONA_API_KEY=fake-daytona-key",
                          cli, "call", "execute", R"({"command": "echo made-in-daytona > note.txt; cat note.txt"})",
                          "--sandbox", "daytona", "--snapshot", "agent-snapshot"});
    BOOST_TEST(r.exit_code == 0, r);
    BOOST_TEST(r.out.find("made-in-daytona") != std::string::npos, r);
    bool created_from_snapshot = false;
    for (const auto& exchange : daytona.exchanges())
        created_from_snapshot = created_from_snapshot || (exchange.request.method == "POST" &&
                                                          exchange.request.path == "/api/sandbox" &&
                                                          exchange.body.find("agent-snapshot") != std::string::npos);
    BOOST_TEST(created_from_snapshot);
    BOOST_TEST(daytona.sandboxes().empty());  // deleted when the program ended

    r = run_program({"/usr/bin/env", "DAYTONA_API_URL=" + daytona.api_url(), "DAYTONA_API_KEY=wrong-key", cli, "call",
                     "ls", "{}", "--sandbox", "daytona"});
    BOOST_TEST(r.exit_code == 1, r);
    BOOST_TEST(daytona.sandboxes().empty());
}

BOOST_AUTO_TEST_SUITE_END()
