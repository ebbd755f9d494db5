// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/permissions/permission_checker.hpp>
#include <agent_backends/permissions/permission_presets.hpp>

#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace agent_backends;

namespace {

struct decision
{
    permission_operation op;
    const char* target;
    permission_action expected;
};

void check_decisions(const permission_ruleset& rs, const std::vector<decision>& table)
{
    const permission_checker checker(rs);
    for (const auto& d : table)
    {
        BOOST_TEST_CONTEXT(to_string(d.op) << " '" << d.target << "'")
        {
            BOOST_TEST(to_string(checker.check_sync(d.op, d.target)) == to_string(d.expected));
        }
    }
}

std::vector<std::string> patterns_of(const operation_permissions& p)
{
    std::vector<std::string> out;
    for (const auto& r : p.rules)
        out.push_back(r.pattern);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(permission_presets_tests)

using enum permission_action;
using enum permission_operation;

BOOST_AUTO_TEST_CASE(pattern_lists_are_exact)
{
    const std::vector<std::string_view> secrets(secrets_patterns.begin(), secrets_patterns.end());
    const std::vector<std::string_view> expected_secrets{
        "**/.env",     "**/.env.*",   "**/*.pem",      "**/*.key",   "**/*.crt",   "**/credentials*",
        "**/secrets*", "**/*secret*", "**/*password*", "**/.aws/**", "**/.ssh/**", "**/.gnupg/**"};
    BOOST_TEST(secrets == expected_secrets, boost::test_tools::per_element());
    const std::vector<std::string_view> system(system_patterns.begin(), system_patterns.end());
    const std::vector<std::string_view> expected_system{"/etc/**",  "/var/**",  "/usr/**", "/bin/**",
                                                        "/sbin/**", "/boot/**", "/sys/**", "/proc/**"};
    BOOST_TEST(system == expected_system, boost::test_tools::per_element());
    const std::vector<std::string_view> dangerous(dangerous_commands.begin(), dangerous_commands.end());
    const std::vector<std::string_view> expected_dangerous{
        "rm -rf /*", "rm -rf /", ":(){:|:&};:", "dd if=*of=/dev/*", "mkfs*", "> /dev/sda", "chmod -R 777 /"};
    BOOST_TEST(dangerous == expected_dangerous, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(default_ruleset_allows_reads_asks_for_changes_and_denies_secrets)
{
    check_decisions(default_ruleset(), {
                                           {read, "/a/.env", deny},
                                           {read, "/w/src/main.cpp", allow},
                                           {read, "/home/u/.ssh/id_rsa", deny},
                                           {read, "/w/config/db_password.txt", deny},
                                           {read, "server.pem", deny},
                                           {write, "/w/a.txt", ask},
                                           {write, "/w/.env.local", deny},
                                           {edit, "/w/a.txt", ask},
                                           {edit, "/w/credentials.json", deny},
                                           {execute, "git status", ask},
                                           {execute, "rm -rf /", deny},
                                           {execute, "rm -rf /*", deny},
                                           {execute, ":(){:|:&};:", deny},
                                           {execute, "chmod -R 777 /", deny},
                                           {glob, "/w", allow},
                                           {grep, "/w/.env", allow},
                                           {ls, "/w", allow},
                                       });
    const permission_ruleset rs = default_ruleset();
    BOOST_TEST((rs.default_action == ask));
    BOOST_TEST(rs.read->rules.front().description == "Protect sensitive files");
    BOOST_TEST(rs.execute->rules.front().description == "Block dangerous commands");
    BOOST_TEST(patterns_of(*rs.write).size() == secrets_patterns.size());
}

BOOST_AUTO_TEST_CASE(permissive_ruleset_allows_all_but_secrets_system_writes_and_dangerous_commands)
{
    check_decisions(permissive_ruleset(), {
                                              {read, "/etc/passwd", allow},
                                              {read, "/a/.env", deny},
                                              {write, "/w/a.txt", allow},
                                              {write, "/etc/hosts", deny},
                                              {edit, "/usr/lib/x", deny},
                                              {edit, "/w/id.key", deny},
                                              {execute, "git status", allow},
                                              {execute, "rm -rf /", deny},
                                              {ls, "/", allow},
                                          });
    const permission_ruleset rs = permissive_ruleset();
    BOOST_TEST((rs.default_action == allow));
    BOOST_TEST(rs.write->rules.size() == secrets_patterns.size() + system_patterns.size());
    for (const auto& rule : rs.edit->rules)
        BOOST_TEST(rule.description == "Protect sensitive and system files");
    BOOST_TEST(rs.read->rules.size() == secrets_patterns.size());
}

BOOST_AUTO_TEST_CASE(readonly_ruleset_denies_write_edit_and_execute)
{
    check_decisions(readonly_ruleset(), {
                                            {read, "/w/a.txt", allow},
                                            {read, "/w/.env", deny},
                                            {write, "/w/a.txt", deny},
                                            {edit, "/w/a.txt", deny},
                                            {execute, "ls", deny},
                                            {glob, "/w", allow},
                                            {grep, "/w", allow},
                                            {ls, "/w", allow},
                                        });
    const permission_ruleset rs = readonly_ruleset();
    BOOST_TEST((rs.default_action == deny));
    BOOST_TEST(rs.write->rules.empty());
    BOOST_TEST(rs.execute->rules.empty());
}

BOOST_AUTO_TEST_CASE(strict_ruleset_asks_for_everything_and_denies_secrets_and_dangerous_commands)
{
    check_decisions(strict_ruleset(), {
                                          {read, "/w/a.txt", ask},
                                          {read, "/w/.env", deny},
                                          {write, "/w/a.txt", ask},
                                          {edit, "/w/.aws/config", deny},
                                          {execute, "git status", ask},
                                          {execute, "mkfs.ext4", deny},
                                          {glob, "/w", ask},
                                          {grep, "/w", ask},
                                          {ls, "/w", ask},
                                      });
}

BOOST_AUTO_TEST_CASE(create_ruleset_defaults_allow_reading_and_searching_only)
{
    const permission_ruleset rs = create_ruleset();
    BOOST_TEST((rs.default_action == ask));
    for (auto op : all_permission_operations)
        BOOST_TEST(rs.slot(op).has_value());
    check_decisions(rs, {
                            {read, "/w/a.txt", allow},
                            {read, "/w/.env", deny},
                            {write, "/w/a.txt", ask},
                            {write, "/w/.env", deny},
                            {edit, "/w/a.txt", ask},
                            {execute, "rm -rf /", ask},
                            {glob, "/w", allow},
                            {grep, "/w", allow},
                            {ls, "/w", allow},
                        });
    BOOST_TEST(rs.execute->rules.empty());
    BOOST_TEST(rs.glob->rules.empty());
    BOOST_TEST(rs.edit->rules.front().description == "Protect sensitive files");
}

BOOST_AUTO_TEST_CASE(create_ruleset_flags_switch_each_operation_between_allow_and_ask)
{
    const permission_ruleset rs = create_ruleset({.default_action = deny,
                                                  .allow_read = false,
                                                  .allow_write = true,
                                                  .allow_edit = true,
                                                  .allow_execute = true,
                                                  .allow_glob = false,
                                                  .allow_grep = false,
                                                  .allow_ls = false,
                                                  .deny_secrets = false});
    BOOST_TEST((rs.default_action == deny));
    check_decisions(rs, {
                            {read, "/w/.env", ask},
                            {write, "/w/.env", allow},
                            {edit, "/w/a", allow},
                            {execute, "rm -rf /", allow},
                            {glob, "/w", ask},
                            {grep, "/w", ask},
                            {ls, "/w", ask},
                        });
    for (auto op : all_permission_operations)
        BOOST_TEST(rs.slot(op)->rules.empty());
}

BOOST_AUTO_TEST_SUITE_END()
