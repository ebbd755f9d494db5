// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_DETAIL_ATOMIC_FILE_WRITE_HPP
#define AGENT_BACKENDS_DETAIL_ATOMIC_FILE_WRITE_HPP

#include <optional>
#include <string_view>

#include <sys/types.h>

namespace agent_backends::detail {

/// Replaces (or creates) the entry `name` of the open directory `dir_fd` with `content`, atomically:
/// readers see the old file or the new one, never a mix, and a failure leaves the old file whole.
///
/// The bytes go to a temporary file in the same directory (`O_CREAT | O_EXCL`, a name starting with `.`
/// and ending with `.tmp`), written whole, given `keep_mode` (else 0666 less the umask), `fsync`ed and
/// renamed over `name`. On any failure the temporary file is removed. `renameat` replaces the entry
/// itself: a symbolic link at `name` is replaced, never followed.
///
/// Returns 0 or the errno value of the step that failed.
int write_file_atomically(int dir_fd, std::string_view name, std::string_view content,
                          std::optional<mode_t> keep_mode);

/// The steps of \ref write_file_atomically a fault can be injected at.
enum class write_stage
{
    opened,         ///< The temporary file was created.
    mid_write,      ///< Half of the content was written.
    before_fsync,   ///< All of it was written.
    before_rename,  ///< It was synced and closed.
};

/// Consulted at each \ref write_stage: a non-zero errno value makes the write fail there.
using write_fault_hook = int (*)(write_stage) noexcept;

/// Installs a hook for every write of the process (nullptr removes it). Meant for tests.
void set_write_fault_hook(write_fault_hook hook) noexcept;

}  // namespace agent_backends::detail

#endif
