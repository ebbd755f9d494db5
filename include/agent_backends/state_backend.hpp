// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_STATE_BACKEND_HPP
#define AGENT_BACKENDS_STATE_BACKEND_HPP

#include <agent_backends/backend.hpp>

#include <map>
#include <memory>
#include <string>

namespace agent_backends {

/// \brief A \ref backend that keeps files in memory (directories are implicit).
///
/// \details Useful for scratch space, memories, and tests. Content is stored byte for byte (binary
/// allowed). A directory exists while a file lies below it; writing over a directory or below a file is
/// refused. Operations complete without suspending.
///
/// - `read` and `read_bytes` of a directory throw `is_directory`; a binary file (a NUL in its first 8 KB)
///   reads as `is_binary` "'{path}' is a binary file ({n} bytes)" and cannot be edited.
/// - `ls` entries of files carry `size` and `modified_at` (ISO-8601 UTC, as Python's `isoformat()`).
/// - `glob` matches `pattern` against paths relative to `path`. Hidden entries (a component starting with
///   `.`) are skipped, as `fd` does, unless the pattern itself names one (`.env`, `**/.github/*`).
/// - `grep` with `ignore_hidden` skips files with a hidden component below the searched path (there is no
///   `.gitignore` in memory); a path naming a stored file searches that file even if hidden; binary files are
///   skipped; a path that is neither a file nor a directory throws `not_found` "Path '{path}' not found".
///
/// \par Cancellation
/// Operations never suspend, so there is nothing to cancel: each one completes or throws.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: safe (a reader/writer lock guards the files; an edit is atomic).
class state_backend final : public backend
{
public:
    /// \brief An empty store.
    state_backend();

    /// \brief A store holding `files` (virtual path -> content; paths are normalised).
    explicit state_backend(const std::map<std::string, std::string>& files);

    ~state_backend() override;

    /// \brief A copy of every file: normalised path -> content.
    std::map<std::string, std::string> snapshot() const;

    task<bool> exists(std::string_view path) override;
    task<std::vector<file_info>> ls(std::string_view path) override;
    task<std::string> read(std::string_view path, read_options opts = {}) override;
    task<std::string> read_bytes(std::string_view path) override;
    task<write_result> write(std::string_view path, std::string_view content) override;
    task<edit_result> edit(std::string_view path, edit_request req) override;
    task<std::vector<file_info>> glob(std::string_view pattern, std::string_view path = "/") override;
    task<std::vector<grep_match>> grep(grep_request req) override;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace agent_backends

#endif
