// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>

#include <agent_backends/detail/binary_detection.hpp>
#include <agent_backends/detail/numbered_lines.hpp>
#include <agent_backends/detail/text_edit.hpp>
#include <agent_backends/detail/virtual_path.hpp>

#include "sandboxes/docker_sandbox_state.hpp"
#include "sandboxes/remote_paths.hpp"
#include "sandboxes/shell_quote.hpp"
#include "sandboxes/tar_archive.hpp"

#include <chrono>
#include <utility>

namespace agent_backends::detail {
namespace {

// Type bits of a Go os.FileMode, which the archive endpoints report.
constexpr std::uint32_t go_mode_symlink = 1u << 27;
constexpr std::uint32_t go_mode_type_bits =
    (1u << 31) | (1u << 27) | (1u << 26) | (1u << 25) | (1u << 24) | (1u << 21) | (1u << 19);

constexpr int max_link_hops = 16;
constexpr std::size_t tar_overhead = 16 * 1024;  ///< Headers, a PAX name record, padding, end blocks.

[[noreturn]] void throw_file_not_found(std::string_view given)
{
    throw error(errc::not_found, "File '" + std::string(given) + "' not found");
}

[[noreturn]] void throw_is_directory(std::string_view given)
{
    throw error(errc::is_directory, "'" + std::string(given) + "' is a directory");
}

[[noreturn]] void throw_not_regular(std::string_view given)
{
    throw error(errc::invalid_argument, "'" + std::string(given) + "' is not a regular file");
}

std::string parent_of(std::string_view path)
{
    auto slash = path.rfind('/');
    return slash == 0 || slash == std::string_view::npos ? "/" : std::string(path.substr(0, slash));
}

bool is_regular(const container_path_stat& st) noexcept
{
    return (st.mode & go_mode_type_bits) == 0;
}

/// What is at a path once symbolic links are followed, and the path they lead to.
struct found_path
{
    std::string path;
    container_path_stat stat;
};

/// The path's stat after following links; empty when nothing is there (a missing path or a dangling
/// link). A lost container is reported as such rather than as a missing path.
task<std::optional<found_path>> stat_following(state_ptr self, std::string container_id, std::string path,
                                               std::string given)
{
    for (int hop = 0; hop < max_link_hops; ++hop)
    {
        auto st = co_await on_container(self, container_id, self->engine->stat_path(container_id, path));
        if (!st)
        {
            // The archive endpoint answers 404 alike for a missing path and a missing container.
            co_await throw_if_container_lost(self, container_id);
            co_return std::nullopt;
        }
        if ((st->mode & go_mode_symlink) == 0 || st->link_target.empty() || st->link_target == path)
            co_return found_path{std::move(path), std::move(*st)};
        // The engine names the link's target as a container path (relative in some engines).
        path = st->link_target.starts_with('/')
                   ? lexically_normal_absolute(st->link_target)
                   : lexically_normal_absolute(parent_of(path) + "/" + st->link_target);
    }
    throw error(errc::invalid_argument, "Too many levels of symbolic links in '" + given + "'");
}

/// The bytes of the regular file at `path` (links followed), within the read limit.
task<std::string> load_file(state_ptr self, std::string container_id, std::string path, std::string given)
{
    auto found = co_await stat_following(self, container_id, path, given);
    if (!found)
        throw_file_not_found(given);
    if (found->stat.is_dir())
        throw_is_directory(given);
    if (!is_regular(found->stat))
        throw_not_regular(given);
    const auto limit = self->opts.max_read_bytes;
    if (found->stat.size > limit)
        throw error(errc::too_large, too_large_message(found->stat.size, limit, path));

    std::string archive;
    bool vanished = false;
    bool grew = false;
    try
    {
        archive = co_await on_container(
            self, container_id, self->engine->get_archive(container_id, found->path, limit + tar_overhead));
    }
    catch (const error& e)
    {
        vanished = e.condition() == errc::not_found;
        grew = e.condition() == errc::too_large;
        if (!vanished && !grew)
            throw;
    }
    if (vanished)
        throw_file_not_found(given);
    if (grew)
        throw error(errc::too_large, too_large_message(limit + 1, limit, path));

    std::error_code ec;
    auto entries = read_tar(archive, ec);
    if (ec)
        throw error(errc::protocol_error,
                    "The container engine sent a malformed archive for '" + given + "'");
    for (auto& entry : entries)
    {
        if (entry.is_dir)
            continue;
        if (entry.content.size() > limit)
            throw error(errc::too_large, too_large_message(entry.content.size(), limit, path));
        co_return std::move(entry.content);
    }
    throw_file_not_found(given);  // replaced by something else meanwhile
}

/// Puts `content` at `path` with `mode`, creating the parent directory when the engine needs it made.
task<void> store_file(state_ptr self, std::string container_id, std::string path, std::string content,
                      std::uint32_t mode, std::string given)
{
    const auto parent = parent_of(path);
    const auto mtime =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    auto archive = make_tar({{.name = std::string(base_name(path)),
                              .content = std::move(content),
                              .mode = mode,
                              .mtime = mtime}});
    bool parent_missing = false;
    try
    {
        co_await on_container(self, container_id, self->engine->put_archive(container_id, parent, archive));
        co_return;
    }
    catch (const error& e)
    {
        if (e.condition() != errc::not_found)
            throw;
        parent_missing = true;  // Docker wants the directory to exist (podman makes it)
    }
    if (parent_missing)
    {
        // Scripts start at `/`: the path is given relative to it, which also holds in engines that map a
        // container's root to a host directory of their own.
        auto made = co_await run_script(
            self, std::make_shared<docker_container_exec>(self->engine, container_id),
            "mkdir -p -- " + shell_quote(relative_part(parent)) + " 2>&1", {.what = "creating " + parent});
        if (made.exit_code != 0)
            throw error(errc::invalid_argument, "Cannot write '" + given + "': cannot create its directory " +
                                                    parent + ": " + made.out);
        co_await on_container(self, container_id, self->engine->put_archive(container_id, parent, archive));
    }
}

task<std::string> read_bytes_of(state_ptr self, std::string path)
{
    auto container_id = co_await ensure_container(self);
    auto resolved = resolve_remote_path(path, self->work_dir);
    co_return co_await load_file(self, container_id, std::move(resolved), std::move(path));
}

}  // namespace

task<bool> sandbox_exists(state_ptr self, std::string path)
{
    auto resolved = resolve_remote_path(path, self->work_dir);
    auto container_id = co_await ensure_container(self);
    auto found = co_await stat_following(self, container_id, std::move(resolved), path);
    co_return found&& is_regular(found->stat);
}

task<std::string> sandbox_read_bytes(state_ptr self, std::string path)
{
    return read_bytes_of(std::move(self), std::move(path));
}

task<std::string> sandbox_read(state_ptr self, std::string path, read_options opts)
{
    auto content = co_await read_bytes_of(self, path);
    if (looks_binary(content))
        throw error(errc::is_binary,
                    "'" + path + "' is a binary file (" + std::to_string(content.size()) + " bytes)");
    co_return render_numbered_lines(content, opts);
}

task<write_result> sandbox_write(state_ptr self, std::string path, std::string content)
{
    auto resolved = resolve_remote_path(path, self->work_dir);
    if (resolved == "/")
        throw_is_directory(path);
    auto container_id = co_await ensure_container(self);
    // An existing file keeps its mode, and a link is written through, as a local write does.
    std::uint32_t mode = 0644;
    auto target = resolved;
    if (auto found = co_await stat_following(self, container_id, resolved, path))
    {
        if (found->stat.is_dir())
            throw_is_directory(path);
        if (!is_regular(found->stat))
            throw_not_regular(path);
        mode = found->stat.mode & 07777;
        target = std::move(found->path);
    }
    co_await store_file(self, container_id, std::move(target), std::move(content), mode, path);
    self->touch();
    co_return write_result{std::move(resolved)};
}

task<edit_result> sandbox_edit(state_ptr self, std::string path, edit_request request)
{
    auto resolved = resolve_remote_path(path, self->work_dir);
    auto container_id = co_await ensure_container(self);
    auto found = co_await stat_following(self, container_id, resolved, path);
    if (!found)
        throw_file_not_found(path);
    auto content = co_await load_file(self, container_id, found->path, path);
    auto replaced = apply_edit(content, request, path);
    co_await store_file(self, container_id, found->path, std::move(replaced.content),
                        found->stat.mode & 07777, path);
    self->touch();
    co_return edit_result{std::move(resolved), replaced.occurrences};
}

}  // namespace agent_backends::detail
