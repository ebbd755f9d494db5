// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_LOCAL_BACKEND_HPP
#define AGENT_BACKENDS_LOCAL_BACKEND_HPP

#include <agent_backends/local_processes.hpp>
#include <agent_backends/sandbox.hpp>
#include <agent_backends/sync_backend.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

namespace agent_backends {

/// \brief Options of a \ref local_backend.
struct local_backend_options
{
    std::string root{"."};                       ///< Workspace directory; created if missing.
    std::uint64_t max_file_bytes{256ull << 20};  ///< Largest file read_bytes/edit load whole (`too_large`).
    bool enable_execute{true};                   ///< Offer execute/start_background, run at the root.
    std::string sandbox_id{};                    ///< \ref sandbox::id; empty: a random UUID.
};

/// \brief The synchronous file core of \ref local_backend: a directory root no operation leaves.
///
/// \details Virtual paths map below the root: `/a/b` is `ROOT/a/b` (an absolute path is never a host
/// path) and `..` is resolved lexically; results and messages carry virtual paths only, never host paths.
/// Every path is resolved from a descriptor of the root held open for the object's life, never from a
/// string: with `openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS)`, or one component at a time with
/// `O_NOFOLLOW` where the kernel lacks it or refuses (absolute links), so a directory swapped for a link
/// while an operation runs cannot lead it out. Symbolic links are followed while their targets stay inside
/// (an absolute target naming the root's host path or a path below it counts as inside); a link leading
/// outside is refused like `..` above the root, for reads and writes alike. Tree walks (glob, grep) do not
/// follow links to directories.
///
/// Writes are atomic: a hidden temporary file in the same directory, written whole, fsynced, given the
/// replaced file's mode and renamed over it; on failure the old file stays whole. Writing through a link
/// replaces its target's content and leaves the link. Writes and edits of one file through one object
/// take turns, so concurrent edits never lose each other's changes. Reads stream: `read` of a slice of a
/// huge file keeps memory bounded; `read_bytes` and `edit` load the file whole up to `max_file_bytes`.
///
/// \par Errors
/// As \ref backend: `escapes_root` "Access denied: '{path}' is outside the workspace root" (`..` above the
/// root, a link leading outside), `invalid_argument` "Invalid path: contains a NUL byte" or a link loop,
/// `not_found`, `is_directory`, `is_binary`, `too_large`, `permission_denied`; `unavailable` when the
/// operating system fails otherwise (I/O error, disk full). `exists` answers false instead of
/// `escapes_root`.
///
/// \par Cancellation
/// Run through \ref ensure_async, a call checks \ref cancellation_requested before it starts; `read`,
/// `glob` and `grep` also check it while they stream or walk. A write is never left half done.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: safe.
class local_directory final : public sync_backend
{
public:
    /// \par Errors
    /// `unavailable` when the root cannot be created or opened.
    explicit local_directory(local_backend_options opts = {});
    ~local_directory() override;

    /// \brief The absolute host path of the root.
    const std::string& root() const noexcept;

    bool exists(std::string_view path) override;
    std::vector<file_info> ls(std::string_view path) override;
    std::string read(std::string_view path, read_options opts = {}) override;
    std::string read_bytes(std::string_view path) override;
    write_result write(std::string_view path, std::string_view content) override;
    edit_result edit(std::string_view path, edit_request req) override;
    std::vector<file_info> glob(std::string_view pattern, std::string_view path = "/") override;
    std::vector<grep_match> grep(grep_request req) override;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// \brief A \ref sandbox over a local directory: \ref local_directory run on a thread pool through
/// \ref ensure_async, so the caller's io_context never blocks on disk, and commands run at the root by
/// \ref local_processes when `enable_execute` is set.
///
/// \par Errors
/// execute and start_background throw `not_supported` when execution is disabled.
///
/// \par Cancellation
/// Terminal, partial, total: glob and grep stop walking; a write completes whole or not at all.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: safe.
class local_backend final : public sandbox
{
public:
    /// \param blocking_pool Executor of a thread pool that runs the file operations (not the caller's
    /// io_context).
    local_backend(boost::asio::any_io_executor blocking_pool, local_backend_options opts = {});

    /// \brief The absolute host path of the root.
    const std::string& root() const noexcept { return directory_->root(); }

    /// \brief The synchronous core, for callers that want blocking calls.
    const std::shared_ptr<local_directory>& directory() const noexcept { return directory_; }

    task<bool> exists(std::string_view path) override { return async_->exists(path); }
    task<std::vector<file_info>> ls(std::string_view path) override { return async_->ls(path); }
    task<std::string> read(std::string_view path, read_options opts = {}) override
    {
        return async_->read(path, opts);
    }
    task<std::string> read_bytes(std::string_view path) override { return async_->read_bytes(path); }
    task<write_result> write(std::string_view path, std::string_view content) override
    {
        return async_->write(path, content);
    }
    task<edit_result> edit(std::string_view path, edit_request req) override
    {
        return async_->edit(path, std::move(req));
    }
    task<std::vector<file_info>> glob(std::string_view pattern, std::string_view path = "/") override
    {
        return async_->glob(pattern, path);
    }
    task<std::vector<grep_match>> grep(grep_request req) override { return async_->grep(std::move(req)); }

    std::string_view id() const override { return id_; }
    task<execute_response> execute(std::string_view command, execute_options opts = {}) override;
    task<std::shared_ptr<background_job>> start_background(std::string_view command,
                                                           execute_options opts = {}) override;
    /// \brief Nothing to create: the directory exists from construction.
    task<void> start() override;
    /// \brief Kills the background jobs.
    task<void> stop() override;

    /// \brief Whether execute is offered.
    bool execute_enabled() const noexcept { return processes_ != nullptr; }

private:
    std::shared_ptr<local_directory> directory_;
    std::shared_ptr<backend> async_;
    std::unique_ptr<local_processes> processes_;  // null when execution is disabled
    std::string id_;
};

}  // namespace agent_backends

#endif
