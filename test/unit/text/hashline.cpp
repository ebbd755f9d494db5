// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/hashline.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "common/run_task.hpp"

#include <boost/test/unit_test.hpp>

#include <map>
#include <string>

using namespace agent_backends;
using agent_backends::test::run_task;

using agent_backends::test::failure_of;

namespace {

hashline_edit_outcome edit(std::string_view content, hashline_edit_request req)
{
    return apply_hashline_edit(content, req);
}

std::string edit_error(std::string_view content, hashline_edit_request req)
{
    auto f = failure_of([&] { apply_hashline_edit(content, req); });
    BOOST_TEST(f.code == errc::invalid_argument);
    return f.message;
}

const std::string abc = "a\nb\nc\n";  // hashes: a 0c, b 92, c 4a

/// Files in a map; `write` reports the path under `/ws` so results can be told from the path given.
class map_backend final : public backend
{
public:
    std::map<std::string, std::string> files;
    int writes = 0;

    task<bool> exists(std::string_view path) override { return value(files.contains(std::string(path))); }
    task<std::vector<file_info>> ls(std::string_view) override
    {
        return unsupported<std::vector<file_info>>();
    }
    task<std::string> read(std::string_view, read_options) override { return unsupported<std::string>(); }

    task<std::string> read_bytes(std::string_view path) override
    {
        auto it = files.find(std::string(path));
        if (it == files.end())
            return fail<std::string>(errc::not_found, "File '" + std::string(path) + "' not found");
        return value(it->second);
    }

    task<write_result> write(std::string_view path, std::string_view content) override
    {
        files[std::string(path)] = std::string(content);
        ++writes;
        return value(write_result{"/ws" + std::string(path)});
    }

    task<edit_result> edit(std::string_view, edit_request) override { return unsupported<edit_result>(); }
    task<std::vector<file_info>> glob(std::string_view, std::string_view) override
    {
        return unsupported<std::vector<file_info>>();
    }
    task<std::vector<grep_match>> grep(grep_request) override
    {
        return unsupported<std::vector<grep_match>>();
    }

private:
    template <class T>
    static task<T> value(T v)
    {
        co_return v;
    }

    template <class T>
    static task<T> fail(errc code, std::string message)
    {
        throw error(code, std::move(message));
        co_return T{};
    }

