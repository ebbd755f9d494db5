// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_HTTP_HTTP_BODY_SOURCE_HPP
#define AGENT_BACKENDS_HTTP_HTTP_BODY_SOURCE_HPP

#include <agent_backends/task.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>

namespace agent_backends {

/// \brief A request body produced piece by piece (a tar archive being built, a file being read).
///
/// \details The client calls `read` with a buffer of its own (64 KiB), sends what it filled, and calls again
/// until it returns 0, so an upload of any size holds one buffer in memory. With `size` set the request
/// carries `Content-Length: size` and the source must produce exactly that many bytes; without it the body
/// is sent with `Transfer-Encoding: chunked`.
struct http_body_source
{
    /// Fills up to `buffer.size()` bytes and returns how many; 0 means the body is complete.
    std::function<task<std::size_t>(std::span<char> buffer)> read{};

    /// The exact body length when known in advance.
    std::optional<std::uint64_t> size{};

    /// \brief True when a source is set.
    explicit operator bool() const noexcept { return static_cast<bool>(read); }
};

}  // namespace agent_backends

#endif
