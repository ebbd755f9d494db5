// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "backends/root_resolver.hpp"

#include <agent_backends/detail/virtual_path.hpp>
#include <agent_backends/error.hpp>

#include <atomic>
#include <cerrno>
#include <climits>
#include <deque>
#include <filesystem>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace agent_backends::detail {
namespace {

/// Links followed in one resolution, as the kernel's MAXSYMLINKS.
constexpr int max_links = 40;

/// How often a resolution starts a step over after an entry changed under it before giving up.
constexpr int max_retries = 64;

std::atomic<bool> openat2_usable{true};

int sys_openat2(int dir_fd, const std::string& path, int flags) noexcept
{
    open_how how{};
    how.flags = static_cast<std::uint64_t>(flags | O_CLOEXEC);
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
    return static_cast<int>(
        ::syscall(SYS_openat2, dir_fd, path.empty() ? "." : path.c_str(), &how, sizeof how));
}

/// Whether the walk must decide instead: the kernel refused something it may be wrong about (an absolute
/// link inside the root is EXDEV to it), a rename raced it (EAGAIN), or it lacks openat2 (ENOSYS).
bool walk_decides(int err) noexcept
{
    if (err == ENOSYS)
        openat2_usable.store(false, std::memory_order_relaxed);
    return err == EXDEV || err == ELOOP || err == EAGAIN || err == ENOSYS || err == EPERM;
}

void push_components_front(std::deque<std::string>& todo, std::string_view path)
{
    auto parts = split_path_components(path);
    todo.insert(todo.begin(), parts.begin(), parts.end());
}

/// One resolution from the root, one component at a time: every directory on the way is held open (a
/// directory swapped for a link afterwards does not matter), nothing is opened following a link, and
/// links are read and resolved here, against the directory holding them.
class component_walk
{
public:
    component_walk(const root_resolver& root, std::string_view relative) : root_(root)
    {
        push_components_front(todo_, relative);
    }

    bool done() const noexcept { return todo_.empty(); }

    /// The next component; `.` and `..` are consumed here (false: `..` climbed above the root, EXDEV).
    bool next(std::string& component, int& err)
    {
        while (!todo_.empty())
        {
            component = std::move(todo_.front());
            todo_.pop_front();
            if (component == ".")
                continue;
            if (component == "..")
            {
                if (dirs_.empty())
                {
                    err = EXDEV;
                    return false;
                }
                dirs_.pop_back();
                continue;
            }
            return true;
        }
        component.clear();
        return true;  // ended on `.` or `..`: the entry is the current directory
    }

    bool is_last() const noexcept { return todo_.empty(); }

    int current() const noexcept { return dirs_.empty() ? root_.fd() : dirs_.back().get(); }

    /// Puts a component back, to look at it again after it changed under us.
    int retry(std::string component)
    {
        if (++retries_ > max_retries)
            return EAGAIN;
        todo_.push_front(std::move(component));
        return 0;
    }

    /// Descends into `component` of the current directory (opened `O_PATH | O_NOFOLLOW` as `fd`): a
    /// directory is entered, a link is replaced by its target. 0 or an errno value.
    int step(unique_fd fd)
    {
        struct stat st = {};
        if (::fstat(fd.get(), &st) != 0)
            return errno;
        if (S_ISDIR(st.st_mode))
        {
            dirs_.push_back(std::move(fd));
            return 0;
        }
        if (S_ISLNK(st.st_mode))
            return follow(fd.get());
        return ENOTDIR;
    }

