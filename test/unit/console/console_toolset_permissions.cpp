// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// Permission rules on the console tools: which tools are offered, which need approval, and the check
// made before each call.
#include <agent_backends/permissions/permission_presets.hpp>

#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "console_fixture.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <exception>
#include <string>
#include <vector>

namespace asio = boost::asio;
using namespace agent_backends;
using agent_backends::test::console_on_memory;
using agent_backends::test::usage_error;

namespace {

std::vector<std::string> names_of(const console_toolset& tools)
{
    std::vector<std::string> out;
    for (const auto& d : tools.definitions())
        out.push_back(d.name);
    return out;
}

bool needs_approval(const console_toolset& tools, const std::string& name)
{
    const auto& defs = tools.definitions();
    auto it =
        std::find_if(defs.begin(), defs.end(), [&](const tool_definition& d) { return d.name == name; });
    BOOST_REQUIRE_MESSAGE(it != defs.end(), name << " is not offered");
    return it->requires_approval;
}

std::shared_ptr<backend> memory()
{
    return std::make_shared<state_backend>();
}

/// Everything allowed except what the test sets.
permission_ruleset allow_all()
{
    return {.default_action = permission_action::allow};
}

/// One ask, as the callback saw it.
struct asked
{
    permission_operation op;
    std::string target;
};

/// A callback answering `answer` and recording what it was asked.
permission_ask_callback answering(bool answer, std::vector<asked>& log)
{
    return [answer, &log](permission_operation op, std::string_view target, std::string_view) -> task<bool> {
        log.push_back({op, std::string(target)});
        co_return answer;
    };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(console_permissions)

BOOST_AUTO_TEST_CASE(tools_whose_operation_is_denied_by_default_are_not_offered)
{
    console_toolset tools(memory(), {.permissions = readonly_ruleset()});
    BOOST_TEST(names_of(tools) == (std::vector<std::string>{"ls", "read_file", "glob", "grep"}),
               boost::test_tools::per_element());
    BOOST_TEST(tools.system_prompt().find("(ls, read_file, glob, grep).") != std::string::npos);

    console_toolset hashline(memory(),
                             {.edit_format = edit_format::hashline, .permissions = readonly_ruleset()});
    BOOST_TEST(names_of(hashline) == (std::vector<std::string>{"ls", "read_file", "glob", "grep"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(each_tool_is_hidden_by_its_own_operation)
{
    auto without = [](permission_operation op) {
        auto rules = allow_all();
        rules.slot(op) = operation_permissions{.default_action = permission_action::deny};
        return names_of(console_toolset(memory(), {.permissions = rules}));
    };
    using v = std::vector<std::string>;
    BOOST_TEST(without(permission_operation::ls) ==
                   (v{"read_file", "write_file", "edit_file", "glob", "grep", "execute"}),
               boost::test_tools::per_element());
    BOOST_TEST(without(permission_operation::read) ==
                   (v{"ls", "write_file", "edit_file", "glob", "grep", "execute"}),
               boost::test_tools::per_element());
    BOOST_TEST(without(permission_operation::write) ==
                   (v{"ls", "read_file", "edit_file", "glob", "grep", "execute"}),
               boost::test_tools::per_element());
    BOOST_TEST(without(permission_operation::edit) ==
                   (v{"ls", "read_file", "write_file", "glob", "grep", "execute"}),
               boost::test_tools::per_element());
    BOOST_TEST(without(permission_operation::glob) ==
                   (v{"ls", "read_file", "write_file", "edit_file", "grep", "execute"}),
               boost::test_tools::per_element());
    BOOST_TEST(without(permission_operation::grep) ==
                   (v{"ls", "read_file", "write_file", "edit_file", "glob", "execute"}),
               boost::test_tools::per_element());
    BOOST_TEST(without(permission_operation::execute) ==
                   (v{"ls", "read_file", "write_file", "edit_file", "glob", "grep"}),
               boost::test_tools::per_element());

    auto rules = allow_all();
    rules.edit = operation_permissions{.default_action = permission_action::deny};
    console_toolset hashline(memory(), {.edit_format = edit_format::hashline, .permissions = rules});
    BOOST_TEST(names_of(hashline) == (v{"ls", "read_file", "write_file", "glob", "grep", "execute"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_rule_denying_every_target_hides_the_tool_but_a_narrower_one_does_not)
{
    auto rules = allow_all();
    rules.write = operation_permissions{.default_action = permission_action::allow,
                                        .rules = {{.pattern = "**", .action = permission_action::deny}}};
    rules.read =
        operation_permissions{.default_action = permission_action::allow,
                              .rules = {{.pattern = "/private/**", .action = permission_action::deny}}};
    auto names = names_of(console_toolset(memory(), {.permissions = rules}));
    BOOST_TEST((std::find(names.begin(), names.end(), "write_file") == names.end()));
    BOOST_TEST((std::find(names.begin(), names.end(), "read_file") != names.end()));
}

BOOST_AUTO_TEST_CASE(a_hidden_tool_cannot_be_called)
{
    console_toolset tools(memory(), {.permissions = readonly_ruleset()});
    BOOST_TEST(usage_error(tools, "write_file", R"({"path": "a", "content": "x"})") ==
               "Unknown tool 'write_file'. Available tools: ls, read_file, glob, grep");
}

BOOST_AUTO_TEST_CASE(approval_follows_the_write_and_execute_defaults_of_the_ruleset)
{
    console_toolset asks(memory(), {.require_write_approval = false,
                                    .require_execute_approval = false,
                                    .permissions = default_ruleset()});
    BOOST_TEST(needs_approval(asks, "write_file"));
    BOOST_TEST(needs_approval(asks, "edit_file"));
    BOOST_TEST(needs_approval(asks, "execute"));
    BOOST_TEST(!needs_approval(asks, "read_file"));

    console_toolset allows(memory(), {.require_write_approval = true,
                                      .require_execute_approval = true,
                                      .permissions = permissive_ruleset()});
    for (const auto& d : allows.definitions())
        BOOST_TEST(!d.requires_approval, d.name);

    // Only write and execute count: a strict ruleset asks for reads and listings call by call, but
    // those tools are not marked.
    console_toolset strict(memory(), {.permissions = strict_ruleset()});
    BOOST_TEST(!needs_approval(strict, "ls"));
    BOOST_TEST(!needs_approval(strict, "read_file"));
    BOOST_TEST(needs_approval(strict, "write_file"));
}

BOOST_AUTO_TEST_CASE(edit_tools_need_approval_as_the_write_default_says)
{
    auto edits_free = create_ruleset({.allow_write = false, .allow_edit = true, .allow_execute = true});
    console_toolset tools(memory(), {.edit_format = edit_format::hashline, .permissions = edits_free});
    BOOST_TEST(needs_approval(tools, "hashline_edit"));
    BOOST_TEST(!needs_approval(tools, "execute"));

    auto writes_free = create_ruleset({.allow_write = true, .allow_edit = false});
    console_toolset other(memory(), {.permissions = writes_free});
    BOOST_TEST(!needs_approval(other, "edit_file"));
    BOOST_TEST(needs_approval(other, "execute"));
}

BOOST_AUTO_TEST_CASE(an_unset_operation_takes_the_ruleset_default_for_approval)
{
    permission_ruleset rules{.default_action = permission_action::ask,
                             .read = operation_permissions{.default_action = permission_action::allow}};
    console_toolset tools(memory(), {.require_write_approval = false, .permissions = rules});
    BOOST_TEST(needs_approval(tools, "write_file"));
    BOOST_TEST(needs_approval(tools, "execute"));
}

BOOST_AUTO_TEST_CASE(without_a_ruleset_the_flags_decide_and_nothing_is_checked)
{
    std::vector<asked> log;
    console_on_memory c({}, {.require_write_approval = true, .ask_callback = answering(false, log)});
    BOOST_TEST(needs_approval(c.tools, "write_file"));
    BOOST_TEST(c.text("write_file", R"({"path": ".env", "content": "KEY=1"})") == "Wrote 1 lines to /.env");
    BOOST_TEST(log.empty());
}

BOOST_AUTO_TEST_CASE(a_deny_rule_answers_an_error_naming_the_rule_description)
{
    console_on_memory c({{"/app/.env", "KEY=1\n"}}, {.permissions = default_ruleset()});
    auto r = c.call("read_file", R"({"path": "app/.env"})");
    BOOST_TEST(r.is_error);
    BOOST_TEST(r.text == "Error: Permission denied for read on 'app/.env': Protect sensitive files");

    console_on_memory w({}, {.permissions = permissive_ruleset()});
    BOOST_TEST(w.error_text("write_file", R"({"path": "/etc/hosts", "content": "x"})") ==
               "Error: Permission denied for write on '/etc/hosts': Protect sensitive and system files");
    BOOST_TEST(w.store->snapshot().empty());
}

BOOST_AUTO_TEST_CASE(a_deny_without_description_answers_the_bare_message)
{
    auto rules = allow_all();
    rules.edit = operation_permissions{.default_action = permission_action::allow,
                                       .rules = {{.pattern = "src/**", .action = permission_action::deny}}};
    console_on_memory c({{"/src/a.py", "x = 1\n"}}, {.permissions = rules});
    BOOST_TEST(c.error_text("edit_file", R"({"path": "src/a.py", "old_string": "1", "new_string": "2"})") ==
               "Error: Permission denied for edit on 'src/a.py'");
    BOOST_TEST(c.content_of("/src/a.py") == "x = 1\n");
}

BOOST_AUTO_TEST_CASE(the_target_is_the_path_argument_as_given)
{
    auto rules = allow_all();
    rules.read =
        operation_permissions{.default_action = permission_action::allow,
                              .rules = {{.pattern = "/notes.txt", .action = permission_action::deny}}};
    console_on_memory c({{"/notes.txt", "n\n"}}, {.permissions = rules});
    BOOST_TEST(c.error_text("read_file", R"({"path": "/notes.txt"})") ==
               "Error: Permission denied for read on '/notes.txt'");
    // The same file named differently is another target, as in the Python library.
    BOOST_TEST(c.text("read_file", R"({"path": "notes.txt"})") == "     1\tn");
}

BOOST_AUTO_TEST_CASE(execute_is_checked_against_the_command)
{
    console_on_memory c({}, {.permissions = default_ruleset(), .ask_fallback = ask_fallback::deny});
    BOOST_TEST(c.error_text("execute", R"({"command": "rm -rf /"})") ==
               "Error: Permission denied for execute on 'rm -rf /': Block dangerous commands");
    BOOST_TEST(c.error_text("execute", R"({"command": "make"})") ==
               "Error: Permission denied for execute on 'make'");

    console_on_memory asks({}, {.permissions = default_ruleset()});
    BOOST_TEST(asks.error_text("execute", R"({"command": "make"})") ==
               "Error: Permission required for execute on 'make'");
}

BOOST_AUTO_TEST_CASE(hashline_edit_is_checked_as_an_edit)
{
    auto rules = allow_all();
    rules.edit = operation_permissions{
        .default_action = permission_action::allow,
        .rules = {{.pattern = "**/*.lock", .action = permission_action::deny, .description = "Generated"}}};
    console_on_memory c({{"/a.lock", "v1\n"}}, {.edit_format = edit_format::hashline, .permissions = rules});
    BOOST_TEST(
        c.error_text("hashline_edit",
                     R"({"path": "a.lock", "start_line": 1, "start_hash": "00", "new_content": ""})") ==
        "Error: Permission denied for edit on 'a.lock': Generated");
}

BOOST_AUTO_TEST_CASE(listing_and_search_tools_check_their_path_defaulting_to_dot)
{
    auto rules = allow_all();
    const permission_rule private_dir{
        .pattern = "private", .action = permission_action::deny, .description = "Private"};
    const permission_rule root{.pattern = ".", .action = permission_action::deny};
    rules.ls = operation_permissions{.default_action = permission_action::allow, .rules = {private_dir}};
    rules.glob = operation_permissions{.default_action = permission_action::allow, .rules = {root}};
    rules.grep =
        operation_permissions{.default_action = permission_action::allow, .rules = {root, private_dir}};
    console_on_memory c({{"/private/a.txt", "secret\n"}, {"/b.txt", "b\n"}}, {.permissions = rules});

    BOOST_TEST(c.error_text("ls", R"({"path": "private"})") ==
               "Error: Permission denied for ls on 'private': Private");
    BOOST_TEST(c.text("ls", "{}") == "Contents of .:\n  private/\n  b.txt (2 bytes)");
    BOOST_TEST(c.error_text("glob", R"({"pattern": "*.txt"})") == "Error: Permission denied for glob on '.'");
    BOOST_TEST(c.text("glob", R"({"pattern": "**/*.txt", "path": "/"})") ==
               "Found 2 file(s) matching '**/*.txt':\n  /b.txt\n  /private/a.txt");
    BOOST_TEST(c.error_text("grep", R"({"pattern": "secret"})") ==
               "Error: Permission denied for grep on '.'");
    BOOST_TEST(c.error_text("grep", R"({"pattern": "secret", "path": null})") ==
               "Error: Permission denied for grep on '.'");
    BOOST_TEST(c.error_text("grep", R"({"pattern": "secret", "path": "private"})") ==
               "Error: Permission denied for grep on 'private': Private");
    BOOST_TEST(c.text("grep", R"({"pattern": "b", "path": "/"})") == "Files containing 'b':\n  /b.txt");
}

BOOST_AUTO_TEST_CASE(an_approved_ask_runs_the_tool)
{
    std::vector<asked> log;
    console_on_memory c({}, {.permissions = default_ruleset(), .ask_callback = answering(true, log)});
    BOOST_TEST(c.text("write_file", R"({"path": "a.txt", "content": "hi\n"})") == "Wrote 2 lines to /a.txt");
    BOOST_TEST(c.content_of("/a.txt") == "hi\n");
    BOOST_REQUIRE_EQUAL(log.size(), 1u);
    BOOST_TEST((log[0].op == permission_operation::write));
    BOOST_TEST(log[0].target == "a.txt");
}

BOOST_AUTO_TEST_CASE(a_refused_ask_is_a_denial_without_rule)
{
    std::vector<asked> log;
    console_on_memory c({}, {.permissions = default_ruleset(), .ask_callback = answering(false, log)});
    BOOST_TEST(c.error_text("write_file", R"({"path": "a.txt", "content": "hi\n"})") ==
               "Error: Permission denied for write on 'a.txt'");
    BOOST_TEST(c.store->snapshot().empty());
    BOOST_TEST(log.size() == 1u);
}

BOOST_AUTO_TEST_CASE(an_ask_without_callback_follows_the_fallback)
{
    console_on_memory errors({}, {.permissions = default_ruleset()});
    BOOST_TEST(errors.error_text("write_file", R"({"path": "a.txt", "content": "x"})") ==
               "Error: Permission required for write on 'a.txt'");

    console_on_memory denies({}, {.permissions = default_ruleset(), .ask_fallback = ask_fallback::deny});
    BOOST_TEST(denies.error_text("write_file", R"({"path": "a.txt", "content": "x"})") ==
               "Error: Permission denied for write on 'a.txt'");
    BOOST_TEST(denies.store->snapshot().empty());
}

BOOST_AUTO_TEST_CASE(allowed_and_denied_calls_ask_nobody)
{
    std::vector<asked> log;
    console_on_memory c({{"/a.txt", "a\n"}, {"/.env", "K=1\n"}},
                        {.permissions = default_ruleset(), .ask_callback = answering(true, log)});
    BOOST_TEST(c.text("read_file", R"({"path": "a.txt"})") == "     1\ta");
    BOOST_TEST(c.call("write_file", R"({"path": ".env", "content": "x"})").is_error);
    BOOST_TEST(log.empty());
}

BOOST_AUTO_TEST_CASE(a_per_call_callback_wins_over_the_options_callback)
{
    std::vector<asked> from_options;
    std::vector<asked> from_call;
    console_on_memory c({},
                        {.permissions = default_ruleset(), .ask_callback = answering(false, from_options)});
    auto r = test::run_task(
        c.tools.call("write_file", R"({"path": "a.txt", "content": "x"})", answering(true, from_call)));
    BOOST_TEST(r == (tool_result{.text = "Wrote 1 lines to /a.txt"}));
    BOOST_TEST(from_options.empty());
    BOOST_TEST(from_call.size() == 1u);

    // An empty per-call callback leaves the options' one in charge.
    auto refused =
        test::run_task(c.tools.call("edit_file", R"({"path": "a.txt", "old_string": "x", "new_string": "y"})",
                                    permission_ask_callback{}));
    BOOST_TEST(refused.text == "Error: Permission denied for edit on 'a.txt'");
    BOOST_TEST(from_options.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_per_call_callback_is_used_without_an_options_callback)
{
    std::vector<asked> log;
    console_on_memory c({}, {.permissions = default_ruleset(), .ask_fallback = ask_fallback::deny});
    auto r = test::run_task(c.tools.call("execute", R"({"command": "make"})", answering(true, log)));
    // Approved: the call reaches the backend, which cannot run commands.
    BOOST_TEST(r.text == "Error: Backend does not support command execution");
    BOOST_REQUIRE_EQUAL(log.size(), 1u);
    BOOST_TEST((log[0].op == permission_operation::execute));
    BOOST_TEST(log[0].target == "make");
}

BOOST_AUTO_TEST_CASE(cancelling_a_call_while_it_asks_throws_operation_aborted)
{
    asio::io_context io;
    asio::cancellation_signal cancel;
    bool asked_once = false;
    permission_ask_callback wait_forever = [&](permission_operation, std::string_view,
                                               std::string_view) -> task<bool> {
        asked_once = true;
        asio::steady_timer never(co_await asio::this_coro::executor, asio::steady_timer::time_point::max());
        // Runs once this coroutine is suspended on the timer.
        asio::post(io, [&] { cancel.emit(asio::cancellation_type::terminal); });
        co_await never.async_wait(asio::use_awaitable);
        co_return true;
    };
    auto store = std::make_shared<state_backend>();
    console_toolset tools(store, {.permissions = default_ruleset(), .ask_callback = wait_forever});

    std::exception_ptr outcome;
    bool completed = false;
    asio::co_spawn(io, tools.call("write_file", R"({"path": "a.txt", "content": "x"})"),
                   asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, tool_result) {
                       completed = true;
                       outcome = e;
                   }));
    io.run();

    BOOST_TEST(asked_once);
    BOOST_REQUIRE(completed);
    BOOST_REQUIRE(outcome);
    try
    {
        std::rethrow_exception(outcome);
    }
    catch (const boost::system::system_error& e)
    {
        BOOST_TEST((e.code() == asio::error::operation_aborted));
    }
    BOOST_TEST(store->snapshot().empty());
}

BOOST_AUTO_TEST_SUITE_END()
