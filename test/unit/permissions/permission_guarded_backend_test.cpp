// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/local_backend.hpp>
#include <agent_backends/permissions/permission_error.hpp>
#include <agent_backends/permissions/permission_guarded_backend.hpp>
#include <agent_backends/permissions/permission_presets.hpp>
#include <agent_backends/state_backend.hpp>

#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "common/temp_dir.hpp"
#include "permissions/permission_guarded_command.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace asio = boost::asio;
using namespace agent_backends;
using agent_backends::test::run_task;
using agent_backends::test::temp_dir;

namespace {

using op = permission_operation;

/// The message of the permission_error `fn` throws; fails the test when it throws none.
std::string denial_of(const std::function<void()>& fn)
{
    try
    {
        fn();
    }
    catch (const permission_error& e)
    {
        BOOST_TEST((e.condition() == errc::permission_denied));
        return e.what();
    }
    BOOST_FAIL("expected a permission_error");
    return {};
}

permission_ask_callback answering(bool answer, int& calls)
{
    return [answer, &calls](permission_operation, std::string_view, std::string_view) -> task<bool> {
        ++calls;
        co_return answer;
    };
}

std::shared_ptr<state_backend> memory(const std::map<std::string, std::string>& files = {})
{
    return std::make_shared<state_backend>(files);
}

/// Everything allowed, then `op` given `rules`.
permission_ruleset allow_all_but(permission_operation operation, std::vector<permission_rule> rules)
{
    permission_ruleset rs{.default_action = permission_action::allow};
    rs.slot(operation) =
        operation_permissions{.default_action = permission_action::allow, .rules = std::move(rules)};
    return rs;
}

permission_rule deny(std::string pattern, std::string description = "")
{
    return {.pattern = std::move(pattern),
            .action = permission_action::deny,
            .description = std::move(description)};
}

std::vector<std::string> paths_of(const std::vector<file_info>& entries)
{
    std::vector<std::string> out;
    for (const auto& e : entries)
        out.push_back(e.path);
    return out;
}

/// A guarded local sandbox in a fresh directory.
struct guarded_directory
{
    explicit guarded_directory(permission_checker checker)
        : inner(
              std::make_shared<local_backend>(pool.get_executor(), local_backend_options{.root = dir.str()})),
          guarded(inner, std::move(checker))
    {}

