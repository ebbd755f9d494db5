// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SEARCH_FILE_GREP_HPP
#define AGENT_BACKENDS_SRC_SEARCH_FILE_GREP_HPP

#include <agent_backends/detail/line_matcher.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>

namespace agent_backends::detail {

/// A reusable read buffer that searches open files chunk by chunk: one `read` fills it for most files;
/// a larger file is searched 1 MiB at a time, the partial last line carried over, so memory stays
/// bounded (a single line longer than 64 MiB is searched in pieces).
class file_grep
{
public:
    using line_callback = std::function<bool(std::size_t line_number, std::string_view line)>;

    file_grep();

    /// Reports the matching lines of `fd` (read from its current offset) through `on_line`; nothing when
    /// the file is binary (a NUL in its first 8 KB) or cannot be read. `stop` is consulted between
    /// chunks: returning true ends the search.
    void search(int fd, const line_matcher& matcher, const line_callback& on_line,
                const std::function<bool()>& stop = {});

private:
    void grow(std::size_t capacity, std::size_t keep);

    std::unique_ptr<char[]> data_;
    std::size_t capacity_{0};
};

}  // namespace agent_backends::detail

#endif
