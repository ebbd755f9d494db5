// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// session_manager with a factory making Daytona sandboxes: one remote sandbox per session.
#include <agent_backends/sandboxes/daytona_sandbox.hpp>
#include <agent_backends/sandboxes/session_manager.hpp>

#include "common/run_task.hpp"
#include "daytona_test_support.hpp"

#include <boost/test/unit_test.hpp>

namespace asio = boost::asio;
using namespace agent_backends;
using namespace agent_backends::test;

namespace {

session_manager_options daytona_sessions(const fake_daytona& fake, asio::any_io_executor ex)
{
    session_manager_options opts;
    opts.factory = [&fake, ex](std::string_view session_id, const std::optional<runtime_config>&) {
        return std::make_shared<daytona_sandbox>(
            ex, daytona_options(
                    fake, {.sandbox_id = std::string(session_id), .idle_timeout = std::chrono::seconds(60)}));
    };
    return opts;
}

std::string remote_of(const std::shared_ptr<sandbox>& box)
{
    auto daytona = std::dynamic_pointer_cast<daytona_sandbox>(box);
    BOOST_REQUIRE(daytona);
    return daytona->remote_id();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(daytona_session_manager_tests)

BOOST_AUTO_TEST_CASE(two_sessions_get_two_remote_sandboxes_and_release_deletes_one)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        session_manager sessions(ex, daytona_sessions(fake, ex));
        auto alice = co_await sessions.get_or_create("alice");
        auto bob = co_await sessions.get_or_create("bob");
        BOOST_TEST(alice->id() == "alice");
        const auto alice_remote = remote_of(alice);
        const auto bob_remote = remote_of(bob);
        BOOST_TEST(alice_remote != bob_remote);
        BOOST_TEST(fake.sandbox(alice_remote)->labels.at("agent-backends.sandbox") == "alice");
        BOOST_TEST((alice->idle_timeout() == std::chrono::seconds(60)));

        co_await alice->write("note.txt", "alice's");
        BOOST_TEST(!co_await bob->exists("note.txt"));                    // isolated
        BOOST_TEST((co_await sessions.get_or_create("alice")) == alice);  // same while alive

        BOOST_TEST(co_await sessions.release("alice"));
        BOOST_TEST(!fake.sandbox(alice_remote));
        BOOST_TEST(fake.sandbox(bob_remote).has_value());
        BOOST_TEST(!co_await sessions.release("alice"));
        BOOST_TEST(co_await sessions.shutdown() == 1u);
    }());
}

BOOST_AUTO_TEST_CASE(shutdown_deletes_every_remote_sandbox)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        session_manager sessions(ex, daytona_sessions(fake, ex));
        co_await sessions.get_or_create("a");
        co_await sessions.get_or_create("b");
        co_await sessions.get_or_create("c");
        BOOST_TEST(fake.sandboxes().size() == 3u);
        BOOST_TEST(co_await sessions.shutdown() == 3u);
        BOOST_TEST(fake.sandboxes().empty());
        BOOST_TEST(sessions.size() == 0u);
    }());
}

BOOST_AUTO_TEST_CASE(a_session_whose_sandbox_was_deleted_gets_a_new_one)
{
    fake_daytona fake;
    run_task([&]() -> task<void> {
        auto ex = co_await asio::this_coro::executor;
        session_manager sessions(ex, daytona_sessions(fake, ex));
        auto first = co_await sessions.get_or_create("s");
        const auto first_remote = remote_of(first);
        fake.remove_sandbox(first_remote);
        auto second = co_await sessions.get_or_create("s");
        BOOST_TEST(second != first);
        BOOST_TEST(remote_of(second) != first_remote);
        BOOST_TEST(fake.sandboxes().size() == 1u);
        co_await sessions.shutdown();
    }());
}

BOOST_AUTO_TEST_SUITE_END()
