// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// Reading a slice of a huge file streams it: memory stays bounded whatever the file's size.
#include <agent_backends/error.hpp>
#include <agent_backends/local_backend.hpp>

#include "common/printers.hpp"
#include "common/temp_dir.hpp"
#include "local_test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

using namespace agent_backends;
using agent_backends::test::failure_of;
using agent_backends::test::temp_dir;

namespace {

constexpr std::size_t line_bytes = 16;  // 15 digits and a newline

/// Writes `lines` lines `000000000000001` ... (the line number, zero-padded) to `path`.
void write_numbered_lines(const std::string& path, std::uint64_t lines)
{
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    BOOST_REQUIRE(fd >= 0);
    char number[line_bytes];
    std::memset(number, '0', line_bytes - 1);
    number[line_bytes - 1] = '\n';
    std::string buffer;
    buffer.reserve(1 << 20);
    for (std::uint64_t i = 0; i < lines; ++i)
    {
        for (int d = static_cast<int>(line_bytes) - 2; d >= 0; --d)  // number += 1
        {
            if (number[d] != '9')
            {
                ++number[d];
                break;
            }
            number[d] = '0';
        }
        buffer.append(number, line_bytes);
        if (buffer.size() + line_bytes > buffer.capacity() || i + 1 == lines)
        {
            BOOST_REQUIRE(::write(fd, buffer.data(), buffer.size()) == static_cast<ssize_t>(buffer.size()));
            buffer.clear();
        }
    }
    ::close(fd);
}

long status_kb(const char* field)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string key = std::string(field) + ":";
    while (std::getline(in, line))
        if (line.starts_with(key))
            return std::stol(line.substr(key.size()));
    return -1;
}

/// Resets the peak resident set size to the current one (Linux 4.0+); false when not allowed.
bool reset_peak_rss()
{
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    out.flush();
    return out.good();
}

std::uint64_t free_bytes(const std::string& dir)
{
    struct statvfs vfs = {};
    if (::statvfs(dir.c_str(), &vfs) != 0)
        return 0;
    return static_cast<std::uint64_t>(vfs.f_bavail) * vfs.f_frsize;
}

std::string numbered(std::uint64_t n)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%6llu\t%015llu", static_cast<unsigned long long>(n),
                  static_cast<unsigned long long>(n));
    return buf;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(local_directory_large_files)

BOOST_AUTO_TEST_CASE(reading_line_one_million_of_a_2_gb_file_keeps_memory_bounded)
{
    temp_dir ws;
    std::uint64_t target_bytes = 2ull << 30;
    if (free_bytes(ws.str()) < target_bytes * 3)
    {
        target_bytes = 256ull << 20;
        BOOST_TEST_MESSAGE("less than 6 GB free under " << ws.str()
                                                        << ": using a 256 MB file instead of 2 GB");
    }
    const std::uint64_t lines = target_bytes / line_bytes;
    auto start = std::chrono::steady_clock::now();
    write_numbered_lines(ws.str() + "/huge.log", lines);
    auto written = std::chrono::steady_clock::now();

    local_directory dir({.root = ws.str()});
    const long rss_before_kb = status_kb("VmRSS");
    const bool peak_reset = reset_peak_rss();
    const long hwm_before_kb = status_kb("VmHWM");
    auto text = dir.read("/huge.log", {.offset = 999'999, .limit = 3});
    auto read_done = std::chrono::steady_clock::now();
    const long hwm_after_kb = status_kb("VmHWM");

    BOOST_TEST(text == numbered(1'000'000) + "\n" + numbered(1'000'001) + "\n" + numbered(1'000'002) +
                           "\n\n... (" + std::to_string(lines - 1'000'002) + " more lines)");
    const long growth_kb = hwm_after_kb - (peak_reset ? rss_before_kb : hwm_before_kb);
    BOOST_TEST_MESSAGE("file " << (target_bytes >> 20) << " MB, " << lines << " lines; generated in "
                               << std::chrono::duration<double>(written - start).count() << " s; read in "
                               << std::chrono::duration<double>(read_done - written).count()
                               << " s; peak RSS growth " << growth_kb << " kB"
                               << (peak_reset ? "" : " (peak not resettable: HWM delta)"));
    BOOST_TEST(growth_kb < 64 * 1024);
}

BOOST_AUTO_TEST_CASE(a_huge_binary_file_is_refused_from_its_first_bytes)
{
    temp_dir ws;
    const auto path = ws.str() + "/disk.img";
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    BOOST_REQUIRE(fd >= 0);
    BOOST_REQUIRE(::write(fd, "MBR\0", 4) == 4);
    BOOST_REQUIRE(::ftruncate(fd, 8ll << 30) == 0);  // sparse: 8 GB that cost nothing
    ::close(fd);
    local_directory dir({.root = ws.str()});
    auto start = std::chrono::steady_clock::now();
    auto f = failure_of([&] { dir.read("/disk.img"); });
    auto elapsed = std::chrono::steady_clock::now() - start;
    BOOST_TEST(f.code == errc::is_binary);
    BOOST_TEST(f.message == "'/disk.img' is a binary file (8589934592 bytes)");
    BOOST_TEST(elapsed < std::chrono::seconds(1));
    BOOST_TEST(failure_of([&] { dir.read_bytes("/disk.img"); }).code == errc::too_large);
}

BOOST_AUTO_TEST_SUITE_END()
