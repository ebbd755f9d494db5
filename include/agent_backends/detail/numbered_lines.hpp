// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_DETAIL_NUMBERED_LINES_HPP
#define AGENT_BACKENDS_DETAIL_NUMBERED_LINES_HPP

#include <agent_backends/types.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// Fills `buf` with up to `capacity` bytes; returns how many, 0 at the end of the data.
using byte_source = std::function<std::size_t(char* buf, std::size_t capacity)>;

/// Largest rendered read, in characters (code points), before the ceiling rules apply.
inline constexpr std::size_t max_read_chars = 200'000;

/// Renders lines [offset, offset + limit) as `"%6d\t%s"` joined by `\n` (line endings, `\r\n` included,
/// are not part of a line; a final `\n` does not start a new line), then `"\n\n... (N more lines)"` if lines
/// remain. Streams: memory stays bounded by the rendered slice whatever the size of the source.
/// Empty content gives `"(empty file)"`. `display_path` is only for messages.
/// Throws `error(invalid_argument)` "Offset {o} exceeds file length ({n} lines)", and applies the
/// 200,000-character ceiling of spec/backends.md (`too_large` for an explicit range, truncation note for a
/// default read).
std::string render_numbered_lines(const byte_source& source, read_options opts);
std::string render_numbered_lines(std::string_view content, read_options opts);

}  // namespace agent_backends::detail

#endif
