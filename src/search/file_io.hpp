// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SEARCH_FILE_IO_HPP
#define AGENT_BACKENDS_SRC_SEARCH_FILE_IO_HPP

#include <cerrno>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

#include "core/unique_fd.hpp"

namespace agent_backends::detail {

/// `read` that retries when a signal interrupts it.
inline ssize_t read_some(int fd, char* buf, std::size_t n) noexcept
{
    ssize_t got;
    do
        got = ::read(fd, buf, n);
    while (got < 0 && errno == EINTR);
    return got;
}

/// The whole content of `path` (relative to `dir_fd`, or absolute), read only if it is a regular file
/// no larger than `limit`; symbolic links are not followed unless `follow` is set.
inline std::optional<std::string> read_small_file(int dir_fd, const char* path, bool follow = false,
                                                  std::size_t limit = 16u << 20)
{
    unique_fd fd(
        ::openat(dir_fd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (follow ? 0 : O_NOFOLLOW)));
    if (!fd)
        return std::nullopt;
    std::string out;
    char buf[16384];
    for (;;)
    {
        const auto got = read_some(fd.get(), buf, sizeof buf);
        if (got < 0)
            return std::nullopt;  // a directory, a FIFO with no writer, an I/O error
        if (got == 0)
            return out;
        if (out.size() + static_cast<std::size_t>(got) > limit)
            return std::nullopt;
        out.append(buf, static_cast<std::size_t>(got));
    }
}

}  // namespace agent_backends::detail

#endif