    /// Replaces the link open as `link_fd` (an `O_PATH | O_NOFOLLOW` descriptor) by its target.
    int follow(int link_fd)
    {
        if (++links_ > max_links)
            return ELOOP;
        std::string target(PATH_MAX, '\0');
        auto n = ::readlinkat(link_fd, "", target.data(), target.size());
        if (n < 0)
            return errno;
        if (n == 0)
            return ENOENT;
        target.resize(static_cast<std::size_t>(n));
        std::string_view rest = target;
        std::string absolute;
        if (rest.starts_with('/'))
        {
            // An absolute target is inside only when it names the root's host path or lies below it.
            absolute = lexically_normal_absolute(rest);
            const auto& host = root_.host_path();
            if (host != "/")
            {
                if (absolute != host && !(absolute.starts_with(host) && absolute[host.size()] == '/'))
                    return EXDEV;
                absolute.erase(0, host.size());
            }
            rest = absolute;
            dirs_.clear();
        }
        push_components_front(todo_, rest);
        return 0;
    }

    /// The current directory as an owned descriptor (a duplicate for the root).
    unique_fd take_current()
    {
        if (dirs_.empty())
            return unique_fd(::fcntl(root_.fd(), F_DUPFD_CLOEXEC, 0));
        return std::move(dirs_.back());
    }

private:
    const root_resolver& root_;
    std::deque<std::string> todo_;
    std::vector<unique_fd> dirs_;  // directories entered below the root; empty: at the root
    int links_{0};
    int retries_{0};
};

bool is_link_at(int dir_fd, const std::string& name, unique_fd& link)
{
    link = unique_fd(::openat(dir_fd, name.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
    struct stat st = {};
    return link && ::fstat(link.get(), &st) == 0 && S_ISLNK(st.st_mode);
}

}  // namespace

void set_openat2_enabled(bool enabled) noexcept
{
    openat2_usable.store(enabled, std::memory_order_relaxed);
}

bool openat2_enabled() noexcept
{
    return openat2_usable.load(std::memory_order_relaxed);
}

root_resolver::root_resolver(std::string_view root)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path path = root.empty() ? fs::path(".") : fs::path(root);
    path = fs::absolute(path, ec);
    if (!ec)
        fs::create_directories(path, ec);
    if (!ec)
        path = fs::canonical(path, ec);
    if (ec)
        throw error(errc::unavailable, "Cannot create the workspace root directory: " + ec.message());
    host_path_ = path.string();
    root_fd_ = unique_fd(::open(host_path_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!root_fd_)
        throw error(errc::unavailable,
                    "Cannot open the workspace root directory: " + std::system_category().message(errno));
}

opened_entry root_resolver::open(std::string_view relative, int open_flags) const
{
    if (openat2_usable.load(std::memory_order_relaxed))
    {
        const std::string path(relative);
        for (int attempt = 0; attempt < 4; ++attempt)
        {
            unique_fd fd(sys_openat2(root_fd_.get(), path, open_flags));
            if (fd)
                return {std::move(fd), 0};
            const int err = errno;
            if (err == EAGAIN)
                continue;
            if (!walk_decides(err))
                return {{}, err};
            break;
        }
    }
    return walk_open(relative, open_flags);
}

located_entry root_resolver::locate(std::string_view relative, bool create_parents) const
{
    if (relative.empty())
        return {{}, {}, EISDIR};
    if (openat2_usable.load(std::memory_order_relaxed))
    {
        const auto slash = relative.rfind('/');
        const std::string parent(slash == std::string_view::npos ? std::string_view{}
                                                                 : relative.substr(0, slash));
        std::string name(slash == std::string_view::npos ? relative : relative.substr(slash + 1));
        unique_fd dir(sys_openat2(root_fd_.get(), parent, O_PATH | O_DIRECTORY));
        if (dir)
        {
            struct stat st = {};
            if (::fstatat(dir.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0)
            {
                if (!S_ISLNK(st.st_mode))
                    return {std::move(dir), std::move(name), 0};
                // A link in the last position: the walk resolves it against the directory holding it.
            }
            else if (errno == ENOENT)
                return {std::move(dir), std::move(name), 0};
            else
                return {{}, {}, errno};
        }
        else
        {
            const int err = errno;
            if (!walk_decides(err) && !(err == ENOENT && create_parents))
                return {{}, {}, err};
        }
    }
    return walk_locate(relative, create_parents);
}

opened_entry root_resolver::walk_open(std::string_view relative, int open_flags) const
{
    component_walk walk(*this, relative);
    std::string component;
    int err = 0;
    while (!walk.done())
    {
        if (!walk.next(component, err))
            return {{}, err};
        if (component.empty())
            break;  // ended on `.` or `..`
        if (walk.is_last())
        {
            unique_fd fd(::openat(walk.current(), component.c_str(), open_flags | O_NOFOLLOW | O_CLOEXEC));
            if (fd)
            {
                // With O_PATH, O_NOFOLLOW opens a link itself instead of failing: follow it here.
                struct stat st = {};
                if (!(open_flags & O_PATH) || ::fstat(fd.get(), &st) != 0 || !S_ISLNK(st.st_mode))
                    return {std::move(fd), 0};
                if ((err = walk.follow(fd.get())) != 0)
                    return {{}, err};
                continue;
            }
            err = errno;
            if (err != ELOOP && err != ENOTDIR)
                return {{}, err};
            // Maybe a link (O_NOFOLLOW refused it): follow it ourselves.
            unique_fd link;
            if (!is_link_at(walk.current(), component, link))
            {
                if (err == ELOOP && (err = walk.retry(std::move(component))) == 0)
                    continue;  // it was a link a moment ago
                return {{}, err};
            }
            if ((err = walk.follow(link.get())) != 0)
                return {{}, err};
            continue;
        }
        unique_fd fd(::openat(walk.current(), component.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
        if (!fd)
            return {{}, errno};
        if ((err = walk.step(std::move(fd))) != 0)
            return {{}, err};
    }
    unique_fd fd(::openat(walk.current(), ".", open_flags | O_CLOEXEC));
    if (!fd)
        return {{}, errno};
    return {std::move(fd), 0};
}

located_entry root_resolver::walk_locate(std::string_view relative, bool create_parents) const
{
    component_walk walk(*this, relative);
    std::string component;
    int err = 0;
    while (!walk.done())
    {
        if (!walk.next(component, err))
            return {{}, {}, err};
        if (component.empty())
            break;
        if (walk.is_last())
        {
            struct stat st = {};
            const bool missing = ::fstatat(walk.current(), component.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0;
            if (missing && errno != ENOENT)
                return {{}, {}, errno};
            unique_fd link;
            if (missing || !S_ISLNK(st.st_mode) || !is_link_at(walk.current(), component, link))
            {
                auto dir = walk.take_current();
                if (!dir)
                    return {{}, {}, errno};
                return {std::move(dir), std::move(component), 0};
            }
            if ((err = walk.follow(link.get())) != 0)
                return {{}, {}, err};
            continue;
        }
        unique_fd fd(::openat(walk.current(), component.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
        if (!fd && errno == ENOENT && create_parents)
        {
            if (::mkdirat(walk.current(), component.c_str(), 0777) != 0 && errno != EEXIST)
                return {{}, {}, errno};
            if ((err = walk.retry(std::move(component))) != 0)
                return {{}, {}, err};
            continue;
        }
        if (!fd)
            return {{}, {}, errno};
        if ((err = walk.step(std::move(fd))) != 0)
            return {{}, {}, err};
    }
    return {{}, {}, EISDIR};  // the path names a directory (`x/.` or a link to one ending so)
}

std::string root_resolver::host_path_of(int dir_fd, std::string_view relative) const
{
    std::string link = "/proc/self/fd/" + std::to_string(dir_fd);
    std::string target(PATH_MAX, '\0');
    auto n = ::readlink(link.c_str(), target.data(), target.size());
    if (n > 0)
    {
        target.resize(static_cast<std::size_t>(n));
        if (host_path_ == "/" || target == host_path_ ||
            (target.starts_with(host_path_) && target[host_path_.size()] == '/'))
            return target;
    }
    // No /proc: the virtual spelling is close enough (the path only serves to find .gitignore files).
    std::string out = host_path_;
    if (!relative.empty())
    {
        if (out != "/")
            out += '/';
        out += relative;
    }
    return out;
}

}  // namespace agent_backends::detail
