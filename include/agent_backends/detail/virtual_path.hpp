// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_DETAIL_VIRTUAL_PATH_HPP
#define AGENT_BACKENDS_DETAIL_VIRTUAL_PATH_HPP

#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::detail {

/// The non-empty components of a `/`-separated path, `.` included (`/a//b/` -> `a`, `b`).
std::vector<std::string_view> split_path_components(std::string_view path);

/// Normalises a virtual path lexically: `a`, `/a`, `./a`, `/x/../a` and `/a/` all give `/a`; `""`, `"."`
/// and `"/"` give `/`; repeated slashes collapse.
/// Throws `error(invalid_argument)` for a NUL byte and `error(escapes_root)` for a path that climbs
/// above the root; messages name the path as given.
std::string normalize_virtual_path(std::string_view path);

/// Lexically normalised absolute path (`/a/./b/../c` -> `/a/c`); `..` at `/` stays at `/`.
std::string lexically_normal_absolute(std::string_view path);

/// `/a/b` -> `a/b`; `/` -> `` (the form relative to a root directory).
inline std::string_view relative_part(std::string_view normalized) noexcept
{
    return normalized.empty() ? normalized : normalized.substr(1);
}

/// Joins a normalised directory and a relative path: (`/`, `a/b`) -> `/a/b`, (`/d`, `a`) -> `/d/a`.
std::string join_virtual(std::string_view normalized_dir, std::string_view relative);

/// The last component of a normalised path (`/` for the root).
std::string_view base_name(std::string_view normalized) noexcept;

/// Whether a normalised path has a component starting with `.` (below `/`).
bool has_hidden_component(std::string_view normalized) noexcept;

}  // namespace agent_backends::detail

#endif
