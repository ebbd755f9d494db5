// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "backends/local_file_io.hpp"

#include <agent_backends/error.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <ctime>
#include <system_error>

#include <time.h>
#include <unistd.h>

namespace agent_backends::detail {

void throw_io_failure(int err, std::string_view given, local_io_failure::operation op)
{
    const std::string quoted = "'" + std::string(given) + "'";
    switch (err)
    {
        case EXDEV:
            throw error(errc::escapes_root, "Access denied: " + quoted + " is outside the workspace root");
        case ENOTDIR:
            if (op == local_io_failure::write)
                throw error(errc::invalid_argument,
                            "Cannot write " + quoted + ": a directory on its path is a file");
            [[fallthrough]];
        case ENOENT:
            if (op == local_io_failure::write)
                break;  // a directory on the way vanished meanwhile
            throw error(errc::not_found,
                        (op == local_io_failure::read ? "File " : "Path ") + quoted + " not found");
        case EISDIR:
            throw error(errc::is_directory, quoted + " is a directory");
        case EACCES:
        case EPERM:
            throw error(errc::permission_denied, "Permission denied for " + quoted);
        case EROFS:
            throw error(errc::permission_denied,
                        "Permission denied for " + quoted + ": read-only file system");
        case ELOOP:
            throw error(errc::invalid_argument, "Too many levels of symbolic links in " + quoted);
        case ENAMETOOLONG:
            throw error(errc::invalid_argument, "File name too long: " + quoted);
        case ENOSPC:
        case EDQUOT:
            throw error(errc::unavailable, "No space left on the device to write " + quoted);
        default:
            break;
    }
    static constexpr const char* verbs[] = {"read", "write", "list", "search"};
    throw error(errc::unavailable, std::string("Cannot ") + verbs[op] + " " + quoted + ": " +
                                       std::system_category().message(err));
}

int read_some(int fd, char* buf, std::size_t capacity, std::size_t& got) noexcept
{
    for (;;)
    {
        auto n = ::read(fd, buf, capacity);
        if (n >= 0)
        {
            got = static_cast<std::size_t>(n);
            return 0;
        }
        if (errno != EINTR)
            return errno;
    }
}

int read_up_to(int fd, char* buf, std::size_t capacity, std::size_t& got) noexcept
{
    got = 0;
    while (got < capacity)
    {
        std::size_t n = 0;
        if (int err = read_some(fd, buf + got, capacity - got, n))
            return err;
        if (n == 0)
            break;
        got += n;
    }
    return 0;
}

int read_to_end(int fd, std::string& out, std::uint64_t max_bytes, std::uint64_t expected_bytes)
{
    constexpr std::size_t chunk = 64 * 1024;
    // The expected size and one byte more first (to see the end without a second read), then chunks.
    std::uint64_t next = expected_bytes + 1;
    while (out.size() < max_bytes)
    {
        const auto start = out.size();
        const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(next, max_bytes - start));
        next = chunk;
        out.resize(start + want);
        std::size_t n = 0;
        int err = read_some(fd, out.data() + start, want, n);
        out.resize(start + n);
        if (err != 0)
            return err;
        if (n == 0)
            break;
    }
    return 0;
}

std::string iso8601_utc(std::int64_t seconds, std::int64_t nanoseconds)
{
    if (nanoseconds < 0)
    {
        seconds -= 1;
        nanoseconds += 1'000'000'000;
    }
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lld+00:00", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<long long>(nanoseconds / 1000));
    return buf;
}

}  // namespace agent_backends::detail
