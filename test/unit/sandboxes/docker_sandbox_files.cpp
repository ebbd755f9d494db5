// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/docker_sandbox.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "docker_sandbox_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace agent_backends;
namespace utf = boost::unit_test;

namespace {

struct files_tag
{};
using fixture = test::shared_sandbox<files_tag>;

std::string all_bytes()
{
    std::string out;
    for (int i = 0; i < 256; ++i)
        out += static_cast<char>(i);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(docker_sandbox_files, *utf::fixture<fixture>())

BOOST_AUTO_TEST_CASE(write_then_read_renders_numbered_lines)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto& box = f->box();
    auto written = f->run(box.write("notes.txt", "alpha\nbeta\n"));
    BOOST_TEST(written.path == "/workspace/notes.txt");
    BOOST_TEST(f->run(box.read("notes.txt")) == "     1\talpha\n     2\tbeta");
    BOOST_TEST(f->run(box.read("notes.txt", {.offset = 1, .limit = 1})) == "     2\tbeta");
    BOOST_TEST(f->run(box.execute("cat /workspace/notes.txt")).output == "alpha\nbeta\n");
}

BOOST_AUTO_TEST_CASE(relative_and_absolute_paths_name_the_same_file)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto& box = f->box();
    f->run(box.write("/workspace/same/file.txt", "one"));
    BOOST_TEST(f->run(box.read_bytes("same/file.txt")) == "one");
    BOOST_TEST(f->run(box.read_bytes("./same/../same/file.txt")) == "one");
    f->run(box.write("/tmp/outside.txt", "tmp"));
    BOOST_TEST(f->run(box.read_bytes("../tmp/outside.txt")) == "tmp");
}

BOOST_AUTO_TEST_CASE(write_creates_missing_directories)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto& box = f->box();
    auto written = f->run(box.write("deep/er/still/file.txt", "x"));
    BOOST_TEST(written.path == "/workspace/deep/er/still/file.txt");
    BOOST_TEST(f->run(box.exists("deep/er/still/file.txt")));
    BOOST_TEST(f->run(box.execute("test -d /workspace/deep/er/still && echo dir")).output == "dir\n");
}

BOOST_AUTO_TEST_CASE(read_bytes_returns_every_byte_value_unchanged)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto& box = f->box();
    f->run(box.write("bytes.bin", all_bytes()));
    BOOST_TEST(f->run(box.read_bytes("bytes.bin")) == all_bytes());
    BOOST_TEST(f->run(box.execute("wc -c < bytes.bin")).output.find("256") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(read_refuses_binary_files_and_shows_empty_ones)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto& box = f->box();
    f->run(box.write("binary.bin", std::string("ab\0cd", 5)));
    auto failure = test::failure_of([&] { f->run(box.read("binary.bin")); });
    BOOST_TEST(failure.code == errc::is_binary);
    BOOST_TEST(failure.message == "'binary.bin' is a binary file (5 bytes)");
    f->run(box.write("empty.txt", ""));
    BOOST_TEST(f->run(box.read("empty.txt")) == "(empty file)");
}

BOOST_AUTO_TEST_CASE(missing_files_and_directories_fail_as_locally)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto& box = f->box();
    auto missing = test::failure_of([&] { f->run(box.read("nope.txt")); });
    BOOST_TEST(missing.code == errc::not_found);
    BOOST_TEST(missing.message == "File 'nope.txt' not found");
    BOOST_TEST(test::error_of([&] { f->run(box.read_bytes("/nowhere/x")); }) == errc::not_found);
    auto dir = test::failure_of([&] { f->run(box.read("/workspace")); });
    BOOST_TEST(dir.code == errc::is_directory);
    BOOST_TEST(dir.message == "'/workspace' is a directory");
    BOOST_TEST(test::error_of([&] { f->run(box.write("/workspace", "x")); }) == errc::is_directory);
}

BOOST_AUTO_TEST_CASE(reading_past_the_limit_is_too_large_with_a_hint)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto& box = f->box();
    f->run(box.execute("head -c 8388609 /dev/zero > big.bin"));
    auto failure = test::failure_of([&] { f->run(box.read_bytes("big.bin")); });
    BOOST_TEST(failure.code == errc::too_large);
    BOOST_TEST(
        failure.message ==
        "File is 8388609 bytes, over the 8388608-byte read limit. Read a slice with execute() instead, "
        "e.g. \"sed -n '1,200p' /workspace/big.bin\".");
    f->run(box.execute("rm big.bin"));
}

