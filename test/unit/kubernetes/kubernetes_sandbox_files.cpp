// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/kubernetes_sandbox.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "kubernetes_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <random>
#include <string>

#include <sys/stat.h>

using namespace agent_backends;
using namespace std::chrono_literals;
namespace utf = boost::unit_test;
namespace fs = std::filesystem;

namespace {

struct files_tag
{};
using fixture = test::shared_pod<files_tag>;

std::string every_byte_value()
{
    std::string out;
    for (int round = 0; round < 3; ++round)
        for (int c = 0; c < 256; ++c)
            out += static_cast<char>(c);
    return out;
}

std::string random_bytes(std::size_t n)
{
    std::mt19937 generator(42);
    std::string out(n, '\0');
    for (auto& c : out)
        c = static_cast<char>(generator() & 0xff);
    return out;
}

/// Files in `dir` whose name starts with the prefix of temporary write files.
std::size_t leftover_temporaries(const fs::path& dir)
{
    std::size_t n = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        n += entry.path().filename().string().starts_with(".agent-backends-write");
    return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kubernetes_sandbox_files, *utf::fixture<fixture>())

BOOST_AUTO_TEST_CASE(every_byte_value_round_trips)
{
    auto& f = fixture::get();
    const auto bytes = every_byte_value();
    auto written = f.run(f.box().write("bin/all.bytes", bytes));
    BOOST_TEST(written.path == f.dir().str() + "/bin/all.bytes");
    BOOST_TEST((f.dir().read("bin/all.bytes") == bytes));
    BOOST_TEST((f.run(f.box().read_bytes("bin/all.bytes")) == bytes));
    BOOST_TEST(leftover_temporaries(f.dir().path()) == 0u);
}

BOOST_AUTO_TEST_CASE(a_one_megabyte_file_round_trips)
{
    auto& f = fixture::get();
    const auto bytes = random_bytes(1 << 20);
    f.run(f.box().write(f.dir().str() + "/big.bin", bytes));
    BOOST_TEST((f.dir().read("big.bin") == bytes));
    BOOST_TEST((f.run(f.box().read_bytes("big.bin")) == bytes));
}

BOOST_AUTO_TEST_CASE(write_creates_parents_replaces_content_and_keeps_the_mode)
{
    auto& f = fixture::get();
    f.run(f.box().write("deep/er/x.sh", "old content that is longer\n"));
    ::chmod((f.dir().path() / "deep/er/x.sh").c_str(), 0750);
    f.run(f.box().write("deep/er/x.sh", "new\n"));
    BOOST_TEST(f.dir().read("deep/er/x.sh") == "new\n");
    struct stat st
    {};
    ::stat((f.dir().path() / "deep/er/x.sh").c_str(), &st);
    BOOST_TEST((st.st_mode & 07777) == 0750u);
    f.run(f.box().write("empty.txt", ""));
    BOOST_TEST(fs::exists(f.dir().path() / "empty.txt"));
    BOOST_TEST(fs::file_size(f.dir().path() / "empty.txt") == 0u);
}

BOOST_AUTO_TEST_CASE(write_refuses_a_directory)
{
    auto& f = fixture::get();
    fs::create_directories(f.dir().path() / "a-dir");
    auto failure = test::failure_of([&] { f.run(f.box().write("a-dir", "x")); });
    BOOST_TEST(failure.code == errc::is_directory);
    BOOST_TEST(failure.message == "'a-dir' is a directory");
}

BOOST_AUTO_TEST_CASE(read_numbers_lines_and_reports_missing_files_and_directories)
{
    auto& f = fixture::get();
    f.dir().write("lines.txt", "one\ntwo\nthree\n");
    BOOST_TEST(f.run(f.box().read("lines.txt", {.offset = 1, .limit = 1})) ==
               "     2\ttwo\n\n... (1 more lines)");
    auto missing = test::failure_of([&] { f.run(f.box().read("nope.txt")); });
    BOOST_TEST(missing.code == errc::not_found);
    BOOST_TEST(missing.message == "File 'nope.txt' not found");
    fs::create_directories(f.dir().path() / "d");
    BOOST_TEST(test::error_of([&] { f.run(f.box().read_bytes("d")); }) == errc::is_directory);
    f.dir().write("zeros.bin", std::string("\0\0\0", 3));
    BOOST_TEST(test::error_of([&] { f.run(f.box().read("zeros.bin")); }) == errc::is_binary);
}

BOOST_AUTO_TEST_CASE(a_file_over_the_read_limit_is_refused_before_it_is_sent)
{
    auto& f = fixture::get();
    f.dir().write("over.txt", std::string(100, 'x'));
    auto opts = f.options();
    opts.max_read_bytes = 64;
    auto small = f.make_box(opts);
    auto failure = test::failure_of([&] { f.run(small->read_bytes("over.txt")); });
    BOOST_TEST(failure.code == errc::too_large);
    BOOST_TEST(failure.message ==
               "File is 100 bytes, over the 64-byte read limit. Read a slice with execute() "
               "instead, e.g. \"sed -n '1,200p' " +
                   f.dir().str() + "/over.txt\".");
    f.run(small->stop());
}

BOOST_AUTO_TEST_CASE(exists_is_true_only_for_regular_files)
{
    auto& f = fixture::get();
    f.dir().write("there.txt", "x");
    fs::create_directories(f.dir().path() / "dir-only");
    BOOST_TEST(f.run(f.box().exists("there.txt")));
    BOOST_TEST(!f.run(f.box().exists("dir-only")));
    BOOST_TEST(!f.run(f.box().exists("not-there.txt")));
}

BOOST_AUTO_TEST_CASE(edit_replaces_and_reports_the_shared_rule_errors)
{
    auto& f = fixture::get();
    f.dir().write("edit.txt", "alpha beta alpha\n");
    auto unique = test::failure_of([&] { f.run(f.box().edit("edit.txt", {"alpha", "gamma"})); });
    BOOST_TEST(unique.code == errc::not_unique);
    auto result = f.run(f.box().edit("edit.txt", {"alpha", "gamma", true}));
    BOOST_TEST(result.occurrences == 2u);
    BOOST_TEST(result.path == f.dir().str() + "/edit.txt");
    BOOST_TEST(f.dir().read("edit.txt") == "gamma beta gamma\n");
    BOOST_TEST(test::error_of([&] { f.run(f.box().edit("edit.txt", {"zeta", "x"})); }) == errc::no_match);
    BOOST_TEST(test::error_of([&] { f.run(f.box().edit("missing.txt", {"a", "b"})); }) == errc::not_found);
}

BOOST_AUTO_TEST_CASE(paths_with_spaces_quotes_and_newlines_work)
{
    auto& f = fixture::get();
    const std::string name = "odd 'name' $x\nline.txt";
    f.run(f.box().write(name, "content"));
    BOOST_TEST(f.dir().read(name) == "content");
    BOOST_TEST(f.run(f.box().read_bytes(name)) == "content");
    BOOST_TEST(test::error_of([&] { f.run(f.box().write(std::string("a\0b", 3), "x")); }) ==
               errc::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
