// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/local_backend.hpp>

#include <agent_backends/detail/atomic_file_write.hpp>
#include <agent_backends/detail/binary_detection.hpp>
#include <agent_backends/detail/glob_pattern.hpp>
#include <agent_backends/detail/line_matcher.hpp>
#include <agent_backends/detail/numbered_lines.hpp>
#include <agent_backends/detail/text_edit.hpp>
#include <agent_backends/detail/tree_search.hpp>
#include <agent_backends/detail/virtual_path.hpp>

#include "backends/local_file_io.hpp"
#include "backends/root_resolver.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <functional>
#include <mutex>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace agent_backends {
namespace {

using detail::local_io_failure;
using detail::unique_fd;

/// Flags for opening something to read it: never become a controlling terminal, never block on a FIFO.
constexpr int read_flags = O_RDONLY | O_NOCTTY | O_NONBLOCK;

/// A glob pattern is relative to the searched directory whatever its spelling: `/x`, `./x` and `x`.
std::string_view relative_pattern(std::string_view pattern) noexcept
{
    while (pattern.starts_with('/') || pattern.starts_with("./"))
        pattern.remove_prefix(pattern.starts_with('/') ? 1 : 2);
    return pattern;
}

std::string join_relative(std::string_view dir, std::string_view name)
{
    std::string out(dir);
    if (!out.empty())
        out += '/';
    out += name;
    return out;
}

[[noreturn]] void throw_is_directory(std::string_view given)
{
    throw error(errc::is_directory, "'" + std::string(given) + "' is a directory");
}

[[noreturn]] void throw_file_not_found(std::string_view given)
{
    throw error(errc::not_found, "File '" + std::string(given) + "' not found");
}

struct stat stat_of(int fd, std::string_view given, local_io_failure::operation op)
{
    struct stat st = {};
    if (::fstat(fd, &st) != 0)
        detail::throw_io_failure(errno, given, op);
    return st;
}

file_info entry_of(std::string_view normalized, const struct stat& st)
{
    const bool dir = S_ISDIR(st.st_mode);
    return {std::string(detail::base_name(normalized)), std::string(normalized), dir,
            dir ? std::nullopt : std::optional<std::uint64_t>(static_cast<std::uint64_t>(st.st_size)),
            detail::iso8601_utc(st.st_mtim.tv_sec, st.st_mtim.tv_nsec)};
}

}  // namespace

struct local_directory::impl
{
    explicit impl(local_backend_options o) : opts(std::move(o)), root(opts.root) {}

    local_backend_options opts;
    detail::root_resolver root;

    // Writes and edits of one file through this object take turns, so concurrent edits never lose one
    // another's changes. Striped: a file maps to one of these by its directory and name.
    std::array<std::mutex, 64> file_locks;

    std::mutex& lock_for(int dir_fd, const std::string& name)
    {
        struct stat st = {};
        std::size_t h = std::hash<std::string>{}(name);
        if (::fstat(dir_fd, &st) == 0)
            h ^= std::hash<std::uint64_t>{}(st.st_ino * 31 + st.st_dev) + 0x9e3779b97f4a7c15ull + (h << 6);
        return file_locks[h % file_locks.size()];
    }

    /// Opens an existing entry to read it, or throws the error for `given`.
    unique_fd open_for_reading(const std::string& normalized, std::string_view given, int flags)
    {
        auto entry = root.open(detail::relative_part(normalized), flags);
        if (entry.error == ENOENT || entry.error == ENOTDIR)
            throw_file_not_found(given);
        if (entry.error != 0)
            detail::throw_io_failure(entry.error, given, local_io_failure::read);
        return std::move(entry.fd);
    }

