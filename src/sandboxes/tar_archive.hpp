// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_TAR_ARCHIVE_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_TAR_ARCHIVE_HPP

// Uncompressed tar archives as the container archive and build endpoints take and give them: POSIX ustar
// headers, a PAX `path` record for names longer than ustar holds; reading also accepts GNU long names
// (`././@LongLink`) and skips PAX global headers.

#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace agent_backends::detail {

struct tar_entry
{
    std::string name;            ///< Relative path inside the archive (`a.txt`, `dir/b.txt`, `dir/`).
    std::string content{};       ///< File bytes; empty for directories.
    std::uint32_t mode{0644};    ///< Permission bits.
    bool is_dir{false};
    std::int64_t mtime{0};       ///< Seconds since the epoch.
};

/// An archive of `entries` in order, ending with the two zero blocks.
std::string make_tar(const std::vector<tar_entry>& entries);

/// Every member of an archive (regular files and directories; links and others come back with
/// `is_dir == false` and empty content). Fails with `errc::protocol_error`-worthy error codes
/// (std::errc::illegal_byte_sequence) on a bad checksum, a truncated member or a malformed size field.
std::vector<tar_entry> read_tar(std::string_view archive, std::error_code& ec);

}  // namespace agent_backends::detail

#endif
