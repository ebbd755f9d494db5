// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/permissions/permission_checker.hpp>
#include <agent_backends/permissions/permission_error.hpp>
#include <agent_backends/permissions/permission_presets.hpp>

#include "common/printers.hpp"
#include "common/run_task.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace agent_backends;
using agent_backends::test::run_task;

namespace {

permission_error failure_of(const permission_checker& c, permission_operation op, std::string target,
                            std::string reason = "")
{
    try
    {
        run_task(c.check(op, target, reason));
    }
    catch (const permission_error& e)
    {
        return e;
    }
    BOOST_FAIL("check did not throw");
    throw;
}

permission_ask_callback answering(bool answer, int& calls)
{
    return [answer, &calls](permission_operation, std::string_view, std::string_view) -> task<bool> {
        ++calls;
        co_return answer;
    };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(permission_checker_tests)

using enum permission_operation;

BOOST_AUTO_TEST_CASE(allowed_operation_completes)
{
    const permission_checker c(default_ruleset());
    BOOST_CHECK_NO_THROW(run_task(c.check(read, "/w/a.txt")));
}

BOOST_AUTO_TEST_CASE(denied_by_rule_names_op_target_and_description)
{
    const permission_checker c(default_ruleset());
    const permission_error e = failure_of(c, read, "/a/.env");
    BOOST_TEST(std::string(e.what()) == "Permission denied for read on '/a/.env': Protect sensitive files");
    BOOST_TEST((e.condition() == errc::permission_denied));
    BOOST_TEST(!e.requires_approval());
    BOOST_TEST((e.operation() == read));
    BOOST_TEST(e.target() == "/a/.env");
    BOOST_TEST(e.rule()->pattern == "**/.env");
}

BOOST_AUTO_TEST_CASE(denied_by_default_has_no_description)
{
    const permission_checker c(readonly_ruleset());
    const permission_error e = failure_of(c, write, "/w/a.txt");
    BOOST_TEST(std::string(e.what()) == "Permission denied for write on '/w/a.txt'");
    BOOST_TEST(!e.rule().has_value());
}

BOOST_AUTO_TEST_CASE(ask_without_callback_requires_approval_with_reason)
{
    const permission_checker c(default_ruleset());
    const permission_error e = failure_of(c, execute, "git status", "check the tree");
    BOOST_TEST(std::string(e.what()) == "Permission required for execute on 'git status': check the tree");
    BOOST_TEST(e.requires_approval());
    BOOST_TEST((e.condition() == errc::permission_denied));
    BOOST_TEST(std::string(failure_of(c, write, "/w/a").what()) == "Permission required for write on '/w/a'");
}

BOOST_AUTO_TEST_CASE(ask_without_callback_and_fallback_deny_is_denied)
{
    const permission_checker c(default_ruleset(), {}, ask_fallback::deny);
    const permission_error e = failure_of(c, execute, "git status", "why");
    BOOST_TEST(std::string(e.what()) == "Permission denied for execute on 'git status'");
    BOOST_TEST(!e.requires_approval());
}

BOOST_AUTO_TEST_CASE(callback_approval_lets_operation_run)
{
    int calls = 0;
    const permission_checker c(default_ruleset(), answering(true, calls));
    BOOST_CHECK_NO_THROW(run_task(c.check(execute, "git status")));
    BOOST_TEST(calls == 1);
    BOOST_TEST((c.check_sync(execute, "git status") == permission_action::ask));
    BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_CASE(callback_refusal_is_denied_without_rule)
{
    int calls = 0;
    const permission_checker c(default_ruleset(), answering(false, calls));
    const permission_error e = failure_of(c, execute, "git push");
    BOOST_TEST(std::string(e.what()) == "Permission denied for execute on 'git push'");
    BOOST_TEST(!e.rule().has_value());
    BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_CASE(override_callback_is_asked_instead_of_the_checkers_own)
{
    int own_calls = 0;
    int override_calls = 0;
    const permission_checker c(default_ruleset(), answering(true, own_calls));
    BOOST_CHECK_THROW(run_task(c.check(execute, "make", "", answering(false, override_calls))), permission_error);
    BOOST_TEST(override_calls == 1);
    BOOST_TEST(own_calls == 0);
    run_task(c.check(execute, "make", "", {}));  // empty override: the checker's own callback
    BOOST_TEST(own_calls == 1);

    const permission_checker no_callback(default_ruleset());
    run_task(no_callback.check(execute, "make", "", answering(true, override_calls)));
    BOOST_TEST(override_calls == 2);
    BOOST_TEST(failure_of(no_callback, execute, "make").requires_approval());
}

BOOST_AUTO_TEST_CASE(callback_is_not_asked_for_denied_or_allowed_targets)
{
    int calls = 0;
    const permission_checker c(default_ruleset(), answering(true, calls));
    BOOST_CHECK_THROW(run_task(c.check(execute, "rm -rf /")), permission_error);
    run_task(c.check(read, "/w/a"));
    BOOST_TEST(calls == 0);
}

BOOST_AUTO_TEST_CASE(check_copies_target_before_running)
{
    int calls = 0;
    std::string seen;
    const permission_checker c(default_ruleset(),
                               [&](permission_operation, std::string_view t, std::string_view) -> task<bool> {
                                   ++calls;
                                   seen = std::string(t);
                                   co_return true;
                               });
    task<void> t = [&] {
        std::string temporary = "git status";
        return c.check(execute, temporary);
    }();
    run_task(std::move(t));
    BOOST_TEST(seen == "git status");
}

BOOST_AUTO_TEST_SUITE_END()
