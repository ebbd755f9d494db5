// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "search/file_grep.hpp"

#include <agent_backends/detail/binary_detection.hpp>

#include "search/file_io.hpp"
#include "search/literal_search.hpp"

#include <cstring>

namespace agent_backends::detail {
namespace {

/// Most source files fit in one read of this size.
constexpr std::size_t initial_capacity = 256 * 1024;

/// Larger files are searched this much at a time.
constexpr std::size_t chunk_capacity = 1024 * 1024;

/// A line longer than this is searched in pieces rather than held whole.
constexpr std::size_t max_line_capacity = 64 * 1024 * 1024;

}  // namespace

file_grep::file_grep()
{
    grow(initial_capacity, 0);
}

void file_grep::grow(std::size_t capacity, std::size_t keep)
{
    std::unique_ptr<char[]> bigger(new char[capacity]);
    if (keep != 0)
        std::memcpy(bigger.get(), data_.get(), keep);
    data_ = std::move(bigger);
    capacity_ = capacity;
}

void file_grep::search(int fd, const line_matcher& matcher, const line_callback& on_line,
                       const std::function<bool()>& stop)
{
    if (capacity_ > chunk_capacity)
        grow(chunk_capacity, 0);  // a giant line in the last file does not keep its memory
    std::size_t length = 0;       // bytes held
    std::size_t next_line = 1;    // number of the first line held
    bool probed = false;          // binary check done
    bool finished = false;        // on_line asked to stop
    auto report = [&](std::size_t line, std::string_view text) {
        if (!on_line(line, text))
        {
            finished = true;
            return false;
        }
        return true;
    };
    for (;;)
    {
        bool eof = false;
        while (length < capacity_)
        {
            const auto got = read_some(fd, data_.get() + length, capacity_ - length);
            if (got < 0)
                return;  // unreadable: searched as far as it could be
            if (got == 0)
            {
                eof = true;
                break;
            }
            length += static_cast<std::size_t>(got);
            if (!probed && length >= binary_probe_bytes)
            {
                if (looks_binary({data_.get(), length}))
                    return;
                probed = true;
            }
        }
        if (!probed && looks_binary({data_.get(), length}))
            return;
        probed = true;
        const std::string_view held(data_.get(), length);
        if (eof)
        {
            matcher.for_each_matching_line(held, report, next_line);
            return;
        }
        if (capacity_ < chunk_capacity)
        {
            grow(chunk_capacity, length);
            continue;
        }
        // Search the complete lines held; carry the partial last one over.
        const void* last_nl = ::memrchr(data_.get(), '\n', length);
        std::size_t complete =
            last_nl ? static_cast<std::size_t>(static_cast<const char*>(last_nl) - data_.get()) + 1 : 0;
        if (complete == 0)
        {
            if (capacity_ < max_line_capacity)
            {
                grow(capacity_ * 2, length);
                continue;
            }
            complete = length;  // a giant line: search it in pieces
        }
        const auto part = held.substr(0, complete);
        matcher.for_each_matching_line(part, report, next_line);
        if (finished || (stop && stop()))
            return;
        next_line += count_newlines(part);
        std::memmove(data_.get(), data_.get() + complete, length - complete);
        length -= complete;
    }
}

}  // namespace agent_backends::detail
