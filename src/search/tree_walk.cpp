// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "search/tree_walk.hpp"

#include <agent_backends/sync_backend.hpp>

#include <agent_backends/detail/ignore_rules.hpp>

#include "search/file_io.hpp"

#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace agent_backends::detail {
namespace {

/// How often the calling thread looks at `cancellation_requested()` while it waits for work.
constexpr auto cancellation_poll = std::chrono::milliseconds(5);

/// An open directory, closed when the last job that needs it (to open a child) is done.
class open_dir
{
public:
    explicit open_dir(int fd) noexcept : fd_(fd) {}
    ~open_dir() { ::close(fd_); }
    open_dir(const open_dir&) = delete;
    open_dir& operator=(const open_dir&) = delete;

    int fd() const noexcept { return fd_; }

private:
    int fd_;
};

/// The ignore files of one directory, chained to those of the directories above it. Directories without
/// ignore files or `.git` share their parent's node.
struct ignore_node
{
    std::shared_ptr<const ignore_node> parent;
    bool is_ancestor{false};  // above the search root: paths get `prefix` prepended
    std::string prefix;       // ancestors: the search root relative to this directory, with a trailing `/`
    std::size_t strip{0};     // below the root: bytes of "this/dir/" to strip from a root-relative path
    ignore_file dot_ignore;
    ignore_file gitignore;
    ignore_file git_exclude;
    bool has_git{false};          // this directory holds `.git`
    bool any_git{false};          // this directory or one above holds `.git`
    bool chain_has_rules{false};  // this node or one above has a rule that can apply