BOOST_AUTO_TEST_CASE(exists_is_true_only_for_regular_files)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto& box = f->box();
    f->run(box.write("present.txt", "x"));
    f->run(box.execute("ln -sf /workspace/present.txt link.txt; ln -sf /nowhere dangling"));
    BOOST_TEST(f->run(box.exists("present.txt")));
    BOOST_TEST(f->run(box.exists("link.txt")));
    BOOST_TEST(!f->run(box.exists("dangling")));
    BOOST_TEST(!f->run(box.exists("/workspace")));
    BOOST_TEST(!f->run(box.exists("absent.txt")));
    BOOST_TEST(!f->run(box.exists("/dev/null")));
}

BOOST_AUTO_TEST_CASE(links_are_read_and_written_through)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto& box = f->box();
    f->run(box.write("target.txt", "before"));
    f->run(box.execute("ln -sf target.txt via.txt"));
    BOOST_TEST(f->run(box.read_bytes("via.txt")) == "before");
    f->run(box.write("via.txt", "after"));
    BOOST_TEST(f->run(box.read_bytes("target.txt")) == "after");
    BOOST_TEST(f->run(box.execute("test -L via.txt && echo link")).output == "link\n");
}

BOOST_AUTO_TEST_CASE(overwriting_keeps_the_file_mode)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto& box = f->box();
    f->run(box.write("run.sh", "#!/bin/sh\necho one\n"));
    f->run(box.execute("chmod 750 run.sh"));
    f->run(box.write("run.sh", "#!/bin/sh\necho two\n"));
    BOOST_TEST(f->run(box.execute("stat -c %a run.sh; ./run.sh")).output == "750\ntwo\n");
    f->run(box.write("new.txt", "x"));
    BOOST_TEST(f->run(box.execute("stat -c %a new.txt")).output == "644\n");
}

BOOST_AUTO_TEST_CASE(edit_replaces_a_unique_string_and_keeps_line_endings)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto& box = f->box();
    f->run(box.write("edit.txt", "one\r\ntwo\r\nthree\r\n"));
    auto r = f->run(box.edit("edit.txt", {.old_string = "two\nthree", .new_string = "2\n3"}));
    BOOST_TEST(r.path == "/workspace/edit.txt");
    BOOST_TEST(r.occurrences == 1u);
    BOOST_TEST(f->run(box.read_bytes("edit.txt")) == "one\r\n2\r\n3\r\n");
}

BOOST_AUTO_TEST_CASE(edit_refuses_repeated_and_absent_strings_and_missing_files)
{
    auto* f = fixture::get();
    if (!f)
        return;
    auto& box = f->box();
    f->run(box.write("rep.txt", "x = 1\nx = 1\n"));
    auto repeated =
        test::failure_of([&] { f->run(box.edit("rep.txt", {.old_string = "x = 1", .new_string = "y"})); });
    BOOST_TEST(repeated.code == errc::not_unique);
    BOOST_TEST(repeated.message ==
               "String 'x = 1' found 2 times. Use replace_all=True to replace all, or provide more context.");
    auto absent =
        test::failure_of([&] { f->run(box.edit("rep.txt", {.old_string = "zzz", .new_string = "y"})); });
    BOOST_TEST(absent.code == errc::no_match);
    BOOST_TEST(absent.message == "String 'zzz' not found in file");
    auto missing =
        test::failure_of([&] { f->run(box.edit("none.txt", {.old_string = "a", .new_string = "b"})); });
    BOOST_TEST(missing.code == errc::not_found);
    BOOST_TEST(missing.message == "File 'none.txt' not found");
    auto all = f->run(box.edit("rep.txt", {.old_string = "x = 1", .new_string = "y", .replace_all = true}));
    BOOST_TEST(all.occurrences == 2u);
    BOOST_TEST(f->run(box.read_bytes("rep.txt")) == "y\ny\n");
}

BOOST_AUTO_TEST_CASE(paths_with_nul_bytes_are_invalid)
{
    auto* f = fixture::get();
    if (!f)
        return;
    BOOST_TEST(test::error_of([&] { f->run(f->box().read(std::string("a\0b", 3))); }) ==
               errc::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
