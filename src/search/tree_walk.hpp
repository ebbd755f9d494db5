// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SEARCH_TREE_WALK_HPP
#define AGENT_BACKENDS_SRC_SEARCH_TREE_WALK_HPP

#include <agent_backends/detail/glob_pattern.hpp>
#include <agent_backends/detail/tree_search.hpp>

#include <functional>
#include <string_view>

namespace agent_backends::detail {

/// A file the walk keeps, valid for the duration of the visit.
struct walk_entry
{
    int dir_fd;             ///< The directory holding the entry.
    std::string_view name;  ///< Its name in `dir_fd`; `name.data()` is NUL-terminated.
    std::string_view path;  ///< Relative to the search root, `/`-separated.
    bool is_symlink;        ///< A symbolic link (to anything); otherwise a regular file.
    /// True once the walk is stopping (cancelled or failed): a long visit should poll it and return.
    const std::function<bool()>* stopping;
};

/// Receives the files of a walk, from several threads at once.
class walk_visitor
{
public:
    virtual ~walk_visitor() = default;

    /// Called on worker `worker` (below `walk_threads(...)`): one worker never runs two visits at once.
    virtual void visit(unsigned worker, const walk_entry& entry) = 0;
};

struct walk_options
{
    unsigned threads{0};            ///< 0: one per core.
    bool skip_hidden_files{true};   ///< Skip files whose name starts with `.`.
    bool skip_hidden_dirs{true};    ///< Skip directories whose name starts with `.`.
    bool apply_ignore_files{true};  ///< Honour .ignore, and .gitignore / .git/info/exclude in a git tree.
    bool want_symlinks{false};      ///< Hand symbolic links to the visitor (they are never followed).
    const glob_pattern* prune{nullptr};  ///< Enter only directories below which this pattern may match.
};

/// The number of workers a walk with these options runs (the calling thread is worker 0).
unsigned walk_threads(const walk_options& opts) noexcept;

/// Walks the tree below `root.dir_fd` on `walk_threads(opts)` threads: a shared stack of directories,
/// each opened with `openat(parent, name, O_NOFOLLOW | O_DIRECTORY)` and listed with `getdents64`
/// (entry types from `d_type`; `fstatat` only when the file system leaves it unknown). Symbolic links
/// to directories are never entered; unreadable directories are skipped.
///
/// Polls `cancellation_requested()` on the calling thread and throws
/// `boost::system::system_error(operation_aborted)` once it is set. Rethrows what a visit threw.
void walk_tree(const search_root& root, const walk_options& opts, walk_visitor& visitor);

}  // namespace agent_backends::detail

#endif
