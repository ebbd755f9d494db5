// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_BACKENDS_LOCAL_FILE_IO_HPP
#define AGENT_BACKENDS_SRC_BACKENDS_LOCAL_FILE_IO_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// What was being done when the operating system refused, for the wording of the error.
struct local_io_failure
{
    enum operation
    {
        read,
        write,
        list,
        search,
    };
};

/// Throws the `error` for an errno value met on the path the caller gave (`given`); no host path ever
/// appears in the message. EXDEV means the path leads outside the root.
[[noreturn]] void throw_io_failure(int err, std::string_view given, local_io_failure::operation op);

/// One `read` (retried on EINTR): `got` is 0 at the end of the file. Returns 0 or an errno value.
int read_some(int fd, char* buf, std::size_t capacity, std::size_t& got) noexcept;

/// Reads until `capacity` bytes or the end of the file. Returns 0 or an errno value.
int read_up_to(int fd, char* buf, std::size_t capacity, std::size_t& got) noexcept;

/// Appends the rest of the file to `out`, stopping once it holds `max_bytes`; `expected_bytes` (the size
/// `fstat` gave) sizes the first read. Returns 0 or an errno value.
int read_to_end(int fd, std::string& out, std::uint64_t max_bytes, std::uint64_t expected_bytes);

/// `2026-03-01T12:00:00.123456+00:00` (what Python's `datetime.isoformat()` gives for UTC).
std::string iso8601_utc(std::int64_t seconds, std::int64_t nanoseconds);

}  // namespace agent_backends::detail

#endif
