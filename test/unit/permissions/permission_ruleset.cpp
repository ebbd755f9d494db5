// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/permissions/permission_checker.hpp>
#include <agent_backends/permissions/permission_ruleset.hpp>

#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

using namespace agent_backends;

BOOST_AUTO_TEST_SUITE(permission_ruleset_tests)

using enum permission_action;
using enum permission_operation;

BOOST_AUTO_TEST_CASE(unset_operation_falls_back_to_ruleset_default_without_rules)
{
    const permission_ruleset rs{
        .default_action = deny,
        .read = operation_permissions{.default_action = allow, .rules = {{"x", ask, ""}}}};
    BOOST_TEST((rs.permissions_for(write) == operation_permissions{.default_action = deny, .rules = {}}));
    BOOST_TEST((rs.permissions_for(read).default_action == allow));
    BOOST_TEST(rs.permissions_for(read).rules.size() == 1u);
}

BOOST_AUTO_TEST_CASE(default_constructed_ruleset_asks_for_everything)
{
    const permission_checker checker(permission_ruleset{});
    for (auto op : all_permission_operations)
        BOOST_TEST((checker.check_sync(op, "anything") == ask));
}

BOOST_AUTO_TEST_CASE(first_matching_rule_wins)
{
    const permission_checker checker(
        permission_ruleset{.default_action = deny,
                           .read = operation_permissions{.default_action = ask,
                                                         .rules = {{"**/public/**", allow, "public"},
                                                                   {"**/*.txt", deny, "no text"},
                                                                   {"**/*.txt", allow, "never reached"}}}});
    BOOST_TEST((checker.check_sync(read, "/w/public/a.txt") == allow));
    BOOST_TEST(checker.find_matching_rule(read, "/w/public/a.txt")->description == "public");
    BOOST_TEST((checker.check_sync(read, "/w/a.txt") == deny));
    BOOST_TEST(checker.find_matching_rule(read, "/w/a.txt")->description == "no text");
}

BOOST_AUTO_TEST_CASE(no_matching_rule_uses_operation_default_then_ruleset_default)
{
    const permission_checker checker(permission_ruleset{
        .default_action = deny,
        .read = operation_permissions{.default_action = allow, .rules = {{"**/*.key", deny, ""}}}});
    BOOST_TEST(checker.find_matching_rule(read, "/w/a.c") == nullptr);
    BOOST_TEST((checker.check_sync(read, "/w/a.c") == allow));
    BOOST_TEST((checker.check_sync(write, "/w/a.c") == deny));
    BOOST_TEST(checker.is_allowed(read, "/w/a.c"));
    BOOST_TEST(checker.is_denied(read, "/w/a.key"));
    BOOST_TEST(!checker.requires_approval(read, "/w/a.key"));
}

BOOST_AUTO_TEST_CASE(rules_of_one_operation_do_not_apply_to_another)
{
    const permission_checker checker(permission_ruleset{
        .default_action = allow,
        .write = operation_permissions{.default_action = allow, .rules = {{"**", deny, ""}}}});
    BOOST_TEST((checker.check_sync(write, "/a") == deny));
    BOOST_TEST((checker.check_sync(edit, "/a") == allow));
    BOOST_TEST((checker.check_sync(read, "/a") == allow));
}

BOOST_AUTO_TEST_CASE(malformed_rule_pattern_is_skipped)
{
    const permission_checker checker(permission_ruleset{
        .default_action = allow,
        .read = operation_permissions{.default_action = allow, .rules = {{"[z-a]**", deny, ""}}}});
    BOOST_TEST((checker.check_sync(read, "z") == allow));
    BOOST_TEST((checker.check_sync(read, "[z-a]x") == allow));
}

BOOST_AUTO_TEST_SUITE_END()
