// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_BACKENDS_ROOT_RESOLVER_HPP
#define AGENT_BACKENDS_SRC_BACKENDS_ROOT_RESOLVER_HPP

#include "core/unique_fd.hpp"

#include <string>
#include <string_view>

namespace agent_backends::detail {

/// An entry opened below the root, or why not (an errno value: `EXDEV` when the path or a symbolic link
/// on it leads outside the root, `ELOOP` past 40 links, `ENOENT`, `ENOTDIR`, `EACCES`, ...).
struct opened_entry
{
    unique_fd fd;
    int error{0};
};

/// The directory that holds an entry and the entry's name in it, or why not (errno values as above).
/// The name is never `.`/`..` and, unless a concurrent change replaced it since, never a symbolic link.
struct located_entry
{
    unique_fd dir;
    std::string name;
    int error{0};
};

/// \brief Resolves relative paths below a directory it keeps open, never leaving it.
///
/// \details Paths are relative, `/`-separated and lexically normalised (no `.`/`..`, as
/// `relative_part(normalize_virtual_path(p))` gives). Symbolic links are followed while their targets
/// stay inside the root: a relative target resolves against the directory holding the link, an absolute
/// target counts as inside when it names the root's host path or lies below it. Nothing trusts a string
/// check: resolution runs from the root descriptor, through `openat2(RESOLVE_BENEATH |
/// RESOLVE_NO_MAGICLINKS)` when the kernel has it, otherwise (and for what it refuses: absolute links,
/// links that might lead out) one component at a time with `O_NOFOLLOW`, holding each directory open, so
/// a directory swapped for a link mid-way cannot redirect it.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: safe.
class root_resolver
{
public:
    /// Creates `root` (and its parents) if missing and opens it. Throws `error(unavailable)`.
    explicit root_resolver(std::string_view root);

    /// Canonical absolute host path of the root.
    const std::string& host_path() const noexcept { return host_path_; }

    /// The `O_PATH | O_DIRECTORY` descriptor of the root, open for the object's life.
    int fd() const noexcept { return root_fd_.get(); }

    /// Opens the entry at `relative` (`""`: the root) with `open_flags` (`O_CLOEXEC` is added), following
    /// links that stay inside, the last component's included.
    opened_entry open(std::string_view relative, int open_flags) const;

    /// Locates the entry at `relative` for replacing it: the directory that holds it, opened, and its name.
    /// A link in the last position is followed (its target, existing or not, is the entry). With
    /// `create_parents`, missing directories on the way are created (`mkdirat`, mode 0777 less the umask).
    /// The root itself has no holding directory: `EISDIR`.
    located_entry locate(std::string_view relative, bool create_parents) const;

    /// Host path of a directory opened by \ref open (for finding `.gitignore` files; never shown).
    std::string host_path_of(int dir_fd, std::string_view relative) const;

private:
    opened_entry walk_open(std::string_view relative, int open_flags) const;
    located_entry walk_locate(std::string_view relative, bool create_parents) const;

    unique_fd root_fd_;
    std::string host_path_;
};

/// Whether resolution may use `openat2` (true by default; false after the kernel answered `ENOSYS`).
/// Turning it off forces the component-by-component walk everywhere (to test it).
void set_openat2_enabled(bool enabled) noexcept;
bool openat2_enabled() noexcept;

}  // namespace agent_backends::detail

#endif