    /// The regular file at a path, open for reading, with its status.
    std::pair<unique_fd, struct stat> open_regular_file(std::string_view path)
    {
        auto normalized = detail::normalize_virtual_path(path);
        auto fd = open_for_reading(normalized, path, read_flags);
        auto st = stat_of(fd.get(), path, local_io_failure::read);
        if (S_ISDIR(st.st_mode))
            throw_is_directory(path);
        if (!S_ISREG(st.st_mode))
            throw error(errc::invalid_argument, "'" + std::string(path) + "' is not a regular file");
        return {std::move(fd), st};
    }

    /// The whole content of an open regular file, refused past `max_file_bytes`.
    std::string load_whole(int fd, const struct stat& st, std::string_view given)
    {
        const auto limit = opts.max_file_bytes;
        auto too_large = [&](std::uint64_t size) {
            return error(errc::too_large, "'" + std::string(given) + "' is too large to load whole (" +
                                              std::to_string(size) + " bytes, limit " +
                                              std::to_string(limit) +
                                              " bytes); read it in slices with offset and limit instead");
        };
        if (static_cast<std::uint64_t>(st.st_size) > limit)
            throw too_large(static_cast<std::uint64_t>(st.st_size));
        std::string content;
        int err = detail::read_to_end(fd, content, limit + 1, static_cast<std::uint64_t>(st.st_size));
        if (err != 0)
            detail::throw_io_failure(err, given, local_io_failure::read);
        if (content.size() > limit)  // it grew since fstat
            throw too_large(content.size());
        return content;
    }

    /// The directory and name of a file to replace; missing parents created when `create_parents`.
    detail::located_entry locate_for_writing(const std::string& normalized, std::string_view given,
                                             bool create_parents)
    {
        auto located = root.locate(detail::relative_part(normalized), create_parents);
        if (located.error == EISDIR)
            throw_is_directory(given);
        if (!create_parents && (located.error == ENOENT || located.error == ENOTDIR))
            throw_file_not_found(given);
        if (located.error != 0)
            detail::throw_io_failure(located.error, given, local_io_failure::write);
        return located;
    }

    void replace_file(const detail::located_entry& at, std::string_view given, std::string_view content,
                      std::optional<mode_t> keep_mode)
    {
        if (int err = detail::write_file_atomically(at.dir.get(), at.name, content, keep_mode))
            detail::throw_io_failure(err, given, local_io_failure::write);
    }
};

local_directory::local_directory(local_backend_options opts) : impl_(std::make_unique<impl>(std::move(opts)))
{}

local_directory::~local_directory() = default;

const std::string& local_directory::root() const noexcept
{
    return impl_->root.host_path();
}

bool local_directory::exists(std::string_view path)
{
    std::string normalized;
    try
    {
        normalized = detail::normalize_virtual_path(path);
    }
    catch (const error& e)
    {
        if (e.condition() == errc::invalid_argument)
            throw;  // a NUL byte is a malformed argument, not a missing file
        return false;
    }
    auto entry = impl_->root.open(detail::relative_part(normalized), O_PATH);
    struct stat st = {};
    return entry.error == 0 && ::fstat(entry.fd.get(), &st) == 0 && S_ISREG(st.st_mode);
}

