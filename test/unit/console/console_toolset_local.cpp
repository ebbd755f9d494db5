// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// The console tools on a local directory: real files, real commands.
#include "console_fixture.hpp"

#include <agent_backends/local_backend.hpp>

#include "common/printers.hpp"
#include "common/run_task.hpp"
#include "common/temp_dir.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>

#include <signal.h>

namespace asio = boost::asio;
using namespace agent_backends;
using agent_backends::test::run_task;
using agent_backends::test::temp_dir;

namespace {

struct console_on_disk
{
    explicit console_on_disk(console_options opts = {}, bool enable_execute = true)
        : workspace(std::make_shared<local_backend>(
              pool.get_executor(),
              local_backend_options{.root = dir.str(), .enable_execute = enable_execute})),
          tools(workspace, std::move(opts))
    {}

    tool_result call(std::string_view name, std::string_view json)
    {
        return run_task(tools.call(name, json));
    }

    temp_dir dir;
    asio::thread_pool pool{2};
    std::shared_ptr<local_backend> workspace;
    console_toolset tools;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(console_on_local_directory)

BOOST_AUTO_TEST_CASE(write_then_read_uses_virtual_paths)
{
    console_on_disk c;
    auto wrote = c.call("write_file", R"({"path": "src/a.txt", "content": "one\ntwo"})");
    BOOST_TEST(wrote.text == "Wrote 2 lines to /src/a.txt");
    BOOST_TEST(c.dir.read("src/a.txt") == "one\ntwo");
    BOOST_TEST(c.call("read_file", R"({"path": "/src/a.txt"})").text == "     1\tone\n     2\ttwo");
    BOOST_TEST(c.call("ls", R"({"path": "src"})").text == "Contents of src:\n  a.txt (7 bytes)");
}

BOOST_AUTO_TEST_CASE(edit_grep_and_glob_work_on_disk)
{
    console_on_disk c;
    c.dir.write("app.py", "x = 1\n# TODO fix\n");
    c.dir.write("lib/util.py", "def f():\n    return 1  # TODO\n");
    BOOST_TEST(
        c.call("edit_file", R"({"path": "app.py", "old_string": "x = 1", "new_string": "x = 2"})").text ==
        "Edited /app.py: replaced 1 occurrence(s)");
    BOOST_TEST(c.dir.read("app.py") == "x = 2\n# TODO fix\n");
    BOOST_TEST(c.call("grep", R"({"pattern": "TODO", "output_mode": "content"})").text ==
               "Matches for 'TODO':\n  /app.py:2: # TODO fix\n  /lib/util.py:2:     return 1  # TODO");
    auto found = c.call("glob", R"({"pattern": "**/*.py"})").text;
    BOOST_TEST(found.find("Found 2 file(s) matching '**/*.py':") == 0u);
    BOOST_TEST(found.find("  /lib/util.py") != std::string::npos);
    BOOST_TEST(found.find("  /app.py") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(path_outside_the_root_is_a_tool_error)
{
    console_on_disk c;
    BOOST_TEST(c.call("read_file", R"({"path": "../../etc/passwd"})").text ==
               "Error: Access denied: '../../etc/passwd' is outside the workspace root");
}

BOOST_AUTO_TEST_CASE(execute_returns_the_output_of_a_successful_command)
{
    console_on_disk c;
    auto r = c.call("execute", R"({"command": "echo hi; echo err >&2"})");
    BOOST_TEST(!r.is_error);
    BOOST_TEST(r.text == "hi\nerr\n");
}

BOOST_AUTO_TEST_CASE(execute_runs_in_the_workspace_root)
{
    console_on_disk c;
    c.dir.write("marker.txt", "here");
    BOOST_TEST(c.call("execute", R"({"command": "cat marker.txt"})").text == "here");
}

BOOST_AUTO_TEST_CASE(execute_reports_a_failed_command_without_a_tool_error)
{
    console_on_disk c;
    auto r = c.call("execute", R"({"command": "echo out; exit 3"})");
    BOOST_TEST(!r.is_error);
    BOOST_TEST(r.text == "Command failed (exit code 3):\nout\n");
}

BOOST_AUTO_TEST_CASE(execute_timeout_kills_the_command_and_answers_exit_code_124)
{
    console_on_disk c;
    auto started = std::chrono::steady_clock::now();
    auto r = c.call("execute", R"({"command": "echo before; sleep 30", "timeout": "1"})");
    BOOST_TEST((std::chrono::steady_clock::now() - started < std::chrono::seconds(20)));
    BOOST_TEST(!r.is_error);
    BOOST_TEST(r.text.find("Command failed (exit code 124):\nbefore\n") == 0u, r.text);
    BOOST_TEST(r.text.find("timed out") != std::string::npos, r.text);
}

BOOST_AUTO_TEST_CASE(execute_notes_truncated_output)
{
    console_on_disk c;
    auto r = c.call("execute", R"({"command": "head -c 300000 /dev/zero | tr '\\0' a"})");
    BOOST_TEST(!r.is_error);
    BOOST_TEST(r.text.size() < 150000u);
    const std::string note = "\n\n... (output truncated)";
    BOOST_TEST(r.text.substr(r.text.size() - note.size()) == note);
}

BOOST_AUTO_TEST_CASE(execute_on_a_backend_without_commands_is_a_tool_error)
{
    agent_backends::test::console_on_memory memory;
    BOOST_TEST(memory.error_text("execute", R"({"command": "true"})") ==
               "Error: Backend does not support command execution");

    console_on_disk disabled({}, false);
    auto r = disabled.call("execute", R"({"command": "true"})");
    BOOST_TEST(r.is_error);
    BOOST_TEST(r.text == "Error: Shell execution is disabled for this backend");
}

BOOST_AUTO_TEST_CASE(cancelling_execute_throws_operation_aborted_and_kills_the_command)
{
    console_on_disk c;
    auto pid_file = c.dir.path() / "pid";
    asio::io_context io;
    asio::cancellation_signal cancel;
    std::exception_ptr outcome;
    bool finished = false;
    asio::co_spawn(
        io, c.tools.call("execute", R"({"command": "echo $$ > pid.tmp && mv pid.tmp pid && exec sleep 30"})"),
        asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, tool_result) {
            outcome = e;
            finished = true;
        }));
    // Cancel once the command has surely started (it wrote its pid).
    asio::co_spawn(
        io,
        [&]() -> task<void> {
            asio::steady_timer t(io);
            for (int i = 0; i < 2000 && !std::filesystem::exists(pid_file); ++i)
            {
                t.expires_after(std::chrono::milliseconds(5));
                co_await t.async_wait(asio::use_awaitable);
            }
            cancel.emit(asio::cancellation_type::terminal);
        },
        asio::detached);
    io.run();

    BOOST_TEST(finished);
    BOOST_REQUIRE(outcome);
    try
    {
        std::rethrow_exception(outcome);
    }
    catch (const boost::system::system_error& e)
    {
        BOOST_TEST(e.code() == asio::error::operation_aborted);
    }
    BOOST_REQUIRE(std::filesystem::exists(pid_file));
    int pid = 0;
    std::ifstream(pid_file) >> pid;
    BOOST_REQUIRE(pid > 0);
    BOOST_TEST((::kill(pid, 0) == -1 && errno == ESRCH), "the command still runs after cancellation");
}

BOOST_AUTO_TEST_SUITE_END()