    bool own_rules() const noexcept
    {
        return !dot_ignore.empty() || (any_git && (!gitignore.empty() || !git_exclude.empty()));
    }
};

/// The verdict of the ignore files for `path` (relative to the search root), with ripgrep's precedence:
/// `.ignore` over `.gitignore` over `.git/info/exclude`, the deepest matching file of each kind deciding,
/// and git files above a nested repository's root not applying inside it.
ignore_verdict evaluate(const ignore_node* node, std::string_view path, bool is_dir)
{
    auto m_ignore = ignore_verdict::none;
    auto m_git = ignore_verdict::none;
    auto m_exclude = ignore_verdict::none;
    const bool any_git = node->any_git;
    bool saw_git = false;
    std::string joined;
    for (const ignore_node* n = node; n != nullptr && n->chain_has_rules; n = n->parent.get())
    {
        const bool git_applies = any_git && !saw_git;
        if (!n->dot_ignore.empty() || (git_applies && (!n->gitignore.empty() || !n->git_exclude.empty())))
        {
            std::string_view rel;
            if (n->is_ancestor)
            {
                joined.assign(n->prefix).append(path);
                rel = joined;
            }
            else
                rel = path.substr(n->strip);
            if (m_ignore == ignore_verdict::none)
                m_ignore = n->dot_ignore.match(rel, is_dir);
            if (git_applies && m_git == ignore_verdict::none)
                m_git = n->gitignore.match(rel, is_dir);
            if (git_applies && m_exclude == ignore_verdict::none)
                m_exclude = n->git_exclude.match(rel, is_dir);
        }
        saw_git = saw_git || n->has_git;
    }
    if (m_ignore != ignore_verdict::none)
        return m_ignore;
    if (m_git != ignore_verdict::none)
        return m_git;
    return m_exclude;
}

/// `.git/info/exclude` of a repository whose `.git` is the entry `git_name` of `dir_fd` (`host_dir` is the
/// directory's host path, needed when `.git` is a file naming the real git directory).
ignore_file read_git_exclude(int dir_fd, bool git_is_dir, const std::string& host_dir)
{
    if (git_is_dir)
    {
        auto text = read_small_file(dir_fd, ".git/info/exclude");
        return text ? ignore_file(*text) : ignore_file();
    }
    // A worktree or submodule: `.git` holds "gitdir: <path>"; a `commondir` file there names the shared one.
    auto link = read_small_file(dir_fd, ".git");
    if (!link || !link->starts_with("gitdir:"))
        return {};
    auto git_dir = link->substr(7);
    git_dir.erase(0, git_dir.find_first_not_of(" \t"));
    git_dir.erase(git_dir.find_last_not_of(" \t\r\n") + 1);
    if (git_dir.empty())
        return {};
    if (git_dir.front() != '/')
        git_dir = host_dir + "/" + git_dir;
    if (auto common = read_small_file(AT_FDCWD, (git_dir + "/commondir").c_str(), true))
    {
        common->erase(common->find_last_not_of(" \t\r\n") + 1);
        if (!common->empty())
            git_dir = common->front() == '/' ? *common : git_dir + "/" + *common;
    }
    auto text = read_small_file(AT_FDCWD, (git_dir + "/info/exclude").c_str(), true);
    return text ? ignore_file(*text) : ignore_file();
}

bool exists_at(const std::string& path) noexcept
{
    struct stat st;
    return ::fstatat(AT_FDCWD, path.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
}

/// `path` equals `dir` or lies below it (both absolute, lexically).
bool at_or_below(std::string_view path, std::string_view dir) noexcept
{
    while (dir.size() > 1 && dir.ends_with('/'))
        dir.remove_suffix(1);
    if (dir == "/")
        return true;
    return path.starts_with(dir) && (path.size() == dir.size() || path[dir.size()] == '/');
}

std::string parent_of(std::string_view path)
{
    while (path.size() > 1 && path.ends_with('/'))
        path.remove_suffix(1);
    const auto slash = path.rfind('/');
    if (slash == std::string_view::npos || path == "/")
        return {};
    return slash == 0 ? std::string("/") : std::string(path.substr(0, slash));
}

/// The ignore files of the directories above the search root, as ripgrep reads them: up to the file
/// system root, or when `stop_at` is given, up to it and beyond it only as far as the git work tree's root.
std::shared_ptr<const ignore_node> ancestor_nodes(const search_root& root)
{
    std::string host = root.host_path;
    while (host.size() > 1 && host.ends_with('/'))
        host.pop_back();
    if (host.empty() || host.front() != '/')
        return nullptr;
    std::string git_root;  // the nearest directory at or above the search root holding `.git`
    for (auto dir = host; !dir.empty(); dir = parent_of(dir))
        if (exists_at(dir == "/" ? "/.git" : dir + "/.git"))
        {
            git_root = dir;
            break;
        }
    std::vector<std::string> dirs;  // nearest first
    for (auto dir = parent_of(host); !dir.empty(); dir = parent_of(dir))
    {
        const bool above_workspace = !root.stop_at.empty() && !at_or_below(dir, root.stop_at);
        if (above_workspace && (git_root.empty() || !at_or_below(dir, git_root)))
            break;
        dirs.push_back(dir);
    }
    std::shared_ptr<const ignore_node> chain;
    for (auto it = dirs.rbegin(); it != dirs.rend(); ++it)
    {
        const auto& dir = *it;
        auto node = std::make_shared<ignore_node>();
        node->parent = chain;
        node->is_ancestor = true;
        const auto base = dir == "/" ? std::string("/") : dir + "/";
        node->prefix = host.substr(std::min(base.size(), host.size()));
        while (node->prefix.ends_with('/'))
            node->prefix.pop_back();
        node->prefix += '/';
        struct stat st;
        const auto git_path = base + ".git";
        node->has_git = ::fstatat(AT_FDCWD, git_path.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
        node->any_git = node->has_git || (chain && chain->any_git);
        if (auto text = read_small_file(AT_FDCWD, (base + ".ignore").c_str()))
            node->dot_ignore = ignore_file(*text);
        if (!git_root.empty() && at_or_below(dir, git_root))
            if (auto text = read_small_file(AT_FDCWD, (base + ".gitignore").c_str()))
                node->gitignore = ignore_file(*text);
        if (node->has_git)
        {
            const unique_fd dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
            if (dir_fd)
                node->git_exclude = read_git_exclude(dir_fd.get(), S_ISDIR(st.st_mode), dir);
        }
        node->chain_has_rules = node->own_rules() || (chain && chain->chain_has_rules);
        if (!node->chain_has_rules && !node->any_git)
            continue;  // contributes nothing
        chain = std::move(node);
    }
    return chain;
}

struct dir_job
{
    std::shared_ptr<open_dir> parent;  // null for the search root
    std::string path;                  // relative to the search root; "" for the root
    std::shared_ptr<const ignore_node> ignores;
};

/// One listed entry; its NUL-terminated name lives in the worker's name arena.
struct listed_entry
{
    std::uint32_t name_offset;
    std::uint32_t name_size;
    unsigned char type;  // DT_DIR, DT_REG, DT_LNK
};

/// What each worker keeps between directories, so listing allocates only while buffers grow.
struct worker_scratch
{
    std::unique_ptr<char[]> dirent_buffer{new char[dirent_buffer_size]};
    std::string names;
    std::vector<listed_entry> entries;
    std::string path;
    std::vector<dir_job> children;

    static constexpr std::size_t dirent_buffer_size = 64 * 1024;
};

class walker
{
public:
    walker(const search_root& root, const walk_options& opts, walk_visitor& visitor)
        : root_(root), opts_(opts), visitor_(visitor), threads_(walk_threads(opts))
    {}

    void run()
    {
        dir_job first{nullptr, "", nullptr};
        if (opts_.apply_ignore_files)
            first.ignores = ancestor_nodes(root_);
        stack_.push_back(std::move(first));

        std::vector<std::thread> helpers;
        for (unsigned w = 1; w < threads_; ++w)
        {
            try
            {
                helpers.emplace_back([this, w] { work(w); });
            }
            catch (const std::system_error&)
            {
                break;  // fewer threads than asked for still finish the walk
            }
        }
        work(0);
        for (auto& t : helpers)
            t.join();
        if (cancelled_)
            throw boost::system::system_error(boost::asio::error::operation_aborted);
        if (failure_)
            std::rethrow_exception(failure_);
    }

private:
    /// The calling thread (worker 0) is the only one that can see the caller's cancellation flag.
    bool should_stop(unsigned worker)
    {
        if (worker == 0 && !stop_.load(std::memory_order_relaxed) && cancellation_requested())
        {
            cancelled_ = true;
            stop_.store(true, std::memory_order_relaxed);
        }
        return stop_.load(std::memory_order_relaxed);
    }

    void work(unsigned worker)
    {
        worker_scratch scratch;
        const std::function<bool()> stopping = [this, worker] { return should_stop(worker); };
        for (;;)
        {
            dir_job job;
            {
                std::unique_lock lock(mutex_);
                for (;;)
                {
                    if (should_stop(worker))
                    {
                        wake_.notify_all();
                        return;
                    }
                    if (!stack_.empty())
                        break;
                    if (busy_ == 0)
                    {
                        wake_.notify_all();
                        return;  // nothing queued and nobody listing: the walk is over
                    }
                    if (worker == 0)
                        wake_.wait_for(lock, cancellation_poll);
                    else
                        wake_.wait(lock);
                }
                job = std::move(stack_.back());
                stack_.pop_back();
                ++busy_;
            }
            try
            {
                list_directory(worker, job, scratch, stopping);
            }
            catch (...)
            {
                std::lock_guard lock(mutex_);
                if (!failure_)
                    failure_ = std::current_exception();
                stop_.store(true, std::memory_order_relaxed);
            }
            job = {};  // closes the parent directory if this was its last pending child
            {
                std::lock_guard lock(mutex_);
                --busy_;
                if (busy_ == 0 && stack_.empty())
                    wake_.notify_all();
            }
        }
    }

    /// Reads every entry of `fd` into the scratch arena.
    static void read_entries(int fd, worker_scratch& s)
    {
        s.names.clear();
        s.entries.clear();
        for (;;)
        {
            const auto got = ::getdents64(fd, s.dirent_buffer.get(), worker_scratch::dirent_buffer_size);
            if (got <= 0)
                return;  // end, or an error: keep what was read
            for (ssize_t off = 0; off < got;)
            {
                const auto* d = reinterpret_cast<const struct dirent64*>(s.dirent_buffer.get() + off);
                off += d->d_reclen;
                const char* name = d->d_name;
                if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
                    continue;
                const auto size = std::strlen(name);
                s.entries.push_back({static_cast<std::uint32_t>(s.names.size()),
                                     static_cast<std::uint32_t>(size), d->d_type});
                s.names.append(name, size + 1);  // with its NUL, for openat
            }
        }
    }

    /// The node for a directory's entries: its parent's, or a new one when it holds ignore files or `.git`.
    std::shared_ptr<const ignore_node> node_for(int fd, const dir_job& job, const worker_scratch& s) const
    {
        const listed_entry* git = nullptr;
        bool has_ignore = false;
        bool has_gitignore = false;
        for (const auto& e : s.entries)
        {
            if (s.names[e.name_offset] != '.')
                continue;
            const std::string_view name(s.names.data() + e.name_offset, e.name_size);
            if (name == ".git")
                git = &e;
            else if (name == ".ignore")
                has_ignore = true;
            else if (name == ".gitignore")
                has_gitignore = true;
        }
        const bool parent_any_git = job.ignores && job.ignores->any_git;
        const bool any_git = parent_any_git || git != nullptr;
        if (!git && !has_ignore && !(has_gitignore && any_git))
            return job.ignores;
        auto node = std::make_shared<ignore_node>();
        node->parent = job.ignores;
        node->strip = job.path.empty() ? 0 : job.path.size() + 1;
        node->has_git = git != nullptr;
        node->any_git = any_git;
        if (has_ignore)
            if (auto text = read_small_file(fd, ".ignore"))
                node->dot_ignore = ignore_file(*text);
        if (has_gitignore && any_git)
            if (auto text = read_small_file(fd, ".gitignore"))
                node->gitignore = ignore_file(*text);
        if (git)
        {
            auto type = git->type;
            if (type == DT_UNKNOWN)
            {
                struct stat st;
                type = ::fstatat(fd, ".git", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode) ? DT_DIR
                                                                                                   : DT_REG;
            }
            if (type == DT_DIR || type == DT_REG)
                node->git_exclude = read_git_exclude(fd, type == DT_DIR, host_dir(job.path));
        }
        node->chain_has_rules = node->own_rules() || (job.ignores && job.ignores->chain_has_rules);
        return node;
    }

    std::string host_dir(const std::string& rel) const
    {
        return rel.empty() ? root_.host_path : root_.host_path + "/" + rel;
    }

    void list_directory(unsigned worker, const dir_job& job, worker_scratch& s,
                        const std::function<bool()>& stopping)
    {
        // The root is reopened through "." so that listing it neither moves nor depends on the offset
        // of the caller's descriptor.
        const int parent_fd = job.parent ? job.parent->fd() : root_.dir_fd;
        const auto slash = job.path.rfind('/');
        const auto name = !job.parent                  ? std::string(".")
                          : slash == std::string::npos ? job.path
                                                       : job.path.substr(slash + 1);
        const int fd = ::openat(parent_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            return;  // gone, unreadable, or replaced by a symbolic link
        const auto dir = std::make_shared<open_dir>(fd);
        read_entries(dir->fd(), s);
        const auto ignores = opts_.apply_ignore_files ? node_for(dir->fd(), job, s) : nullptr;
        const ignore_node* rules = ignores && ignores->chain_has_rules ? ignores.get() : nullptr;

        // Decide every entry's fate first, so subdirectories reach other workers before the files here
        // are searched.
        s.children.clear();
        std::size_t kept = 0;
        for (auto& e : s.entries)
        {
            const std::string_view name(s.names.data() + e.name_offset, e.name_size);
            auto type = e.type;
            if (type == DT_UNKNOWN)
            {
                struct stat st;
                if (::fstatat(dir->fd(), name.data(), &st, AT_SYMLINK_NOFOLLOW) != 0)
                    continue;
                type = S_ISDIR(st.st_mode)   ? DT_DIR
                       : S_ISREG(st.st_mode) ? DT_REG
                       : S_ISLNK(st.st_mode) ? DT_LNK
                                             : DT_UNKNOWN;
            }
            if (type != DT_DIR && type != DT_REG && !(type == DT_LNK && opts_.want_symlinks))
                continue;
            s.path.assign(job.path);
            if (!s.path.empty())
                s.path += '/';
            s.path.append(name);
            const bool is_dir = type == DT_DIR;
            auto verdict = ignore_verdict::none;
            if (rules)
            {
                verdict = evaluate(rules, s.path, is_dir);
                if (verdict == ignore_verdict::ignore)
                    continue;
            }
            // A hidden entry a negated ignore rule names is searched, as ripgrep does.
            if (name.front() == '.' && verdict != ignore_verdict::whitelist &&
                (is_dir ? opts_.skip_hidden_dirs : opts_.skip_hidden_files))
                continue;
            if (is_dir)
            {
                if (!opts_.prune || opts_.prune->may_match_below(s.path))
                    s.children.push_back({dir, s.path, ignores});
                continue;
            }
            e.type = type;
            s.entries[kept++] = e;
        }
        s.entries.resize(kept);
        if (!s.children.empty())
        {
            {
                std::lock_guard lock(mutex_);
                for (auto& child : s.children)
                    stack_.push_back(std::move(child));
            }
            if (s.children.size() > 1)
                wake_.notify_all();
            else
                wake_.notify_one();
            s.children.clear();
        }
        for (const auto& e : s.entries)
        {
            if (should_stop(worker))
                return;
            const std::string_view name(s.names.data() + e.name_offset, e.name_size);
            s.path.assign(job.path);
            if (!s.path.empty())
                s.path += '/';
            s.path.append(name);
            visitor_.visit(worker, {dir->fd(), name, s.path, e.type == DT_LNK, &stopping});
        }
    }

    const search_root& root_;
    const walk_options& opts_;
    walk_visitor& visitor_;
    const unsigned threads_;

    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<dir_job> stack_;
    std::size_t busy_{0};
    std::atomic<bool> stop_{false};
    bool cancelled_{false};  // written by worker 0 only, read after the join
    std::exception_ptr failure_;
};

}  // namespace

unsigned walk_threads(const walk_options& opts) noexcept
{
    if (opts.threads != 0)
        return opts.threads;
    return std::max(1u, std::thread::hardware_concurrency());
}

void walk_tree(const search_root& root, const walk_options& opts, walk_visitor& visitor)
{
    walker(root, opts, visitor).run();
}

}  // namespace agent_backends::detail