    template <class T>
    static task<T> unsupported()
    {
        return fail<T>(errc::not_supported, "not offered by this test backend");
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(hashline_tests)

BOOST_AUTO_TEST_CASE(line_hash_is_the_first_two_hex_digits_of_md5)
{
    BOOST_TEST(line_hash("") == "d4");       // md5("") = d41d8cd9...
    BOOST_TEST(line_hash("hello") == "5d");  // md5("hello") = 5d41402a...
    BOOST_TEST(line_hash("def f():") == "00");
}

BOOST_AUTO_TEST_CASE(lines_render_as_number_colon_hash_bar_text)
{
    BOOST_TEST(format_hashline("def f():\n    return 1\n") == "1:00|def f():\n2:dc|    return 1");
    BOOST_TEST(format_hashline("hello") == "1:5d|hello");
    BOOST_TEST(format_hashline("\n") == "1:d4|");
}

BOOST_AUTO_TEST_CASE(crlf_lines_show_and_hash_without_the_cr)
{
    BOOST_TEST(format_hashline("a\r\nb\r\n") == "1:0c|a\n2:92|b");
}

BOOST_AUTO_TEST_CASE(empty_content_reads_as_empty_file)
{
    BOOST_TEST(format_hashline("") == "(empty file)");
}

BOOST_AUTO_TEST_CASE(offset_and_limit_slice_with_a_footer)
{
    BOOST_TEST(format_hashline("a\nb\nc\nd", {.offset = 1, .limit = 2}) ==
               "2:92|b\n3:4a|c\n\n... (1 more lines)");
    BOOST_TEST(format_hashline("a\nb\nc\nd", {.offset = 3}) == "4:82|d");
    auto f = failure_of([] { format_hashline("a\nb\nc\nd", {.offset = 4}); });
    BOOST_TEST(f.code == errc::invalid_argument);
    BOOST_TEST(f.message == "Offset 4 exceeds file length (4 lines)");
}

BOOST_AUTO_TEST_CASE(a_single_line_is_replaced)
{
    auto r = edit(abc, {.start_line = 2, .start_hash = "92", .new_content = "x"});
    BOOST_TEST(r.content == "a\nx\nc\n");
    BOOST_TEST(r.summary == "Replaced 1 line(s) at line 2");
}

BOOST_AUTO_TEST_CASE(a_range_is_replaced_by_more_lines)
{
    auto r = edit(
        abc,
        {.start_line = 1, .start_hash = "0c", .new_content = "x\ny\nz", .end_line = 2, .end_hash = "92"});
    BOOST_TEST(r.content == "x\ny\nz\nc\n");
    BOOST_TEST(r.summary == "Replaced 2 line(s) with 3 line(s) at line 1");
}

BOOST_AUTO_TEST_CASE(end_line_without_end_hash_is_accepted)
{
    auto r = edit(abc, {.start_line = 2, .start_hash = "92", .new_content = "z", .end_line = 3});
    BOOST_TEST(r.content == "a\nz\n");
    BOOST_TEST(r.summary == "Replaced 2 line(s) with 1 line(s) at line 2");
}

BOOST_AUTO_TEST_CASE(lines_are_inserted_after_a_line)
{
    auto r = edit(abc, {.start_line = 3, .start_hash = "4a", .new_content = "d\ne", .insert_after = true});
    BOOST_TEST(r.content == "a\nb\nc\nd\ne\n");
    BOOST_TEST(r.summary == "Inserted 2 line(s) after line 3");
    auto first = edit(abc, {.start_line = 1, .start_hash = "0c", .new_content = "x", .insert_after = true});
    BOOST_TEST(first.content == "a\nx\nb\nc\n");
}

BOOST_AUTO_TEST_CASE(inserting_after_a_last_line_without_newline_keeps_no_final_newline)
{
    auto r = edit("a\nb", {.start_line = 2, .start_hash = "92", .new_content = "c", .insert_after = true});
    BOOST_TEST(r.content == "a\nb\nc");
}

BOOST_AUTO_TEST_CASE(empty_new_content_deletes)
{
    auto one = edit(abc, {.start_line = 2, .start_hash = "92", .new_content = ""});
    BOOST_TEST(one.content == "a\nc\n");
    BOOST_TEST(one.summary == "Deleted 1 line(s) at line 2");
    auto two = edit(abc, {.start_line = 1, .start_hash = "0c", .new_content = "", .end_line = 2});
    BOOST_TEST(two.content == "c\n");
    BOOST_TEST(two.summary == "Deleted 2 line(s) at line 1");
    auto last = edit("a\nb", {.start_line = 2, .start_hash = "92", .new_content = ""});
    BOOST_TEST(last.content == "a");
}

BOOST_AUTO_TEST_CASE(a_trailing_newline_in_new_content_adds_an_empty_line)
{
    auto r = edit(abc, {.start_line = 2, .start_hash = "92", .new_content = "x\n"});
    BOOST_TEST(r.content == "a\nx\n\nc\n");
    BOOST_TEST(r.summary == "Replaced 1 line(s) with 2 line(s) at line 2");
}

BOOST_AUTO_TEST_CASE(empty_content_is_one_empty_line_to_edit)
{
    auto r = edit("", {.start_line = 1, .start_hash = "d4", .new_content = "hello"});
    BOOST_TEST(r.content == "hello");
}

BOOST_AUTO_TEST_CASE(a_crlf_text_keeps_crlf_and_new_lines_get_it)
{
    const std::string crlf = "a\r\nb\r\nc\r\n";
    auto replaced = edit(crlf, {.start_line = 2, .start_hash = "92", .new_content = "x\ny"});
    BOOST_TEST(replaced.content == "a\r\nx\r\ny\r\nc\r\n");
    auto not_doubled = edit(crlf, {.start_line = 2, .start_hash = "92", .new_content = "x\r\ny"});
    BOOST_TEST(not_doubled.content == "a\r\nx\r\ny\r\nc\r\n");
    auto appended =
        edit("a\r\nb", {.start_line = 2, .start_hash = "92", .new_content = "c", .insert_after = true});
    BOOST_TEST(appended.content == "a\r\nb\r\nc");
}

BOOST_AUTO_TEST_CASE(start_line_out_of_range_is_refused_first)
{
    BOOST_TEST(edit_error(abc, {.start_line = 0, .start_hash = "0c"}) ==
               "Line 0 out of range (file has 3 lines)");
    BOOST_TEST(edit_error(abc, {.start_line = 4, .start_hash = "zz", .end_line = 1, .insert_after = true}) ==
               "Line 4 out of range (file has 3 lines)");
}

BOOST_AUTO_TEST_CASE(end_line_or_end_hash_with_insert_after_is_refused_before_the_hash_check)
{
    const auto expected = "end_line/end_hash cannot be combined with insert_after";
    BOOST_TEST(edit_error(abc, {.start_line = 1, .start_hash = "zz", .end_line = 2, .insert_after = true}) ==
               expected);
    BOOST_TEST(
        edit_error(abc, {.start_line = 1, .start_hash = "0c", .end_hash = "92", .insert_after = true}) ==
        expected);
}

BOOST_AUTO_TEST_CASE(a_start_hash_mismatch_asks_for_a_re_read)
{
    BOOST_TEST(edit_error(abc, {.start_line = 2, .start_hash = "zz", .end_line = 1}) ==
               "Hash mismatch at line 2: expected 'zz', got '92'. File may have changed \xE2\x80\x94 re-read "
               "it first.");
}

BOOST_AUTO_TEST_CASE(a_bad_end_line_is_refused)
{
    BOOST_TEST(edit_error(abc, {.start_line = 2, .start_hash = "92", .end_line = 1}) ==
               "end_line (1) must be >= start_line (2)");
    BOOST_TEST(edit_error(abc, {.start_line = 2, .start_hash = "92", .end_line = 5}) ==
               "End line 5 out of range (file has 3 lines)");
    BOOST_TEST(edit_error(abc, {.start_line = 2, .start_hash = "92", .end_line = 3, .end_hash = "00"}) ==
               "Hash mismatch at line 3: expected '00', got '4a'. File may have changed \xE2\x80\x94 re-read "
               "it first.");
}

BOOST_AUTO_TEST_CASE(read_hashline_renders_a_backends_file)
{
    map_backend b;
    b.files["/f.py"] = "def f():\r\n    return 1\r\n";
    BOOST_TEST(run_task(read_hashline(b, "/f.py")) == "1:00|def f():\n2:dc|    return 1");
    BOOST_TEST(run_task(read_hashline(b, "/f.py", {.offset = 1})) == "2:dc|    return 1");
}

BOOST_AUTO_TEST_CASE(read_hashline_of_an_existing_empty_file_is_empty_file)
{
    map_backend b;
    b.files["/empty.txt"] = "";
    BOOST_TEST(run_task(read_hashline(b, "/empty.txt")) == "(empty file)");
}

BOOST_AUTO_TEST_CASE(read_hashline_refuses_binary_and_passes_not_found_through)
{
    map_backend b;
    b.files["/a.bin"] = std::string("\x89PNG\0\0", 6);
    auto binary = failure_of([&] { run_task(read_hashline(b, "/a.bin")); });
    BOOST_TEST(binary.code == errc::is_binary);
    BOOST_TEST(binary.message == "'/a.bin' is a binary file (6 bytes)");
    auto missing = failure_of([&] { run_task(read_hashline(b, "/nope.txt")); });
    BOOST_TEST(missing.code == errc::not_found);
    BOOST_TEST(missing.message == "File '/nope.txt' not found");
}

BOOST_AUTO_TEST_CASE(read_hashline_shows_invalid_utf8_with_replacement_characters)
{
    map_backend b;
    b.files["/latin1.txt"] = "caf\xE9";
    BOOST_TEST(run_task(read_hashline(b, "/latin1.txt")) ==
               "1:" + line_hash("caf\xEF\xBF\xBD") + "|caf\xEF\xBF\xBD");
}

BOOST_AUTO_TEST_CASE(hashline_edit_writes_back_and_reports_the_written_path)
{
    map_backend b;
    b.files["/f.txt"] = abc;
    auto r = run_task(hashline_edit(b, "/f.txt", {.start_line = 2, .start_hash = "92", .new_content = "B"}));
    BOOST_TEST(r.path == "/ws/f.txt");
    BOOST_TEST(r.summary == "Replaced 1 line(s) at line 2");
    BOOST_TEST(b.files["/f.txt"] == "a\nB\nc\n");
}

BOOST_AUTO_TEST_CASE(hashline_edit_refuses_binary_and_invalid_utf8_without_writing)
{
    map_backend b;
    b.files["/a.bin"] = std::string("\0\1\2", 3);
    b.files["/latin1.txt"] = "caf\xE9\n";
    auto binary =
        failure_of([&] { run_task(hashline_edit(b, "/a.bin", {.start_line = 1, .start_hash = "00"})); });
    BOOST_TEST(binary.code == errc::is_binary);
    BOOST_TEST(binary.message == "'/a.bin' is a binary file and cannot be edited");
    auto latin1 = failure_of([&] {
        run_task(hashline_edit(b, "/latin1.txt", {.start_line = 1, .start_hash = line_hash("caf\xE9")}));
    });
    BOOST_TEST(latin1.code == errc::invalid_argument);
    BOOST_TEST(latin1.message == "'/latin1.txt' is not valid UTF-8 text and cannot be edited");
    BOOST_TEST(b.writes == 0);
}

BOOST_AUTO_TEST_CASE(hashline_edit_does_not_write_when_validation_fails)
{
    map_backend b;
    b.files["/f.txt"] = abc;
    auto f = failure_of([&] { run_task(hashline_edit(b, "/f.txt", {.start_line = 2, .start_hash = "ff"})); });
    BOOST_TEST(f.message.starts_with("Hash mismatch at line 2"));
    BOOST_TEST(b.writes == 0);
    BOOST_TEST(b.files["/f.txt"] == abc);
}

BOOST_AUTO_TEST_CASE(the_path_may_be_a_temporary_when_the_task_runs_later)
{
    map_backend b;
    b.files["/f.txt"] = abc;
    auto pending =
        hashline_edit(b, std::string("/f.txt"), {.start_line = 1, .start_hash = "0c", .new_content = "A"});
    auto reading = read_hashline(b, std::string("/f.txt"));
    BOOST_TEST(run_task(std::move(pending)).path == "/ws/f.txt");
    BOOST_TEST(run_task(std::move(reading)) == "1:" + line_hash("A") + "|A\n2:92|b\n3:4a|c");
}

BOOST_AUTO_TEST_SUITE_END()
