// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/sync_backend.hpp>

#include <agent_backends/detail/glob_pattern.hpp>
#include <agent_backends/detail/line_matcher.hpp>
#include <agent_backends/detail/tree_search.hpp>

#include "search/file_grep.hpp"
#include "search/file_io.hpp"
#include "search/tree_walk.hpp"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <memory>
#include <optional>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace agent_backends::detail {
namespace {

std::int64_t mtime_ns(const struct stat& st) noexcept
{
    return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

/// The real path of an open file, from /proc/self/fd.
std::optional<std::string> real_path_of(int fd)
{
    char link[64];
    std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    char target[PATH_MAX];
    const auto n = ::readlink(link, target, sizeof target - 1);
    if (n <= 0)
        return std::nullopt;
    return std::string(target, static_cast<std::size_t>(n));
}

class glob_visitor final : public walk_visitor
{
public:
    glob_visitor(const search_root& root, const glob_pattern& pattern, bool want_stat, unsigned threads)
        : pattern_(pattern), want_stat_(want_stat), found_(threads)
    {
        // Links are listed only when their target stays inside the workspace.
        const auto& top = root.stop_at.empty() ? root.host_path : root.stop_at;
        if (char* real = ::realpath(top.c_str(), nullptr))
        {
            workspace_ = real;
            std::free(real);
        }
    }

    void visit(unsigned worker, const walk_entry& e) override
    {
        if (!pattern_.matches(e.path))
            return;
        found_file f{std::string(e.path), 0, 0};
        if (e.is_symlink)
        {
            struct stat st;
            if (::fstatat(e.dir_fd, e.name.data(), &st, 0) != 0 || !S_ISREG(st.st_mode) || !target_inside(e))
                return;
            f.size = static_cast<std::uint64_t>(st.st_size);
            f.mtime_ns = mtime_ns(st);
        }
        else if (want_stat_)
        {
            struct stat st;
            if (::fstatat(e.dir_fd, e.name.data(), &st, AT_SYMLINK_NOFOLLOW) != 0)
                return;  // gone since it was listed
            f.size = static_cast<std::uint64_t>(st.st_size);
            f.mtime_ns = mtime_ns(st);
        }
        found_[worker].push_back(std::move(f));
    }

    std::vector<found_file> take_sorted()
    {
        std::vector<found_file> all;
        std::size_t total = 0;
        for (const auto& part : found_)
            total += part.size();
        all.reserve(total);
        for (auto& part : found_)
            std::move(part.begin(), part.end(), std::back_inserter(all));
        std::sort(all.begin(), all.end(),
                  [](const found_file& a, const found_file& b) { return a.path < b.path; });
        return all;
    }

private:
    bool target_inside(const walk_entry& e) const
    {
        if (workspace_.empty())
            return false;
        const unique_fd fd(::openat(e.dir_fd, e.name.data(), O_PATH | O_CLOEXEC));
        if (!fd)
            return false;
        const auto real = real_path_of(fd.get());
        return real &&
               (workspace_ == "/" || (real->starts_with(workspace_) && real->size() > workspace_.size() &&
                                      (*real)[workspace_.size()] == '/'));
    }

    const glob_pattern& pattern_;
    const bool want_stat_;
    std::string workspace_;
    std::vector<std::vector<found_file>> found_;
};

class grep_visitor final : public walk_visitor
{
public:
    grep_visitor(const line_matcher& matcher, const glob_pattern* filter, unsigned threads)
        : matcher_(matcher), filter_(filter), workers_(threads)
    {}

    void visit(unsigned worker, const walk_entry& e) override
    {
        if (e.is_symlink || (filter_ && !filter_->matches(e.path)))
            return;
        const unique_fd fd(
            ::openat(e.dir_fd, e.name.data(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK));
        if (!fd)
            return;
        auto& w = workers_[worker];
        if (!w.reader)
            w.reader = std::make_unique<file_grep>();
        w.reader->search(
            fd.get(), matcher_,
            [&](std::size_t line, std::string_view text) {
                w.hits.push_back({std::string(e.path), line, std::string(text)});
                return true;
            },
            *e.stopping);
    }

    std::vector<grep_hit> take_sorted()
    {
        std::vector<grep_hit> all;
        std::size_t total = 0;
        for (const auto& w : workers_)
            total += w.hits.size();
        all.reserve(total);
        for (auto& w : workers_)
            std::move(w.hits.begin(), w.hits.end(), std::back_inserter(all));
        // One file's hits are contiguous and in line order: a stable sort by path keeps them so.
        std::stable_sort(all.begin(), all.end(),
                         [](const grep_hit& a, const grep_hit& b) { return a.path < b.path; });
        return all;
    }

private:
    struct worker_state
    {
        std::unique_ptr<file_grep> reader;
        std::vector<grep_hit> hits;
    };

    const line_matcher& matcher_;
    const glob_pattern* filter_;
    std::vector<worker_state> workers_;
};

}  // namespace

std::vector<found_file> glob_files(const search_root& root, const glob_query& q)
{
    const glob_pattern pattern(q.pattern);
    walk_options opts;
    opts.threads = q.threads;
    const auto named = names_hidden_entries(q.pattern);
    opts.skip_hidden_files = q.ignore_hidden && !named.files;
    opts.skip_hidden_dirs = q.ignore_hidden && !named.dirs;
    opts.apply_ignore_files = q.ignore_hidden;
    opts.want_symlinks = true;
    opts.prune = &pattern;
    glob_visitor visitor(root, pattern, q.want_stat, walk_threads(opts));
    walk_tree(root, opts, visitor);
    return visitor.take_sorted();
}

std::vector<grep_hit> grep_files(const search_root& root, const grep_query& q)
{
    const line_matcher matcher(q.pattern, q.ignore_case);
    std::optional<glob_pattern> filter;
    if (!q.glob.empty())
    {
        filter.emplace(q.glob);  // errors name the glob as given
        if (q.glob.find('/') == std::string::npos)
            filter.emplace("**/" + q.glob);
    }
    walk_options opts;
    opts.threads = q.threads;
    opts.skip_hidden_files = q.ignore_hidden;
    opts.skip_hidden_dirs = q.ignore_hidden;
    opts.apply_ignore_files = q.ignore_hidden;
    opts.prune = filter ? &*filter : nullptr;
    grep_visitor visitor(matcher, filter ? &*filter : nullptr, walk_threads(opts));
    walk_tree(root, opts, visitor);
    return visitor.take_sorted();
}

std::vector<grep_hit> grep_file(int file_fd, const grep_query& q)
{
    const line_matcher matcher(q.pattern, q.ignore_case);
    std::vector<grep_hit> hits;
    file_grep reader;
    reader.search(
        file_fd, matcher,
        [&](std::size_t line, std::string_view text) {
            hits.push_back({std::string(), line, std::string(text)});
            return true;
        },
        [] { return cancellation_requested(); });
    throw_if_cancellation_requested();
    return hits;
}

}  // namespace agent_backends::detail
