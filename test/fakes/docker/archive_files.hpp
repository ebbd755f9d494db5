// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_DOCKER_ARCHIVE_FILES_HPP
#define AGENT_BACKENDS_TEST_FAKES_DOCKER_ARCHIVE_FILES_HPP

// The archive endpoints' work on a host directory: a tar of a path, a tar extracted into a directory, and
// the path stat the engine sends in `X-Docker-Container-Path-Stat`. Regular files and directories only.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace agent_backends::test::docker_fake {

/// The engine's `PathStat`: `mode` is a Go `os.FileMode` (permission bits | dir 1<<31 | symlink 1<<27).
struct path_stat
{
    std::string name;
    std::uint64_t size{0};
    std::uint32_t mode{0};
    std::string mtime;  ///< RFC 3339.
    std::string link_target;
};

/// The stat of a host path (not following a final symlink), named `name`; nothing when it does not exist.
std::optional<path_stat> stat_path(const std::string& host_path, std::string_view name);

/// The header value: standard base64 of the stat's JSON.
std::string stat_header(const path_stat& stat);

/// A tar with one top-level entry `top_name` (a file, or `top_name/` and everything below it).
std::string archive_of(const std::string& host_path, std::string_view top_name);

/// Why an archive could not be extracted: the status and message the engine answers.
struct extract_failure
{
    unsigned status{400};
    std::string message;
};

/// Extracts an uncompressed tar below `host_dir`, which stands for container directory `container_dir`
/// (named in messages). With `no_overwrite_dir_non_dir`, a directory never replaces a file nor the reverse.
std::optional<extract_failure> extract_archive(std::string_view tar, const std::string& host_dir,
                                               std::string_view container_dir, bool no_overwrite_dir_non_dir);

}  // namespace agent_backends::test::docker_fake

#endif
