// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// The file tools (ls, read_file, write_file, edit_file, hashline_edit) on an in-memory backend.
#include "console_fixture.hpp"

#include <agent_backends/hashline.hpp>

#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

using namespace agent_backends;
using agent_backends::test::console_on_memory;
using agent_backends::test::usage_error;

BOOST_AUTO_TEST_SUITE(console_file_tools)

BOOST_AUTO_TEST_CASE(ls_lists_directories_first_then_files_with_sizes)
{
    console_on_memory c({{"/b.txt", "abc"}, {"/a/x.txt", "1"}, {"/c.md", ""}});
    BOOST_TEST(c.text("ls", "{}") == "Contents of .:\n  a/\n  b.txt (3 bytes)\n  c.md (0 bytes)");
    BOOST_TEST(c.text("ls", R"({"path": "/a"})") == "Contents of /a:\n  x.txt (1 bytes)");
}

BOOST_AUTO_TEST_CASE(ls_of_missing_directory_says_empty_or_missing)
{
    console_on_memory c({{"/a.txt", "x"}});
    auto r = c.call("ls", R"({"path": "nope"})");
    BOOST_TEST(!r.is_error);
    BOOST_TEST(r.text == "Directory 'nope' is empty or does not exist");
}

BOOST_AUTO_TEST_CASE(ls_above_the_root_is_a_tool_error)
{
    console_on_memory c;
    BOOST_TEST(c.error_text("ls", R"({"path": "../x"})") ==
               "Error: Access denied: '../x' is outside the workspace root");
}

BOOST_AUTO_TEST_CASE(read_file_shows_numbered_lines)
{
    console_on_memory c({{"/a.txt", "alpha\nbeta\n"}});
    BOOST_TEST(c.text("read_file", R"({"path": "a.txt"})") == "     1\talpha\n     2\tbeta");
}

BOOST_AUTO_TEST_CASE(read_file_slice_notes_the_lines_left)
{
    console_on_memory c({{"/a.txt", "1\n2\n3\n4\n"}});
    BOOST_TEST(c.text("read_file", R"({"path": "/a.txt", "offset": 1, "limit": 2})") ==
               "     2\t2\n     3\t3\n\n... (1 more lines)");
}

BOOST_AUTO_TEST_CASE(read_file_accepts_line_numbers_as_numeric_strings)
{
    console_on_memory c({{"/a.txt", "1\n2\n3\n4\n"}});
    BOOST_TEST(c.text("read_file", R"({"path": "/a.txt", "offset": "1", "limit": " 2"})") ==
               "     2\t2\n     3\t3\n\n... (1 more lines)");
}

BOOST_AUTO_TEST_CASE(read_file_of_missing_file_names_the_path_as_given)
{
    console_on_memory c;
    BOOST_TEST(c.error_text("read_file", R"({"path": "nope.txt"})") == "Error: File 'nope.txt' not found");
}

BOOST_AUTO_TEST_CASE(read_file_offset_past_the_end_is_a_tool_error)
{
    console_on_memory c({{"/a.txt", "x\ny\n"}});
    BOOST_TEST(c.error_text("read_file", R"({"path": "a.txt", "offset": 5})") ==
               "Error: Offset 5 exceeds file length (2 lines)");
}

BOOST_AUTO_TEST_CASE(read_file_of_empty_file_says_so)
{
    console_on_memory c({{"/e.txt", ""}});
    BOOST_TEST(c.text("read_file", R"({"path": "e.txt"})") == "(empty file)");
}

BOOST_AUTO_TEST_CASE(read_file_of_binary_file_is_a_tool_error)
{
    console_on_memory c({{"/b.bin", std::string("ab\0cd", 5)}});
    BOOST_TEST(c.error_text("read_file", R"({"path": "b.bin"})") ==
               "Error: 'b.bin' is a binary file (5 bytes)");
}

BOOST_AUTO_TEST_CASE(write_file_counts_lines_and_reports_the_virtual_path)
{
    console_on_memory c;
    BOOST_TEST(c.text("write_file", R"({"path": "a.txt", "content": "x\ny\n"})") ==
               "Wrote 3 lines to /a.txt");
    BOOST_TEST(c.content_of("/a.txt") == "x\ny\n");
    BOOST_TEST(c.text("write_file", R"({"path": "./d/e.txt", "content": ""})") ==
               "Wrote 1 lines to /d/e.txt");
}

BOOST_AUTO_TEST_CASE(write_file_keeps_content_byte_exact)
{
    console_on_memory c;
    c.text("write_file", R"({"path": "crlf.txt", "content": "a\r\nb\r\n"})");
    BOOST_TEST(c.content_of("/crlf.txt") == "a\r\nb\r\n");
}

BOOST_AUTO_TEST_CASE(edit_file_replaces_one_occurrence)
{
    console_on_memory c({{"/a.py", "x = 1\ny = 2\n"}});
    BOOST_TEST(c.text("edit_file", R"({"path": "a.py", "old_string": "x = 1", "new_string": "x = 3"})") ==
               "Edited /a.py: replaced 1 occurrence(s)");
    BOOST_TEST(c.content_of("/a.py") == "x = 3\ny = 2\n");
}

