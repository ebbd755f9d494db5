// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_REMOTE_PATHS_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_REMOTE_PATHS_HPP

// Paths inside a remote sandbox (a container, a pod, a Daytona sandbox): one resolution rule for every
// operation, where glob and grep start, and the answer to a file too large to read.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// A remote path: absolute ones as given, relative ones under `work_dir`; `.` and `..` resolved
/// lexically. Throws `invalid_argument` for a NUL byte.
std::string resolve_remote_path(std::string_view given, std::string_view work_dir);

/// Where glob and grep start: the work dir for the root spellings (`""`, `/`, `.`: searching the whole
/// file system, /proc and /sys included, is never what is meant), else the resolved path.
std::string remote_search_root(std::string_view given, std::string_view work_dir);

/// A glob pattern is relative to the searched directory whatever its spelling: `/x`, `./x` and `x`.
std::string_view relative_pattern(std::string_view pattern) noexcept;

/// `path` relative to `root`, or empty when it is not below it.
std::string_view path_below(std::string_view path, std::string_view root) noexcept;

/// The `too_large` message for reading a `size`-byte file at `path` over `limit`: it names a command
/// that reads a slice instead.
std::string too_large_message(std::uint64_t size, std::size_t limit, std::string_view path);

}  // namespace agent_backends::detail

#endif
