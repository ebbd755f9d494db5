// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/sandboxes/kubernetes_sandbox.hpp>
#include <agent_backends/sandboxes/session_manager.hpp>

#include "common/printers.hpp"
#include "kubernetes_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

using namespace agent_backends;

BOOST_AUTO_TEST_SUITE(kubernetes_session_manager)

BOOST_AUTO_TEST_CASE(sessions_get_pods_of_their_own_that_release_and_shutdown_delete)
{
    test::pod_session s;
    auto base = s.options();
    session_manager sessions(
        s.io().get_executor(),
        {.factory = [&](std::string_view id,
                        const std::optional<runtime_config>&) -> std::shared_ptr<sandbox> {
            auto opts = base;
            opts.sandbox_id = std::string(id);
            return std::make_shared<kubernetes_sandbox>(s.io().get_executor(), opts);
        }});
    auto alice = s.run(sessions.get_or_create("alice"));
    auto bob = s.run(sessions.get_or_create("bob"));
    BOOST_TEST(alice != bob);
    BOOST_TEST(s.run(sessions.get_or_create("alice")) == alice);
    BOOST_TEST(s.api().pods().size() == 2u);
    std::set<std::string> names;
    for (const auto& pod : s.api().pods())
        names.insert(pod.name);
    BOOST_TEST(names == (std::set<std::string>{"agent-sandbox-alice", "agent-sandbox-bob"}));
    BOOST_TEST(s.run(alice->execute("echo from alice")).output == "from alice\n");

    BOOST_TEST(s.run(sessions.release("alice")));
    BOOST_TEST(s.api().pods().size() == 1u);
    BOOST_TEST(s.api().pods().at(0).name == "agent-sandbox-bob");

    s.run(sessions.get_or_create("carol"));
    BOOST_TEST(s.run(sessions.shutdown()) == 2u);
    BOOST_TEST(s.api().pods().empty());
}

BOOST_AUTO_TEST_CASE(a_session_whose_pod_was_deleted_gets_a_new_one)
{
    test::pod_session s;
    auto base = s.options();
    session_manager sessions(
        s.io().get_executor(),
        {.factory = [&](std::string_view id,
                        const std::optional<runtime_config>&) -> std::shared_ptr<sandbox> {
            auto opts = base;
            opts.sandbox_id = std::string(id);
            return std::make_shared<kubernetes_sandbox>(s.io().get_executor(), opts);
        }});
    auto first = s.run(sessions.get_or_create("dave"));
    BOOST_REQUIRE(s.api().remove_pod("default", "agent-sandbox-dave"));
    auto second = s.run(sessions.get_or_create("dave"));
    BOOST_TEST(first != second);
    BOOST_TEST(s.run(second->execute("echo back")).output == "back\n");
    BOOST_TEST(s.run(sessions.shutdown()) == 1u);
    BOOST_TEST(s.api().pods().empty());
}

BOOST_AUTO_TEST_SUITE_END()
