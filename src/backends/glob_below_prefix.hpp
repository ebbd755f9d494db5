// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_BACKENDS_GLOB_BELOW_PREFIX_HPP
#define AGENT_BACKENDS_SRC_BACKENDS_GLOB_BELOW_PREFIX_HPP

#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::detail {

/// A glob `pattern`, relative to some base directory, asked of a child mounted at `mount` (its path relative to
/// that base, e.g. `memories/notes`): the patterns, relative to the child's root, whose matches may match
/// `pattern` once prefixed with `mount/`. Empty when nothing inside the mount can match. The result is exact
/// for patterns without braces and a superset otherwise, so callers filter with the full pattern.
std::vector<std::string> glob_patterns_below(std::string_view pattern, std::string_view mount);

}  // namespace agent_backends::detail

#endif
