// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/tar_archive.hpp"

#include "common/printers.hpp"
#include "common/temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <string>
#include <vector>

using namespace agent_backends;
using detail::make_tar;
using detail::read_tar;
using detail::tar_entry;

namespace {

std::vector<tar_entry> read_ok(std::string_view archive)
{
    std::error_code ec;
    auto entries = read_tar(archive, ec);
    BOOST_TEST_REQUIRE(!ec, "read_tar failed: " << ec.message());
    return entries;
}

std::string binary_bytes()
{
    std::string s;
    for (int i = 0; i < 2000; ++i)
        s.push_back(static_cast<char>(i * 7 % 256));
    return s;
}

// Runs a shell command in `dir`; true when it exits 0.
bool shell(const test::temp_dir& dir, const std::string& command)
{
    return std::system(("cd '" + dir.str() + "' && " + command).c_str()) == 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tar_archive)

BOOST_AUTO_TEST_CASE(round_trip_keeps_names_contents_modes_and_directories)
{
    std::vector<tar_entry> in{
        {.name = "dir/", .mode = 0755, .is_dir = true, .mtime = 1700000000},
        {.name = "dir/a.txt", .content = "hello\n", .mode = 0600, .mtime = 1700000001},
        {.name = "bin.dat", .content = binary_bytes(), .mode = 0755},
        {.name = "empty", .content = ""},
        {.name = "exact512", .content = std::string(512, 'x')},
    };
    auto archive = make_tar(in);
    BOOST_TEST(archive.size() % 512 == 0);
    auto out = read_ok(archive);
    BOOST_TEST_REQUIRE(out.size() == in.size());
    for (std::size_t i = 0; i < in.size(); ++i)
    {
        BOOST_TEST(out[i].name == in[i].name);
        BOOST_TEST(out[i].content == in[i].content);
        BOOST_TEST(out[i].mode == in[i].mode);
        BOOST_TEST(out[i].is_dir == in[i].is_dir);
        BOOST_TEST(out[i].mtime == in[i].mtime);
    }
}

BOOST_AUTO_TEST_CASE(directory_names_gain_a_trailing_slash)
{
    auto out = read_ok(make_tar({{.name = "d", .is_dir = true}}));
    BOOST_TEST_REQUIRE(out.size() == 1u);
    BOOST_TEST(out[0].name == "d/");
    BOOST_TEST(out[0].is_dir);
}

BOOST_AUTO_TEST_CASE(long_names_round_trip_through_a_pax_record)
{
    std::string long_name = std::string(150, 'n') + "/" + std::string(120, 'f') + ".txt";
    auto out = read_ok(make_tar({{.name = long_name, .content = "long"}, {.name = "short", .content = "s"}}));
    BOOST_TEST_REQUIRE(out.size() == 2u);
    BOOST_TEST(out[0].name == long_name);
    BOOST_TEST(out[0].content == "long");
    BOOST_TEST(out[1].name == "short");
}

BOOST_AUTO_TEST_CASE(gnu_tar_reads_what_we_write_including_long_names)
{
    test::temp_dir dir;
    std::string long_name = std::string(130, 'a') + ".txt";
    dir.write("in.tar", make_tar({{.name = "sub/", .is_dir = true},
                                  {.name = "sub/" + long_name, .content = "deep\n"},
                                  {.name = "b.bin", .content = binary_bytes()}}));
    BOOST_TEST_REQUIRE(shell(dir, "mkdir out && tar -xf in.tar -C out"));
    BOOST_TEST(dir.read("out/sub/" + long_name) == "deep\n");
    BOOST_TEST(dir.read("out/b.bin") == binary_bytes());
}

BOOST_AUTO_TEST_CASE(gnu_longlink_names_from_gnu_tar_are_read)
{
    test::temp_dir dir;
    std::string long_name = std::string(140, 'g') + ".txt";
    dir.write("src/" + long_name, "gnu\n");
    BOOST_TEST_REQUIRE(shell(dir, "tar --format=gnu -cf gnu.tar -C src ."));
    BOOST_TEST_REQUIRE(dir.read("gnu.tar").find("././@LongLink") != std::string::npos);
    auto out = read_ok(dir.read("gnu.tar"));
    bool found = false;
    for (const auto& e : out)
        if (e.name == "./" + long_name)
        {
            found = true;
            BOOST_TEST(e.content == "gnu\n");
        }
    BOOST_TEST(found);
}

BOOST_AUTO_TEST_CASE(pax_archives_from_gnu_tar_are_read_and_global_headers_skipped)
{
    test::temp_dir dir;
    std::string long_name = std::string(200, 'p');
    dir.write("src/" + long_name, "pax\n");
    BOOST_TEST_REQUIRE(
        shell(dir, "tar --format=pax --pax-option=globexthdr.name=g,comment=x -cf pax.tar -C src ."));
    auto out = read_ok(dir.read("pax.tar"));
    bool found = false;
    for (const auto& e : out)
        if (e.name == "./" + long_name)
        {
            found = true;
            BOOST_TEST(e.content == "pax\n");
        }
    BOOST_TEST(found);
}

BOOST_AUTO_TEST_CASE(truncated_archive_is_an_error)
{
    auto archive = make_tar({{.name = "a", .content = std::string(3000, 'a')}});
    std::error_code ec;
    read_tar(archive.substr(0, 512 + 1024), ec);
    BOOST_TEST((ec == std::errc::illegal_byte_sequence));
    read_tar(archive.substr(0, 300), ec);
    BOOST_TEST((ec == std::errc::illegal_byte_sequence));
}

BOOST_AUTO_TEST_CASE(bad_checksum_is_an_error)
{
    auto archive = make_tar({{.name = "a", .content = "x"}});
    archive[0] = 'b';  // changes the name but not the stored checksum
    std::error_code ec;
    read_tar(archive, ec);
    BOOST_TEST((ec == std::errc::illegal_byte_sequence));
}

BOOST_AUTO_TEST_CASE(malformed_size_field_is_an_error)
{
    auto archive = make_tar({{.name = "a", .content = "x"}});
    archive[124] = 'z';
    // Recompute the checksum so only the size field is wrong.
    std::fill(archive.begin() + 148, archive.begin() + 156, ' ');
    unsigned sum = 0;
    for (int i = 0; i < 512; ++i)
        sum += static_cast<unsigned char>(archive[i]);
    char digits[8];
    std::snprintf(digits, sizeof digits, "%06o", sum);
    std::copy(digits, digits + 7, archive.begin() + 148);
    std::error_code ec;
    read_tar(archive, ec);
    BOOST_TEST((ec == std::errc::illegal_byte_sequence));
}

BOOST_AUTO_TEST_CASE(empty_input_and_lone_end_blocks_read_as_no_entries)
{
    BOOST_TEST(read_ok("").empty());
    BOOST_TEST(read_ok(make_tar({})).empty());
}

BOOST_AUTO_TEST_SUITE_END()
