// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// How a call's tool name and JSON arguments are checked before anything runs.
#include "console_fixture.hpp"

#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

using namespace agent_backends;
using agent_backends::test::console_on_memory;
using agent_backends::test::usage_error;

BOOST_AUTO_TEST_SUITE(console_arguments)

BOOST_AUTO_TEST_CASE(unknown_tool_lists_the_available_ones)
{
    console_on_memory c;
    BOOST_TEST(
        usage_error(c.tools, "cat", "{}") ==
        "Unknown tool 'cat'. Available tools: ls, read_file, write_file, edit_file, glob, grep, execute");
}

BOOST_AUTO_TEST_CASE(invalid_json_is_a_usage_error)
{
    console_on_memory c;
    BOOST_TEST(usage_error(c.tools, "ls", "{\"path\": ").find("Invalid JSON arguments for tool 'ls': ") ==
               0u);
    BOOST_TEST(usage_error(c.tools, "ls", "{} x").find("Invalid JSON arguments for tool 'ls': ") == 0u);
}

BOOST_AUTO_TEST_CASE(arguments_must_be_an_object)
{
    console_on_memory c;
    BOOST_TEST(usage_error(c.tools, "ls", "[\"a\"]") ==
               "Arguments for tool 'ls' must be a JSON object, got [\"a\"]");
}

BOOST_AUTO_TEST_CASE(empty_arguments_mean_no_arguments)
{
    console_on_memory c({{"/a.txt", "x"}});
    BOOST_TEST(c.text("ls", "") == "Contents of .:\n  a.txt (1 bytes)");
    BOOST_TEST(c.text("ls", "  \n") == "Contents of .:\n  a.txt (1 bytes)");
}

BOOST_AUTO_TEST_CASE(unknown_argument_names_are_refused_with_the_accepted_ones)
{
    console_on_memory c;
    BOOST_TEST(usage_error(c.tools, "read_file", R"({"file": "a.txt"})") ==
               "Unknown argument 'file' for tool 'read_file'. Accepted arguments: path, offset, limit");
    BOOST_TEST(
        usage_error(c.tools, "grep", R"({"pattern": "x", "glob": "*.py", "mode": "count"})") ==
        "Unknown arguments 'glob', 'mode' for tool 'grep'. Accepted arguments: pattern, path, glob_pattern, "
        "output_mode, ignore_hidden");
}

BOOST_AUTO_TEST_CASE(missing_required_argument_is_named)
{
    console_on_memory c;
    BOOST_TEST(usage_error(c.tools, "read_file", "{}") ==
               "Missing required argument 'path' for tool 'read_file'");
    BOOST_TEST(usage_error(c.tools, "edit_file", R"({"path": "a"})") ==
               "Missing required arguments 'old_string', 'new_string' for tool 'edit_file'");
}

BOOST_AUTO_TEST_CASE(mistyped_arguments_are_refused)
{
    console_on_memory c;
    BOOST_TEST(usage_error(c.tools, "read_file", R"({"path": "a", "offset": "ten"})") ==
               "Argument 'offset' of tool 'read_file' must be an integer, got \"ten\"");
    BOOST_TEST(usage_error(c.tools, "read_file", R"({"path": "a", "offset": 1.5})") ==
               "Argument 'offset' of tool 'read_file' must be an integer, got 1.5");
    BOOST_TEST(usage_error(c.tools, "write_file", R"({"path": "a", "content": 5})") ==
               "Argument 'content' of tool 'write_file' must be a string, got 5");
    BOOST_TEST(usage_error(c.tools, "write_file", R"({"path": null, "content": "x"})") ==
               "Argument 'path' of tool 'write_file' must be a string, got null");
    BOOST_TEST(usage_error(c.tools, "edit_file",
                           R"({"path": "a", "old_string": "x", "new_string": "y", "replace_all": "yes"})") ==
               "Argument 'replace_all' of tool 'edit_file' must be a boolean, got \"yes\"");
}

BOOST_AUTO_TEST_CASE(integers_below_their_minimum_are_refused)
{
    console_on_memory c;
    BOOST_TEST(usage_error(c.tools, "read_file", R"({"path": "a", "limit": 0})") ==
               "Argument 'limit' of tool 'read_file' must be at least 1, got 0");
    BOOST_TEST(usage_error(c.tools, "read_file", R"({"path": "a", "offset": "-3"})") ==
               "Argument 'offset' of tool 'read_file' must be at least 0, got -3");
}

BOOST_AUTO_TEST_CASE(output_mode_must_be_one_of_the_modes)
{
    console_on_memory c;
    BOOST_TEST(usage_error(c.tools, "grep", R"({"pattern": "x", "output_mode": "lines"})") ==
               "Argument 'output_mode' of tool 'grep' must be one of files_with_matches, content, count, got "
               "\"lines\"");
}

BOOST_AUTO_TEST_CASE(lenient_spellings_of_numbers_and_booleans_are_accepted)
{
    console_on_memory c({{"/a.txt", "1\n2\n3\n"}, {"/b.txt", "x x"}});
    BOOST_TEST(c.text("read_file", R"({"path": "a.txt", "offset": 2.0, "limit": "+1"})") == "     3\t3");
    BOOST_TEST(c.text("edit_file",
                      R"({"path": "b.txt", "old_string": "x", "new_string": "y", "replace_all": "true"})") ==
               "Edited /b.txt: replaced 2 occurrence(s)");
}

BOOST_AUTO_TEST_CASE(null_for_an_optional_argument_means_its_default)
{
    console_on_memory c({{"/a.txt", "1\n2\n"}});
    BOOST_TEST(c.text("read_file", R"({"path": "a.txt", "offset": null, "limit": null})") ==
               "     1\t1\n     2\t2");
    BOOST_TEST(c.text("ls", R"({"path": null})") == "Contents of .:\n  a.txt (4 bytes)");
}

BOOST_AUTO_TEST_CASE(usage_errors_are_thrown_before_anything_runs)
{
    console_on_memory c;
    usage_error(c.tools, "write_file", R"({"path": "a.txt", "content": "x", "mode": "w"})");
    BOOST_TEST(c.store->snapshot().empty());
}

BOOST_AUTO_TEST_CASE(call_copies_its_arguments_before_it_starts)
{
    console_on_memory c;
    auto pending = [&] {
        std::string name = "write_file";
        std::string json = R"({"path": "a.txt", "content": "hi"})";
        auto t = c.tools.call(name, json);
        name.assign(name.size(), '#');
        json.assign(json.size(), '#');
        return t;
    }();
    BOOST_TEST(agent_backends::test::run_task(std::move(pending)).text == "Wrote 1 lines to /a.txt");
}

BOOST_AUTO_TEST_CASE(call_keeps_working_after_the_toolset_is_gone)
{
    auto store = std::make_shared<state_backend>();
    auto pending = [&] {
        console_toolset tools(store);
        return tools.call("write_file", R"({"path": "a.txt", "content": "hi"})");
    }();
    BOOST_TEST(agent_backends::test::run_task(std::move(pending)).text == "Wrote 1 lines to /a.txt");
    BOOST_TEST(store->snapshot().at("/a.txt") == "hi");
}

BOOST_AUTO_TEST_SUITE_END()
