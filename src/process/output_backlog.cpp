// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/detail/output_backlog.hpp>

#include "process/utf8_edges.hpp"

#include <utility>

namespace agent_backends::detail {

output_backlog::output_backlog(std::size_t max_bytes) : max_bytes_(max_bytes) {}

void output_backlog::append(std::string_view bytes)
{
    if (bytes.empty())
        return;
    at_line_start_ = bytes.back() == '\n';
    if (bytes.size() > max_bytes_)
    {
        buffer_.clear();
        start_ = 0;
        buffer_.append(bytes.substr(bytes.size() - max_bytes_));
        drop_front(0);
        return;
    }
    buffer_.append(bytes);
    if (size() > max_bytes_)
        drop_front(size() - max_bytes_);
}

void output_backlog::drop_front(std::size_t n)
{
    dropped_ = true;
    start_ += n;
    start_ += utf8_continuation_prefix(std::string_view(buffer_).substr(start_));
    // Compacting only once the dropped part outgrows the kept budget keeps the cost per byte constant.
    if (start_ > max_bytes_)
    {
        buffer_.erase(0, start_);
        start_ = 0;
    }
}

output_backlog::taken output_backlog::take()
{
    taken t{buffer_.substr(start_), dropped_};
    buffer_.clear();
    start_ = 0;
    dropped_ = false;
    return t;
}

}  // namespace agent_backends::detail