BOOST_AUTO_TEST_CASE(edit_file_replace_all_counts_every_occurrence)
{
    console_on_memory c({{"/a.py", "x x x"}});
    BOOST_TEST(c.text("edit_file",
                      R"({"path": "a.py", "old_string": "x", "new_string": "y", "replace_all": true})") ==
               "Edited /a.py: replaced 3 occurrence(s)");
    BOOST_TEST(c.content_of("/a.py") == "y y y");
}

BOOST_AUTO_TEST_CASE(edit_file_fails_not_unique_when_old_string_repeats)
{
    console_on_memory c({{"/a.py", "x x x"}});
    BOOST_TEST(
        c.error_text("edit_file", R"({"path": "a.py", "old_string": "x", "new_string": "y"})") ==
        "Error: String 'x' found 3 times. Use replace_all=True to replace all, or provide more context.");
    BOOST_TEST(c.content_of("/a.py") == "x x x");
}

BOOST_AUTO_TEST_CASE(edit_file_fails_when_old_string_is_absent)
{
    console_on_memory c({{"/a.py", "abc"}});
    BOOST_TEST(c.error_text("edit_file", R"({"path": "a.py", "old_string": "zzz", "new_string": "y"})") ==
               "Error: String 'zzz' not found in file");
}

BOOST_AUTO_TEST_CASE(edit_file_of_missing_file_is_a_tool_error)
{
    console_on_memory c;
    BOOST_TEST(c.error_text("edit_file", R"({"path": "nope.py", "old_string": "a", "new_string": "b"})") ==
               "Error: File 'nope.py' not found");
}

BOOST_AUTO_TEST_CASE(edit_file_refuses_empty_old_string)
{
    console_on_memory c({{"/a.py", "abc"}});
    BOOST_TEST(c.error_text("edit_file", R"({"path": "a.py", "old_string": "", "new_string": "y"})") ==
               "Error: old_string must not be empty");
    BOOST_TEST(c.content_of("/a.py") == "abc");
}

BOOST_AUTO_TEST_CASE(hashline_mode_reads_tagged_lines)
{
    // md5("hello") = 5d41..., md5("world") = 7d79...
    console_on_memory c({{"/a.txt", "hello\nworld\n"}}, {.edit_format = edit_format::hashline});
    BOOST_TEST(c.text("read_file", R"({"path": "a.txt"})") == "1:5d|hello\n2:7d|world");
    BOOST_TEST(c.text("read_file", R"({"path": "a.txt", "limit": 1})") == "1:5d|hello\n\n... (1 more lines)");
}

BOOST_AUTO_TEST_CASE(hashline_edit_replaces_a_line_anchored_by_its_hash)
{
    console_on_memory c({{"/a.txt", "hello\nworld\n"}}, {.edit_format = edit_format::hashline});
    BOOST_TEST(c.text("hashline_edit",
                      R"({"path": "a.txt", "start_line": 2, "start_hash": "7d", "new_content": "there"})") ==
               "Edited /a.txt: Replaced 1 line(s) at line 2");
    BOOST_TEST(c.content_of("/a.txt") == "hello\nthere\n");
}

BOOST_AUTO_TEST_CASE(hashline_edit_inserts_and_deletes)
{
    console_on_memory c({{"/a.txt", "hello\nworld\n"}}, {.edit_format = edit_format::hashline});
    BOOST_TEST(c.text("hashline_edit", R"({"path": "a.txt", "start_line": "1", "start_hash": "5d",
                                           "new_content": "a\nb", "insert_after": true})") ==
               "Edited /a.txt: Inserted 2 line(s) after line 1");
    BOOST_TEST(c.content_of("/a.txt") == "hello\na\nb\nworld\n");
    BOOST_TEST(c.text("hashline_edit", R"({"path": "a.txt", "start_line": 2, "start_hash": ")" +
                                           line_hash("a") +
                                           R"(", "end_line": 3, "end_hash": null, "new_content": ""})") ==
               "Edited /a.txt: Deleted 2 line(s) at line 2");
    BOOST_TEST(c.content_of("/a.txt") == "hello\nworld\n");
}

BOOST_AUTO_TEST_CASE(hashline_edit_with_stale_hash_is_a_tool_error_and_writes_nothing)
{
    console_on_memory c({{"/a.txt", "hello\nworld\n"}}, {.edit_format = edit_format::hashline});
    BOOST_TEST(
        c.error_text("hashline_edit",
                     R"({"path": "a.txt", "start_line": 2, "start_hash": "zz", "new_content": "x"})") ==
        "Error: Hash mismatch at line 2: expected 'zz', got '7d'. File may have changed — re-read it first.");
    BOOST_TEST(c.content_of("/a.txt") == "hello\nworld\n");
}

BOOST_AUTO_TEST_CASE(hashline_edit_of_missing_file_is_a_tool_error)
{
    console_on_memory c({}, {.edit_format = edit_format::hashline});
    BOOST_TEST(
        c.error_text("hashline_edit",
                     R"({"path": "nope.txt", "start_line": 1, "start_hash": "5d", "new_content": "x"})") ==
        "Error: File 'nope.txt' not found");
}

BOOST_AUTO_TEST_CASE(each_edit_format_offers_only_its_edit_tool)
{
    console_on_memory plain;
    BOOST_TEST(usage_error(plain.tools, "hashline_edit", "{}").find("Unknown tool 'hashline_edit'") == 0u);
    console_on_memory hashline({}, {.edit_format = edit_format::hashline});
    BOOST_TEST(usage_error(hashline.tools, "edit_file", "{}").find("Unknown tool 'edit_file'") == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
