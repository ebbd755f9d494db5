// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// kubectl, the reference client, against the fake API server over TLS: if kubectl (v1.32, WebSocket exec
// by default) gets, creates, execs into and deletes pods through it, the fake speaks the real protocol.
// Each kubectl runs as a subprocess under `timeout`, so a mistake cannot hang the test.
#include "common/printers.hpp"
#include "common/temp_dir.hpp"
#include "fakes/kubernetes/fake_kubernetes_api.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <string>

#include <sys/wait.h>

using namespace agent_backends;
using namespace agent_backends::test;

namespace {

constexpr int kubectl_limit_seconds = 60;

bool kubectl_installed()
{
    return std::system("command -v kubectl >/dev/null 2>&1") == 0;
}

struct kubectl_result
{
    int exit_code{-1};
    std::string out;
    std::string err;
};

std::ostream& operator<<(std::ostream& os, const kubectl_result& r)
{
    return os << "exit " << r.exit_code << "\nstdout: " << r.out << "\nstderr: " << r.err;
}

// Runs `kubectl <args>` against the fake (a kubeconfig in `home`, its caches there too), stdin from
// `input` when given.
class kubectl_runner
{
public:
    explicit kubectl_runner(const fake_kubernetes_api& api)
    {
        api.write_kubeconfig(home_.path() / "kubeconfig");
    }

    kubectl_result run(const std::string& args, const std::string& input = {}) const
    {
        auto d = home_.str() + "/";
        home_.write("stdin", input);
        auto command = "cd " + d + " && HOME=" + d + " KUBECONFIG=" + d + "kubeconfig timeout -k 5 " +
                       std::to_string(kubectl_limit_seconds) + " kubectl --kubeconfig " + d +
                       "kubeconfig --cache-dir " + d + "cache " + args + " <" + d + "stdin >" + d + "out 2>" +
                       d + "err";
        int status = std::system(command.c_str());
        kubectl_result r;
        r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        r.out = home_.read("out");
        r.err = home_.read("err");
        BOOST_TEST_MESSAGE("kubectl " << args << " -> " << r);
        return r;
    }

    const temp_dir& home() const noexcept { return home_; }

private:
    temp_dir home_;
};

std::string request_log(const fake_kubernetes_api& api)
{
    std::string out;
    for (const auto& r : api.requests())
        out += r.method + " " + r.target + "\n";
    return out;
}

const char* pod_yaml = R"(apiVersion: v1
kind: Pod
metadata:
  name: sbx
  labels:
    app: agent-sandbox
spec:
  restartPolicy: Never
  containers:
  - name: main
    image: busybox:1.36
    command: ["sleep", "infinity"]
)";

}  // namespace

BOOST_AUTO_TEST_SUITE(kubectl_cross_check)

BOOST_AUTO_TEST_CASE(kubectl_gets_creates_execs_into_and_deletes_a_pod)
{
    if (!kubectl_installed())
    {
        BOOST_TEST_MESSAGE("kubectl is not installed: the cross-check with the reference client is skipped");
        return;
    }
    fake_kubernetes_api api({.tls = true});
    kubectl_runner kubectl(api);
    kubectl.home().write("pod.yaml", pod_yaml);
    auto yaml = kubectl.home().str() + "/pod.yaml";

    auto empty = kubectl.run("get pods");
    BOOST_TEST(empty.exit_code == 0);
    BOOST_TEST(empty.err.find("No resources found in default namespace.") != std::string::npos);

    auto created = kubectl.run("create -f " + yaml);
    BOOST_TEST(created.exit_code == 0);
    BOOST_TEST(created.out == "pod/sbx created\n");
    BOOST_TEST(api.pod("default", "sbx").has_value());

    auto listed = kubectl.run("get pods");
    BOOST_TEST(listed.exit_code == 0);
    BOOST_TEST(listed.out.starts_with("NAME"));
    BOOST_TEST(listed.out.find("sbx ") != std::string::npos);

    auto shown = kubectl.run("get pod sbx -o json");
    BOOST_TEST(shown.exit_code == 0);
    auto pod = boost::json::parse(shown.out);
    BOOST_TEST(pod.at("metadata").at("name").as_string() == "sbx");
    BOOST_TEST(pod.at("metadata").at("uid").as_string() == api.pod("default", "sbx")->uid);

    auto exec = kubectl.run("exec sbx -- sh -c 'echo hi; exit 3'");
    BOOST_TEST(exec.exit_code == 3);
    BOOST_TEST(exec.out == "hi\n");
    BOOST_TEST(exec.err.find("command terminated with exit code 3") != std::string::npos);

    auto with_stdin = kubectl.run("exec -i sbx -- sh -c 'cat; echo done'", "hello\n");
    BOOST_TEST(with_stdin.exit_code == 0);
    BOOST_TEST(with_stdin.out == "hello\ndone\n");

    auto missing = kubectl.run("exec sbx -- no-such-program-here");
    BOOST_TEST(missing.exit_code != 0);
    BOOST_TEST(missing.err.find("executable file not found") != std::string::npos);

    // The WebSocket was used, never the SPDY fallback (which would POST with `Upgrade: SPDY/3.1`).
    std::size_t execs = 0;
    for (const auto& r : api.requests())
        if (r.path.ends_with("/exec"))
        {
            ++execs;
            BOOST_TEST(r.method == "GET");
        }
    BOOST_TEST(execs == 3u);
    BOOST_TEST(api.pod("default", "sbx")->execs == 3u);

    auto deleted = kubectl.run("delete pod sbx");
    BOOST_TEST(deleted.exit_code == 0);
    BOOST_TEST(deleted.out == "pod \"sbx\" deleted\n");
    BOOST_TEST(!api.pod("default", "sbx").has_value());

    auto gone = kubectl.run("get pod sbx");
    BOOST_TEST(gone.exit_code == 1);
    BOOST_TEST(gone.err.find(R"(Error from server (NotFound): pods "sbx" not found)") != std::string::npos);

    BOOST_TEST_MESSAGE("requests:\n" << request_log(api));
}

BOOST_AUTO_TEST_CASE(kubectl_run_creates_a_pod_it_can_exec_into)
{
    if (!kubectl_installed())
    {
        BOOST_TEST_MESSAGE("kubectl is not installed: the cross-check with the reference client is skipped");
        return;
    }
    fake_kubernetes_api api({.tls = true, .pending_reads = 0});
    kubectl_runner kubectl(api);
    auto run = kubectl.run("run box --image=busybox:1.36 --restart=Never -- sleep infinity");
    BOOST_TEST(run.exit_code == 0);
    BOOST_TEST(run.out == "pod/box created\n");
    auto info = api.pod("default", "box");
    BOOST_REQUIRE(info);
    BOOST_TEST(info->image == "busybox:1.36");
    auto exec = kubectl.run("exec box -- sh -c 'echo out; echo err >&2'");
    BOOST_TEST(exec.exit_code == 0);
    BOOST_TEST(exec.out == "out\n");
    BOOST_TEST(exec.err == "err\n");
    BOOST_TEST(kubectl.run("delete pod box --wait=false").exit_code == 0);
    BOOST_TEST(api.pods().empty());
}

BOOST_AUTO_TEST_SUITE_END()