    temp_dir dir;
    asio::thread_pool pool{2};
    std::shared_ptr<local_backend> inner;
    permission_guarded_backend guarded;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(permission_guarded_backend_tests)

BOOST_AUTO_TEST_CASE(reads_of_denied_paths_throw_before_the_backend_is_asked)
{
    permission_guarded_backend b(memory({{"/app/.env", "KEY=1\n"}, {"/app/main.py", "x = 1\n"}}),
                                 permission_checker(default_ruleset()));
    BOOST_TEST(denial_of([&] { run_task(b.read("/app/.env")); }) ==
               "Permission denied for read on '/app/.env': Protect sensitive files");
    BOOST_TEST(denial_of([&] { run_task(b.read_bytes("/app/.env")); }) ==
               "Permission denied for read on '/app/.env': Protect sensitive files");
    BOOST_TEST(run_task(b.read("/app/main.py")) == "     1\tx = 1");
    BOOST_TEST(run_task(b.read_bytes("app/main.py")) == "x = 1\n");
}

BOOST_AUTO_TEST_CASE(paths_are_checked_in_normalised_form)
{
    permission_guarded_backend b(memory({{"/app/.env", "KEY=1\n"}}), permission_checker(default_ruleset()));
    BOOST_TEST(denial_of([&] { run_task(b.read("app/./src/../.env")); }) ==
               "Permission denied for read on '/app/.env': Protect sensitive files");
    // A path above the root is left for the backend to refuse, with its own message.
    std::string message;
    try
    {
        run_task(b.read("../x"));
    }
    catch (const error& e)
    {
        BOOST_TEST((e.condition() == errc::escapes_root));
        message = e.what();
    }
    BOOST_TEST(message == "Access denied: '../x' is outside the workspace root");
}

BOOST_AUTO_TEST_CASE(write_and_edit_follow_their_own_rules)
{
    auto store = memory({{"/a.txt", "one\n"}});
    permission_ruleset rs{.default_action = permission_action::allow,
                          .write = operation_permissions{.default_action = permission_action::deny},
                          .edit = operation_permissions{.default_action = permission_action::allow,
                                                        .rules = {deny("**/*.lock", "Generated")}}};
    permission_guarded_backend b(store, permission_checker(rs));
    BOOST_TEST(denial_of([&] { run_task(b.write("/b.txt", "x")); }) ==
               "Permission denied for write on '/b.txt'");
    BOOST_TEST(denial_of([&] { run_task(b.edit("/x.lock", {.old_string = "a", .new_string = "b"})); }) ==
               "Permission denied for edit on '/x.lock': Generated");
    auto edited = run_task(b.edit("a.txt", {.old_string = "one", .new_string = "two"}));
    BOOST_TEST(edited.path == "/a.txt");
    BOOST_TEST(store->snapshot() == (std::map<std::string, std::string>{{"/a.txt", "two\n"}}));
}

BOOST_AUTO_TEST_CASE(ask_decisions_go_to_the_callback_or_the_fallback)
{
    auto store = memory();
    int calls = 0;
    permission_guarded_backend approving(store,
                                         permission_checker(default_ruleset(), answering(true, calls)));
    BOOST_TEST(run_task(approving.write("/a.txt", "hi")).path == "/a.txt");
    BOOST_TEST(calls == 1);

    permission_guarded_backend refusing(store,
                                        permission_checker(default_ruleset(), answering(false, calls)));
    BOOST_TEST(denial_of([&] { run_task(refusing.write("/b.txt", "x")); }) ==
               "Permission denied for write on '/b.txt'");
    BOOST_TEST(calls == 2);

    permission_guarded_backend nobody(store, permission_checker(default_ruleset()));
    BOOST_TEST(denial_of([&] { run_task(nobody.write("/b.txt", "x")); }) ==
               "Permission required for write on '/b.txt'");
    permission_guarded_backend denying(store, permission_checker(default_ruleset(), {}, ask_fallback::deny));
    BOOST_TEST(denial_of([&] { run_task(denying.write("/b.txt", "x")); }) ==
               "Permission denied for write on '/b.txt'");
    BOOST_TEST(store->snapshot() == (std::map<std::string, std::string>{{"/a.txt", "hi"}}));
}

BOOST_AUTO_TEST_CASE(ls_hides_denied_entries_but_keeps_those_needing_approval)
{
    permission_guarded_backend b(
        memory({{"/a.txt", "a"}, {"/private/p.txt", "p"}, {"/maybe/m.txt", "m"}}),
        permission_checker(allow_all_but(
            op::ls, {deny("/private"), {.pattern = "/maybe", .action = permission_action::ask}})));
    BOOST_TEST(paths_of(run_task(b.ls("/"))) == (std::vector<std::string>{"/maybe", "/a.txt"}),
               boost::test_tools::per_element());
    BOOST_TEST(denial_of([&] { run_task(b.ls("private/")); }) == "Permission denied for ls on '/private'");
    BOOST_TEST(paths_of(run_task(b.ls("/maybe"))) == std::vector<std::string>{"/maybe/m.txt"},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(glob_hides_denied_entries_and_refuses_a_denied_root)
{
    permission_guarded_backend b(
        memory({{"/a.py", ""}, {"/k.key", ""}, {"/vendor/v.py", ""}}),
        permission_checker(allow_all_but(op::glob, {deny("**/*.key"), deny("/vendor")})));
    BOOST_TEST(paths_of(run_task(b.glob("**/*"))) == (std::vector<std::string>{"/a.py", "/vendor/v.py"}),
               boost::test_tools::per_element());
    BOOST_TEST(denial_of([&] { run_task(b.glob("*.py", "/vendor")); }) ==
               "Permission denied for glob on '/vendor'");
}

BOOST_AUTO_TEST_CASE(grep_refuses_a_denied_root)
{
    permission_guarded_backend b(memory({{"/private/p.txt", "x"}}),
                                 permission_checker(allow_all_but(op::grep, {deny("/private")})));
    BOOST_TEST(denial_of([&] { run_task(b.grep({.pattern = "x", .path = "/private"})); }) ==
               "Permission denied for grep on '/private'");
    BOOST_TEST(run_task(b.grep({.pattern = "x", .path = "/"})).size() == 1u);
}

BOOST_AUTO_TEST_CASE(grep_drops_matches_in_files_denied_for_grep_or_read)
{
    auto rs = default_ruleset();
    rs.grep = operation_permissions{.default_action = permission_action::allow, .rules = {deny("/logs/**")}};
    permission_guarded_backend b(memory({{"/a.txt", "KEY here\n"},
                                         {"/.env", "KEY=1\n"},
                                         {"/logs/run.log", "KEY seen\n"},
                                         {"/server.pem", "KEY\n"}}),
                                 permission_checker(rs));
    auto matches = run_task(b.grep({.pattern = "KEY", .ignore_hidden = false}));
    BOOST_TEST(matches == (std::vector<grep_match>{{"/a.txt", 1, "KEY here"}}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(execute_needs_a_sandbox)
{
    permission_guarded_backend b(memory(), permission_checker(permissive_ruleset()));
    BOOST_TEST(b.id().empty());
    try
    {
        run_task(b.execute("echo hi"));
        BOOST_FAIL("execute on a plain backend ran");
    }
    catch (const error& e)
    {
        BOOST_TEST((e.condition() == errc::not_supported));
        BOOST_TEST(std::string(e.what()) == "Backend does not support command execution");
    }
    BOOST_CHECK_THROW(run_task(b.start_background("echo hi")), error);
    BOOST_CHECK_NO_THROW(run_task(b.start()));
    BOOST_CHECK_NO_THROW(run_task(b.stop()));
}

BOOST_AUTO_TEST_CASE(execute_runs_allowed_commands_in_the_wrapped_sandbox)
{
    guarded_directory d{permission_checker(permissive_ruleset())};
    BOOST_TEST(d.guarded.id() == d.inner->id());
    auto r = run_task(d.guarded.execute("echo hi > out.txt && cat out.txt"));
    BOOST_TEST(r.output == "hi\n");
    BOOST_TEST(d.dir.read("out.txt") == "hi\n");
}

BOOST_AUTO_TEST_CASE(execute_is_checked_against_the_execute_rules)
{
    int calls = 0;
    guarded_directory d{permission_checker(default_ruleset(), answering(false, calls))};
    BOOST_TEST(denial_of([&] { run_task(d.guarded.execute("rm -rf /")); }) ==
               "Permission denied for execute on 'rm -rf /': Block dangerous commands");
    BOOST_TEST(calls == 0);
    BOOST_TEST(denial_of([&] { run_task(d.guarded.execute("touch made.txt")); }) ==
               "Permission denied for execute on 'touch made.txt'");
    BOOST_TEST(calls == 1);
    BOOST_TEST(!std::filesystem::exists(d.dir.path() / "made.txt"));

    guarded_directory approved{permission_checker(default_ruleset(), answering(true, calls))};
    BOOST_TEST((run_task(approved.guarded.execute("touch made.txt")).exit_code == std::optional<int>(0)));
    BOOST_TEST(std::filesystem::exists(approved.dir.path() / "made.txt"));
}

BOOST_AUTO_TEST_CASE(execute_refuses_commands_naming_protected_paths_before_asking)
{
    int calls = 0;
    guarded_directory d{permission_checker(default_ruleset(), answering(true, calls))};
    d.dir.write(".env", "KEY=1\n");
    BOOST_TEST(denial_of([&] { run_task(d.guarded.execute("cat ./.env")); }) ==
               "Permission denied for read on './.env': Protect sensitive files");
    BOOST_TEST(denial_of([&] { run_task(d.guarded.execute("cp notes.txt 'keys/server.pem'")); }) ==
               "Permission denied for read on 'keys/server.pem': Protect sensitive files");
    BOOST_TEST(denial_of([&] { run_task(d.guarded.execute("scp ~/.ssh/id_rsa host:")); }) ==
               "Permission denied for read on '~/.ssh/id_rsa': Protect sensitive files");
    BOOST_TEST(calls == 0);

    // A write-only deny counts too.
    guarded_directory system{permission_checker(permissive_ruleset())};
    BOOST_TEST(denial_of([&] { run_task(system.guarded.execute("echo x >/etc/hosts")); }) ==
               "Permission denied for write on '/etc/hosts': Protect sensitive and system files");
}

BOOST_AUTO_TEST_CASE(execute_resolves_relative_words_against_the_working_directory)
{
    permission_ruleset rs{.default_action = permission_action::allow,
                          .read = operation_permissions{.default_action = permission_action::allow,
                                                        .rules = {deny("/secret/**", "Secret")}}};
    guarded_directory d{permission_checker(rs)};
    BOOST_TEST(denial_of([&] { run_task(d.guarded.execute("cat notes/../secret/plan.txt")); }) ==
               "Permission denied for read on '/secret/plan.txt': Secret");
    BOOST_TEST(denial_of([&] { run_task(d.guarded.execute("cat ../../secret/plan.txt")); }) ==
               "Permission denied for read on '/secret/plan.txt': Secret");
    BOOST_TEST(denial_of([&] {
                   run_task(d.guarded.execute("cat ./plan.txt", {.working_dir = "/secret"}));
               }) == "Permission denied for read on '/secret/plan.txt': Secret");
    BOOST_TEST(denial_of([&] { run_task(d.guarded.execute("sort --output=/secret/x in.txt")); }) ==
               "Permission denied for read on '/secret/x': Secret");
    BOOST_TEST(run_task(d.guarded.execute("echo secret/../plan")).output == "secret/../plan\n");
}

BOOST_AUTO_TEST_CASE(a_bare_dotfile_name_counts_as_a_path)
{
    guarded_directory d{permission_checker(permissive_ruleset())};
    BOOST_TEST(denial_of([&] { run_task(d.guarded.execute("cat .env.local")); }) ==
               "Permission denied for read on '.env.local': Protect sensitive files");
    BOOST_TEST(run_task(d.guarded.execute("echo password")).output == "password\n");
}

BOOST_AUTO_TEST_CASE(start_background_is_checked_like_execute)
{
    guarded_directory d{permission_checker(default_ruleset())};
    BOOST_TEST(denial_of([&] { run_task(d.guarded.start_background("cat .env")); }) ==
               "Permission denied for read on '.env': Protect sensitive files");
    BOOST_TEST(denial_of([&] { run_task(d.guarded.start_background("sleep 5")); }) ==
               "Permission required for execute on 'sleep 5'");
}

BOOST_AUTO_TEST_CASE(cancelling_during_an_ask_throws_operation_aborted_and_runs_nothing)
{
    asio::io_context io;
    asio::cancellation_signal cancel;
    permission_ask_callback wait_forever = [&](permission_operation, std::string_view,
                                               std::string_view) -> task<bool> {
        asio::steady_timer never(co_await asio::this_coro::executor, asio::steady_timer::time_point::max());
        asio::post(io, [&] { cancel.emit(asio::cancellation_type::terminal); });
        co_await never.async_wait(asio::use_awaitable);
        co_return true;
    };
    auto store = memory();
    permission_guarded_backend b(store, permission_checker(default_ruleset(), wait_forever));
    std::exception_ptr outcome;
    asio::co_spawn(io, b.write("/a.txt", "x"),
                   asio::bind_cancellation_slot(cancel.slot(),
                                                [&](std::exception_ptr e, write_result) { outcome = e; }));
    io.run();
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

BOOST_AUTO_TEST_CASE(command_scan_finds_path_words_through_quotes_and_operators)
{
    auto words =
        detail::path_words(R"(cat 'my dir/a b' x.txt|grep -f ./pats >/tmp/out; cd .. && ls ~ VAR=../v .env)");
    BOOST_TEST(words == (std::vector<std::string>{"my dir/a b", "./pats", "/tmp/out", "..", "~", "../v",
                                                  "VAR=../v", ".env"}),
               boost::test_tools::per_element());
    BOOST_TEST(detail::path_words("echo hello world && make -j2").empty());
    BOOST_TEST(detail::path_words("$(cat /etc/passwd)") == std::vector<std::string>{"/etc/passwd"},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(command_paths_resolve_lexically_and_stop_at_the_root)
{
    using detail::resolve_command_path;
    BOOST_TEST(resolve_command_path("a/./b/../c", "/w", "/home/u") == "/w/a/c");
    BOOST_TEST(resolve_command_path("../../../etc/passwd", "/w", "") == "/etc/passwd");
    BOOST_TEST(resolve_command_path("/x//y/", "/w", "") == "/x/y");
    BOOST_TEST(resolve_command_path("~/.ssh/id_rsa", "", "/home/u") == "/home/u/.ssh/id_rsa");
    BOOST_TEST(resolve_command_path("~", "", "/home/u") == "/home/u");
    BOOST_TEST(resolve_command_path("~/x", "", "") == "/~/x");
    BOOST_TEST(resolve_command_path("a", "", "") == "/a");
}

BOOST_AUTO_TEST_SUITE_END()
