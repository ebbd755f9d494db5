// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/detail/output_capture.hpp>

#include "process/utf8_edges.hpp"

#include <algorithm>

namespace agent_backends::detail {

output_capture::output_capture(std::size_t max_bytes)
    : head_limit_(max_bytes / 2), tail_limit_(max_bytes - max_bytes / 2)
{}

void output_capture::append(std::string_view bytes)
{
    total_ += bytes.size();
    if (head_.size() < head_limit_)
    {
        auto n = std::min(bytes.size(), head_limit_ - head_.size());
        head_.append(bytes.substr(0, n));
        bytes.remove_prefix(n);
    }
    if (bytes.empty())
        return;
    if (bytes.size() >= tail_limit_)
    {
        tail_.assign(bytes.substr(bytes.size() - tail_limit_));
        return;
    }
    tail_.append(bytes);
    // Dropping the front only when the tail doubled keeps the cost per byte constant.
    if (tail_.size() > tail_limit_ && tail_.size() - tail_limit_ > tail_limit_)
        tail_.erase(0, tail_.size() - tail_limit_);
}

std::string output_capture::take()
{
    std::string out;
    if (!truncated())
    {
        out = std::move(head_);
        out += tail_;
    }
    else
    {
        if (tail_.size() > tail_limit_)
            tail_.erase(0, tail_.size() - tail_limit_);
        head_.resize(utf8_complete_prefix(head_));
        tail_.erase(0, utf8_continuation_prefix(tail_));
        auto omitted = total_ - head_.size() - tail_.size();
        out = std::move(head_);
        if (!out.empty() && out.back() != '\n')
            out += '\n';
        out += "... [" + std::to_string(omitted) + " bytes omitted] ...\n";
        out += tail_;
    }
    head_.clear();
    tail_.clear();
    total_ = 0;
    return out;
}

}  // namespace agent_backends::detail
