// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/permissions/permission_action.hpp>
#include <agent_backends/permissions/permission_operation.hpp>

#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

using namespace agent_backends;

BOOST_AUTO_TEST_SUITE(permission_names_tests)

BOOST_AUTO_TEST_CASE(operations_print_and_parse_by_lower_case_name)
{
    const char* names[] = {"read", "write", "edit", "execute", "glob", "grep", "ls"};
    for (std::size_t i = 0; i < all_permission_operations.size(); ++i)
    {
        BOOST_TEST(to_string(all_permission_operations[i]) == names[i]);
        BOOST_TEST((parse_permission_operation(names[i]) == all_permission_operations[i]));
    }
}

BOOST_AUTO_TEST_CASE(actions_print_and_parse_by_lower_case_name)
{
    BOOST_TEST(to_string(permission_action::allow) == "allow");
    BOOST_TEST(to_string(permission_action::deny) == "deny");
    BOOST_TEST(to_string(permission_action::ask) == "ask");
    BOOST_TEST((parse_permission_action("allow") == permission_action::allow));
    BOOST_TEST((parse_permission_action("deny") == permission_action::deny));
    BOOST_TEST((parse_permission_action("ask") == permission_action::ask));
}

BOOST_AUTO_TEST_CASE(unknown_names_parse_to_nothing)
{
    BOOST_TEST(!parse_permission_operation("Read").has_value());
    BOOST_TEST(!parse_permission_operation("").has_value());
    BOOST_TEST(!parse_permission_operation("delete").has_value());
    BOOST_TEST(!parse_permission_action("ALLOW").has_value());
    BOOST_TEST(!parse_permission_action("allow ").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
