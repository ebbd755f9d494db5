// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/sandboxes/kubernetes_sandbox.hpp>

#include "common/printers.hpp"
#include "kubernetes_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace agent_backends;
using namespace std::chrono_literals;

// A server that speaks only v4.channel.k8s.io cannot be told that stdin ended: commands read exactly the
// bytes sent (`head -c`).

namespace {

struct v4_pod : test::pod_session
{
    v4_pod() : test::pod_session({.exec_protocols = {"v4.channel.k8s.io"}}) {}
};

}  // namespace

BOOST_AUTO_TEST_SUITE(kubernetes_sandbox_v4)

BOOST_AUTO_TEST_CASE(a_v4_only_server_runs_commands_with_and_without_stdin)
{
    v4_pod s;
    auto box = s.make_box();
    auto r = s.run(box->execute("echo hi; exit 4"));
    BOOST_TEST(r.output == "hi\n");
    BOOST_TEST(r.exit_code.value_or(-1) == 4);
    BOOST_TEST(box->exec_protocol() == "v4.channel.k8s.io");
    auto counted =
        s.run(box->execute("wc -c; echo end", {.timeout = 20s, .stdin_text = std::string(200'000, 'y')}));
    BOOST_TEST(counted.output.find("200000") != std::string::npos, counted.output);
    BOOST_TEST(counted.output.ends_with("end\n"), counted.output);
    BOOST_TEST(s.run(box->execute("cat", {.timeout = 20s, .stdin_text = "exact"})).output == "exact");
    s.run(box->stop());
}

BOOST_AUTO_TEST_CASE(a_v4_only_server_writes_and_reads_files_byte_for_byte)
{
    v4_pod s;
    auto box = s.make_box();
    std::string bytes;
    for (int i = 0; i < 4096; ++i)
        bytes += static_cast<char>(i * 7 & 0xff);
    s.run(box->write("v4/file.bin", bytes));
    BOOST_TEST((s.dir().read("v4/file.bin") == bytes));
    BOOST_TEST((s.run(box->read_bytes("v4/file.bin")) == bytes));
    s.run(box->write("v4/empty", ""));
    BOOST_TEST(s.run(box->read_bytes("v4/empty")).empty());
    auto job = s.run(box->start_background("cat", {.stdin_text = "job input"}));
    BOOST_TEST(s.run(job->wait()) == 0);
    BOOST_TEST(s.run(job->read()).output == "job input");
    s.run(box->stop());
}

BOOST_AUTO_TEST_SUITE_END()