std::vector<file_info> local_directory::ls(std::string_view path)
{
    throw_if_cancellation_requested();
    const auto normalized = detail::normalize_virtual_path(path);
    const auto relative = detail::relative_part(normalized);
    auto entry = impl_->root.open(relative, O_PATH);
    if (entry.error == ENOENT || entry.error == ENOTDIR)
        return {};
    if (entry.error != 0)
        detail::throw_io_failure(entry.error, path, local_io_failure::list);
    const auto st = stat_of(entry.fd.get(), path, local_io_failure::list);
    if (!S_ISDIR(st.st_mode))
        return {entry_of(normalized, st)};

    unique_fd listing(::openat(entry.fd.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!listing)
        detail::throw_io_failure(errno, path, local_io_failure::list);
    DIR* dir = ::fdopendir(listing.get());
    if (dir == nullptr)
        detail::throw_io_failure(errno, path, local_io_failure::list);
    const int dir_fd = listing.release();  // closedir closes it
    std::unique_ptr<DIR, int (*)(DIR*)> closer(dir, ::closedir);

    std::vector<file_info> out;
    while (auto* d = ::readdir(dir))
    {
        std::string_view name = d->d_name;
        if (name == "." || name == "..")
            continue;
        struct stat child = {};
        if (::fstatat(dir_fd, d->d_name, &child, AT_SYMLINK_NOFOLLOW) != 0)
            continue;  // gone since it was listed
        if (S_ISLNK(child.st_mode))
        {
            // Shown as what it points to when that is inside the root; left out otherwise.
            auto target = impl_->root.open(join_relative(relative, name), O_PATH);
            if (target.error != 0 || ::fstat(target.fd.get(), &child) != 0)
                continue;
        }
        out.push_back(entry_of(detail::join_virtual(normalized, name), child));
    }
    std::sort(out.begin(), out.end(), [](const file_info& a, const file_info& b) {
        return a.is_dir != b.is_dir ? a.is_dir : a.name < b.name;
    });
    return out;
}

std::string local_directory::read(std::string_view path, read_options opts)
{
    throw_if_cancellation_requested();
    auto [fd, st] = impl_->open_regular_file(path);

    // The first bytes decide whether the file is text; they are then rendered like the rest.
    std::string head(detail::binary_probe_bytes, '\0');
    std::size_t head_size = 0;
    if (int err = detail::read_up_to(fd.get(), head.data(), head.size(), head_size))
        detail::throw_io_failure(err, path, local_io_failure::read);
    head.resize(head_size);
    if (detail::looks_binary(head))
        throw error(errc::is_binary, "'" + std::string(path) + "' is a binary file (" +
                                         std::to_string(st.st_size) + " bytes)");

    std::size_t head_used = 0;
    const int file = fd.get();
    const std::string given(path);
    detail::byte_source source = [&](char* buf, std::size_t capacity) -> std::size_t {
        if (head_used < head.size())
        {
            auto n = std::min(capacity, head.size() - head_used);
            std::memcpy(buf, head.data() + head_used, n);
            head_used += n;
            return n;
        }
        throw_if_cancellation_requested();
        std::size_t n = 0;
        if (int err = detail::read_some(file, buf, capacity, n))
            detail::throw_io_failure(err, given, local_io_failure::read);
        return n;
    };
    return detail::render_numbered_lines(source, opts);
}

std::string local_directory::read_bytes(std::string_view path)
{
    throw_if_cancellation_requested();
    auto [fd, st] = impl_->open_regular_file(path);
    return impl_->load_whole(fd.get(), st, path);
}

write_result local_directory::write(std::string_view path, std::string_view content)
{
    throw_if_cancellation_requested();
    auto normalized = detail::normalize_virtual_path(path);
    auto target = impl_->locate_for_writing(normalized, path, true);
    std::lock_guard lock(impl_->lock_for(target.dir.get(), target.name));

    std::optional<mode_t> keep_mode;
    struct stat st = {};
    if (::fstatat(target.dir.get(), target.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0)
    {
        if (S_ISDIR(st.st_mode))
            throw_is_directory(path);
        if (S_ISREG(st.st_mode))
            keep_mode = st.st_mode;
        else if (!S_ISLNK(st.st_mode))  // a link here appeared since it was resolved: it is replaced
            throw error(errc::invalid_argument, "'" + std::string(path) + "' is not a regular file");
    }
    impl_->replace_file(target, path, content, keep_mode);
    return {std::move(normalized)};
}

edit_result local_directory::edit(std::string_view path, edit_request req)
{
    throw_if_cancellation_requested();
    auto normalized = detail::normalize_virtual_path(path);
    auto target = impl_->locate_for_writing(normalized, path, false);
    std::lock_guard lock(impl_->lock_for(target.dir.get(), target.name));

    unique_fd fd(::openat(target.dir.get(), target.name.c_str(), read_flags | O_NOFOLLOW | O_CLOEXEC));
    if (!fd && errno == ENOENT)
        throw_file_not_found(path);
    if (!fd)
        detail::throw_io_failure(errno, path, local_io_failure::read);
    const auto st = stat_of(fd.get(), path, local_io_failure::read);
    if (S_ISDIR(st.st_mode))
        throw_is_directory(path);
    if (!S_ISREG(st.st_mode))
        throw error(errc::invalid_argument, "'" + std::string(path) + "' is not a regular file");

    auto content = impl_->load_whole(fd.get(), st, path);
    auto replaced = detail::apply_edit(content, req, path);
    throw_if_cancellation_requested();  // last moment a cancelled edit can leave the file as it was
    impl_->replace_file(target, path, replaced.content, st.st_mode);
    return {std::move(normalized), replaced.occurrences};
}

std::vector<file_info> local_directory::glob(std::string_view pattern, std::string_view path)
{
    throw_if_cancellation_requested();
    const auto relative_glob = relative_pattern(pattern);
    const detail::glob_pattern checked(relative_glob);  // a malformed pattern fails even on a missing path
    const auto normalized = detail::normalize_virtual_path(path);
    const auto relative = detail::relative_part(normalized);
    auto dir = impl_->root.open(relative, O_RDONLY | O_DIRECTORY);
    if (dir.error == ENOENT || dir.error == ENOTDIR)
        return {};
    if (dir.error != 0)
        detail::throw_io_failure(dir.error, path, local_io_failure::search);

    const detail::search_root start{dir.fd.get(), impl_->root.host_path_of(dir.fd.get(), relative),
                                    impl_->root.host_path()};
    detail::glob_query query;
    query.pattern = std::string(relative_glob);
    query.ignore_hidden = true;  // hidden entries the pattern names (`.env`, `.github/**`) are still found
    auto found = detail::glob_files(start, query);

    std::vector<file_info> out;
    out.reserve(found.size());
    for (auto& f : found)
    {
        auto full = detail::join_virtual(normalized, f.path);
        auto name = std::string(detail::base_name(full));
        out.push_back({std::move(name), std::move(full), false, f.size,
                       detail::iso8601_utc(f.mtime_ns / 1'000'000'000, f.mtime_ns % 1'000'000'000)});
    }
    return out;  // a common prefix keeps the walk's path order
}

std::vector<grep_match> local_directory::grep(grep_request req)
{
    throw_if_cancellation_requested();
    const detail::line_matcher checked(req.pattern, req.ignore_case);  // a bad regex fails before the path
    const auto normalized = detail::normalize_virtual_path(req.path);
    const auto relative = detail::relative_part(normalized);
    auto entry = impl_->root.open(relative, read_flags);
    if (entry.error == ENOENT || entry.error == ENOTDIR)
        throw error(errc::not_found, "Path '" + req.path + "' not found");
    if (entry.error != 0)
        detail::throw_io_failure(entry.error, req.path, local_io_failure::search);
    const auto st = stat_of(entry.fd.get(), req.path, local_io_failure::search);

    detail::grep_query query;
    query.pattern = std::move(req.pattern);
    query.ignore_case = req.ignore_case;
    query.glob = std::string(relative_pattern(req.glob));
    query.ignore_hidden = req.ignore_hidden;

    std::vector<detail::grep_hit> hits;
    if (S_ISDIR(st.st_mode))
    {
        const detail::search_root start{entry.fd.get(), impl_->root.host_path_of(entry.fd.get(), relative),
                                        impl_->root.host_path()};
        hits = detail::grep_files(start, query);
    }
    else if (S_ISREG(st.st_mode))
        hits = detail::grep_file(entry.fd.get(), query);

    std::vector<grep_match> out;
    out.reserve(hits.size());
    for (auto& h : hits)
        out.push_back({detail::join_virtual(normalized, h.path), h.line_number, std::move(h.line)});
    return out;
}

}  // namespace agent_backends
