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

/// Renders lines [offset, offset + limit) as `"%6d\t%s"` joined by `\n`, then `"\n\n... (N more lines)"`
/// if lines remain. Line endings are not part of a line: `\r\n` counts once and its `\r` is not shown (nor
/// is a `\r` ending the data); a final `\n` does not start a new line. Invalid UTF-8 is shown with U+FFFD,
/// as Python's `errors="replace"` does. Empty content gives `"(empty file)"` whatever the offset.
///
/// Streams: the source is pulled in 64 KiB chunks, skipped and counted lines are scanned with `memchr`, and
/// at most 200,000 rendered characters are kept, so memory stays bounded whatever the size of the source.
///
/// Throws `error(invalid_argument)` "Offset {o} exceeds file length ({n} lines)", and applies the
/// 200,000-character ceiling (characters are code points, never cut inside one; the footer counts): a read
/// with `offset != 0` or `limit != 2000` over it throws `error(too_large)`, a default read is cut at 200,000
/// characters and ends with a note saying so.
std::string render_numbered_lines(const byte_source& source, read_options opts);
std::string render_numbered_lines(std::string_view content, read_options opts);

}  // namespace agent_backends::detail

#endif
