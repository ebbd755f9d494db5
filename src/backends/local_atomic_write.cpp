// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/detail/atomic_file_write.hpp>

#include "core/unique_fd.hpp"

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace agent_backends::detail {
namespace {

std::atomic<write_fault_hook> fault_hook{nullptr};

int injected_fault(write_stage stage) noexcept
{
    auto hook = fault_hook.load(std::memory_order_acquire);
    return hook ? hook(stage) : 0;
}

/// `.NAME.1a2b3c4d5e6f7a8b.tmp`, with NAME shortened so the whole stays within NAME_MAX.
std::string temporary_name(std::string_view name)
{
    thread_local std::mt19937_64 random{std::random_device{}()};
    constexpr std::size_t max_name_part = 200;
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, ".%016llx.tmp", static_cast<unsigned long long>(random()));
    std::string out = ".";
    out += name.substr(0, max_name_part);
    out += suffix;
    return out;
}

int write_all(int fd, std::string_view bytes) noexcept
{
    while (!bytes.empty())
    {
        auto n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0)
        {
            if (errno == EINTR)
                continue;
            return errno;
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return 0;
}

/// Writes, syncs and closes the temporary file; the first failure wins.
int fill_temporary(unique_fd fd, std::string_view content, std::optional<mode_t> keep_mode) noexcept
{
    if (int e = injected_fault(write_stage::opened))
        return e;
    const auto half = content.size() / 2;
    if (int e = write_all(fd.get(), content.substr(0, half)))
        return e;
    if (int e = injected_fault(write_stage::mid_write))
        return e;
    if (int e = write_all(fd.get(), content.substr(half)))
        return e;
    if (int e = injected_fault(write_stage::before_fsync))
        return e;
    if (keep_mode && ::fchmod(fd.get(), *keep_mode & 07777) != 0)
        return errno;
    if (::fsync(fd.get()) != 0)
        return errno;
    // close() reports delayed write errors of some file systems (NFS): it is part of the write.
    if (::close(fd.release()) != 0 && errno != EINTR)
        return errno;
    return 0;
}

}  // namespace

void set_write_fault_hook(write_fault_hook hook) noexcept
{
    fault_hook.store(hook, std::memory_order_release);
}

int write_file_atomically(int dir_fd, std::string_view name, std::string_view content,
                          std::optional<mode_t> keep_mode)
{
    // A kept mode is applied once the bytes are in; until then nobody else may read them.
    const mode_t create_mode = keep_mode ? 0600 : 0666;
    std::string temp;
    unique_fd fd;
    for (int attempt = 0; attempt < 16 && !fd; ++attempt)
    {
        temp = temporary_name(name);
        fd = unique_fd(::openat(dir_fd, temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                                create_mode));
        if (!fd && errno != EEXIST)
            return errno;
    }
    if (!fd)
        return EEXIST;

    int failure = fill_temporary(std::move(fd), content, keep_mode);
    if (failure == 0)
        failure = injected_fault(write_stage::before_rename);
    if (failure == 0 && ::renameat(dir_fd, temp.c_str(), dir_fd, std::string(name).c_str()) != 0)
        failure = errno;
    if (failure != 0)
        ::unlinkat(dir_fd, temp.c_str(), 0);
    return failure;
}

}  // namespace agent_backends::detail
