// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// The agent-backends program, run as a real subprocess: stdout, stderr and exit status.
#include "program_run.hpp"

#include "common/temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

using agent_backends::test::program_output;
using agent_backends::test::program_run;
using agent_backends::test::run_program;
using agent_backends::test::temp_dir;

namespace {

const std::string cli = AGENT_BACKENDS_CLI_PATH;

// `agent-backends call TOOL JSON --root DIR [extra...]`
program_output call(const temp_dir& root, const std::string& tool, const std::string& json,
                    std::vector<std::string> extra = {})
{
    std::vector<std::string> argv{cli, "call", tool, json, "--root", root.str()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run_program(argv);
}

void expect_answer(const program_output& r, const std::string& text)
{
    BOOST_TEST(r.exit_code == 0, r);
    BOOST_TEST(r.out == text + "\n");
    BOOST_TEST(r.err == "");
}

void expect_tool_error(const program_output& r, const std::string& text)
{
    BOOST_TEST(r.exit_code == 1, r);
    BOOST_TEST(r.out == text + "\n");
    BOOST_TEST(r.err == "");
}

// Bad usage: exit 2, nothing on stdout, a message on stderr containing `needle`.
void expect_usage_error(const program_output& r, const std::string& needle)
{
    BOOST_TEST(r.exit_code == 2, r);
    BOOST_TEST(r.out == "");
    BOOST_TEST(r.err.find(needle) != std::string::npos, "stderr: " << r.err);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(agent_backends_cli)

BOOST_AUTO_TEST_CASE(write_file_creates_the_file_and_prints_the_virtual_path)
{
    temp_dir root;
    expect_answer(call(root, "write_file", R"({"path": "a.txt", "content": "one\ntwo"})"),
                  "Wrote 2 lines to /a.txt");
    BOOST_TEST(root.read("a.txt") == "one\ntwo");
}

BOOST_AUTO_TEST_CASE(read_file_prints_numbered_lines)
{
    temp_dir root;
    root.write("a.txt", "one\ntwo\n");
    expect_answer(call(root, "read_file", R"({"path": "/a.txt"})"), "     1\tone\n     2\ttwo");
    expect_answer(call(root, "read_file", R"({"path": "a.txt", "offset": "1"})"), "     2\ttwo");
}

BOOST_AUTO_TEST_CASE(read_file_of_missing_file_exits_1_with_the_error_on_stdout)
{
    temp_dir root;
    expect_tool_error(call(root, "read_file", R"({"path": "nope.txt"})"), "Error: File 'nope.txt' not found");
}

BOOST_AUTO_TEST_CASE(edit_file_edits_and_reports_errors)
{
    temp_dir root;
    root.write("app.py", "x = 1\nx = 1\ny = 2\n");
    expect_answer(
        call(root, "edit_file", R"({"path": "app.py", "old_string": "y = 2", "new_string": "y = 3"})"),
        "Edited /app.py: replaced 1 occurrence(s)");
    BOOST_TEST(root.read("app.py") == "x = 1\nx = 1\ny = 3\n");
    expect_tool_error(
        call(root, "edit_file", R"({"path": "app.py", "old_string": "x = 1", "new_string": "z"})"),
        "Error: String 'x = 1' found 2 times. Use replace_all=True to replace all, or provide more "
        "context.");
    expect_tool_error(call(root, "edit_file", R"({"path": "app.py", "old_string": "", "new_string": "z"})"),
                      "Error: old_string must not be empty");
}

BOOST_AUTO_TEST_CASE(hashline_format_reads_tags_and_edits_by_them)
{
    temp_dir root;
    root.write("a.txt", "hello\nworld\n");
    expect_answer(call(root, "read_file", R"({"path": "a.txt"})", {"--edit-format", "hashline"}),
                  "1:5d|hello\n2:7d|world");
    expect_answer(call(root, "hashline_edit",
                       R"({"path": "a.txt", "start_line": 1, "start_hash": "5d", "new_content": "hi"})",
                       {"--edit-format=hashline"}),
                  "Edited /a.txt: Replaced 1 line(s) at line 1");
    BOOST_TEST(root.read("a.txt") == "hi\nworld\n");
    expect_tool_error(
        call(root, "hashline_edit",
             R"({"path": "a.txt", "start_line": 1, "start_hash": "5d", "new_content": "x"})",
             {"--edit-format", "hashline"}),
        "Error: Hash mismatch at line 1: expected '5d', got '49'. File may have changed — re-read it first.");
    expect_usage_error(call(root, "hashline_edit", "{}"), "Unknown tool 'hashline_edit'");
    expect_usage_error(call(root, "edit_file", "{}", {"--edit-format", "hashline"}),
                       "Unknown tool 'edit_file'");
}

BOOST_AUTO_TEST_CASE(glob_grep_and_ls_print_their_summaries)
{
    temp_dir root;
    root.write("a.py", "# TODO one\n");
    root.write("src/b.py", "x = 1\n# TODO two\n");
    root.write("src/c.ts", "let x = 1;\n");
    expect_answer(call(root, "glob", R"({"pattern": "**/*.ts"})"),
                  "Found 1 file(s) matching '**/*.ts':\n  /src/c.ts");
    expect_answer(call(root, "glob", R"({"pattern": "*.rs"})"), "No files matching '*.rs' in .");
    expect_answer(call(root, "grep", R"({"pattern": "TODO"})"),
                  "Files containing 'TODO':\n  /a.py\n  /src/b.py");
    expect_answer(call(root, "grep", R"({"pattern": "TODO", "output_mode": "content", "path": "src"})"),
                  "Matches for 'TODO':\n  /src/b.py:2: # TODO two");
    expect_answer(call(root, "grep", R"({"pattern": "TODO", "output_mode": "count"})"),
                  "Found 2 match(es) for 'TODO'");
    expect_tool_error(call(root, "grep", R"({"pattern": "x", "path": "nope"})"),
                      "Error: Path 'nope' not found");
    expect_answer(call(root, "ls", "{}"), "Contents of .:\n  src/\n  a.py (11 bytes)");
    expect_answer(call(root, "ls", R"({"path": "empty"})"), "Directory 'empty' is empty or does not exist");
}

BOOST_AUTO_TEST_CASE(execute_prints_output_and_a_failed_command_still_exits_0)
{
    temp_dir root;
    expect_answer(call(root, "execute", R"({"command": "echo hi"})"), "hi\n");
    expect_answer(call(root, "execute", R"({"command": "echo out; exit 3"})"),
                  "Command failed (exit code 3):\nout\n");
}

BOOST_AUTO_TEST_CASE(bad_arguments_exit_2_with_a_message_on_stderr)
{
    temp_dir root;
    expect_usage_error(call(root, "read_file", "{\"path\": "), "Invalid JSON arguments for tool 'read_file'");
    expect_usage_error(call(root, "cat", "{}"), "Unknown tool 'cat'. Available tools: ls, read_file");
    expect_usage_error(call(root, "read_file", "{}"),
                       "Missing required argument 'path' for tool 'read_file'");
    expect_usage_error(call(root, "read_file", R"({"path": "a", "offset": "x"})"),
                       "Argument 'offset' of tool 'read_file' must be an integer");
    expect_usage_error(call(root, "ls", R"({"dir": "a"})"),
                       "Unknown argument 'dir' for tool 'ls'. Accepted arguments: path");
}

BOOST_AUTO_TEST_CASE(bad_flags_exit_2)
{
    temp_dir root;
    expect_usage_error(call(root, "ls", "{}", {"--edit-format", "diff"}),
                       "--edit-format must be str_replace or hashline");
    expect_usage_error(call(root, "ls", "{}", {"--verbose"}), "unknown option '--verbose'");
    expect_usage_error(call(root, "ls", "{}", {"extra"}), "too many arguments");
    expect_usage_error(run_program({cli, "call", "ls", "--root"}), "--root needs a value");
    expect_usage_error(run_program({cli}), "no command given");
    expect_usage_error(run_program({cli, "frobnicate"}), "unknown command 'frobnicate'");
    expect_usage_error(run_program({cli, "call"}), "call needs a tool name");
}

BOOST_AUTO_TEST_CASE(help_lists_every_tool_with_its_arguments)
{
    for (auto argv :
         {std::vector<std::string>{cli, "--help"}, std::vector<std::string>{cli, "call", "--help"}})
    {
        auto r = run_program(argv);
        BOOST_TEST(r.exit_code == 0, r);
        BOOST_TEST(r.err == "");
        BOOST_TEST(r.out.find("Usage: agent-backends call TOOL") != std::string::npos);
        for (auto tool :
             {"ls", "read_file", "write_file", "edit_file", "hashline_edit", "glob", "grep", "execute"})
            BOOST_TEST(r.out.find("\n  " + std::string(tool)) != std::string::npos,
                       tool << " missing from help");
        BOOST_TEST(r.out.find("old_string (string, required)") != std::string::npos);
        BOOST_TEST(
            r.out.find(
                "output_mode (string: files_with_matches|content|count, default \"files_with_matches\")") !=
            std::string::npos);
        BOOST_TEST(r.out.find("end_line (integer or null, default null)") != std::string::npos);
        BOOST_TEST(r.out.find("timeout (integer, default 120)") != std::string::npos);
    }
    auto tool = run_program({cli, "call", "glob", "--help"});
    BOOST_TEST(tool.exit_code == 0, tool);
    BOOST_TEST(tool.out.find("**/*.{js,ts,tsx}") != std::string::npos);
    BOOST_TEST(tool.out.find("pattern (string, required)") != std::string::npos);
    expect_usage_error(run_program({cli, "call", "nope", "--help"}), "unknown tool 'nope'");
}

BOOST_AUTO_TEST_CASE(missing_root_is_created)
{
    temp_dir base;
    auto root = (base.path() / "new" / "workspace").string();
    auto r =
        run_program({cli, "call", "write_file", R"({"path": "a.txt", "content": "x"})", "--root=" + root});
    expect_answer(r, "Wrote 1 lines to /a.txt");
    BOOST_TEST(std::filesystem::is_regular_file(std::filesystem::path(root) / "a.txt"));
}

BOOST_AUTO_TEST_CASE(root_defaults_to_the_working_directory)
{
    temp_dir cwd;
    auto r = run_program({cli, "call", "write_file", R"({"path": "here.txt", "content": "x"})"},
                         {.cwd = cwd.str()});
    expect_answer(r, "Wrote 1 lines to /here.txt");
    BOOST_TEST(cwd.read("here.txt") == "x");
}

BOOST_AUTO_TEST_CASE(arguments_can_come_from_stdin)
{
    temp_dir root;
    auto r = run_program({cli, "call", "write_file", "-", "--root", root.str()},
                         {.stdin_text = R"({"path": "q.txt", "content": "it's \"quoted\""})"});
    expect_answer(r, "Wrote 1 lines to /q.txt");
    BOOST_TEST(root.read("q.txt") == "it's \"quoted\"");
}

BOOST_AUTO_TEST_CASE(images_are_described_in_one_line)
{
    temp_dir root;
    root.write("p.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    expect_answer(call(root, "read_file", R"({"path": "p.png"})"),
                  "Read image 'p.png' (image/png, 16 bytes)");
}

BOOST_AUTO_TEST_CASE(interrupt_kills_a_running_command_and_exits_130)
{
    temp_dir root;
    program_run run({cli, "call", "execute",
                     R"({"command": "echo $$ > pid.tmp && mv pid.tmp pid && exec sleep 30"})", "--root",
                     root.str()});
    auto pid_file = root.path() / "pid";
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!std::filesystem::exists(pid_file) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));  // polling for a file, not a fixed wait
    BOOST_REQUIRE(std::filesystem::exists(pid_file));
    ::kill(run.pid(), SIGINT);
    auto started = std::chrono::steady_clock::now();
    auto r = run.wait();
    BOOST_TEST(r.exit_code == 130, r);
    BOOST_TEST(r.err.find("interrupted") != std::string::npos);
    BOOST_TEST((std::chrono::steady_clock::now() - started < std::chrono::seconds(10)));
    int pid = 0;
    std::ifstream(pid_file) >> pid;
    BOOST_REQUIRE(pid > 0);
    BOOST_TEST((::kill(pid, 0) == -1 && errno == ESRCH), "the command survived the interrupt");
}

BOOST_AUTO_TEST_CASE(mcp_and_serve_explain_their_options)
{
    auto mcp = run_program({cli, "mcp", "--help"});
    BOOST_TEST(mcp.exit_code == 0, mcp);
    BOOST_TEST(mcp.out.find("--preset NAME") != std::string::npos);
    BOOST_TEST(mcp.out.find("\"args\": [\"mcp\"") != std::string::npos);
    auto serve = run_program({cli, "serve", "--help"});
    BOOST_TEST(serve.exit_code == 0, serve);
    BOOST_TEST(serve.out.find("--port N") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(mcp_and_serve_refuse_bad_options_with_exit_2)
{
    expect_usage_error(run_program({cli, "mcp", "--port", "80"}), "unknown option '--port' for mcp");
    expect_usage_error(run_program({cli, "serve", "--port", "65536"}), "--port must be a number");
    expect_usage_error(run_program({cli, "serve", "--port", "12x"}), "--port must be a number");
    expect_usage_error(run_program({cli, "mcp", "--preset", "lax"}), "--preset must be default");
    expect_usage_error(run_program({cli, "serve", "--root"}), "--root needs a value");
}

BOOST_AUTO_TEST_CASE(mcp_answers_each_line_and_logs_each_request_until_stdin_ends)
{
    temp_dir root;
    root.write("a.txt", "alpha\n");
    std::string in =
        R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",)"
        R"("capabilities":{},"clientInfo":{"name":"t","version":"1"}}})" "\n"
        R"({"jsonrpc":"2.0","method":"notifications/initialized"})" "\n"
        R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"read_file",)"
        R"("arguments":{"path":"a.txt"}}})" "\n";
    auto r = run_program({cli, "mcp", "--root", root.str()}, {.stdin_text = in});
    BOOST_TEST(r.exit_code == 0, r);
    auto first_line = r.out.substr(0, r.out.find('\n'));
    BOOST_TEST(first_line.find(R"("protocolVersion":"2025-06-18")") != std::string::npos, r.out);
    BOOST_TEST(r.out.find(R"("id":2)") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("alpha") != std::string::npos, r.out);
    BOOST_TEST(std::count(r.out.begin(), r.out.end(), '\n') == 2, r.out);
    BOOST_TEST(r.err.find("MCP over stdio (root " + root.str()) != std::string::npos, r.err);
    BOOST_TEST(r.err.find("tools/call read_file") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(serve_prints_its_url_and_client_configuration_and_stops_on_sigterm)
{
    temp_dir root;
    program_run run({cli, "serve", "--root", root.str(), "--port", "0"});
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (run.output_so_far().find("\n}\n") == std::string::npos && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));  // polling for output, not a fixed wait
    ::kill(run.pid(), SIGTERM);
    auto r = run.wait();
    BOOST_TEST(r.exit_code == 128 + SIGTERM, r);
    BOOST_TEST(r.out.find("MCP server listening at http://127.0.0.1:") != std::string::npos, r.out);
    BOOST_TEST(r.out.find(R"("type": "http")") != std::string::npos, r.out);
    BOOST_TEST(r.err.find("serving MCP at http://127.0.0.1:") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_SUITE_END()
