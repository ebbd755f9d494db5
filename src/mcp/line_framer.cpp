// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/line_framer.hpp"

#include <cstring>

namespace agent_backends::detail {
namespace {

bool is_blank(std::string_view s)
{
    return s.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

std::vector<framed_line> line_framer::feed(std::string_view bytes)
{
    std::vector<framed_line> out;
    while (!bytes.empty())
    {
        const auto* nl = static_cast<const char*>(std::memchr(bytes.data(), '\n', bytes.size()));
        std::size_t seg = nl ? static_cast<std::size_t>(nl - bytes.data()) : bytes.size();
        if (skipping_)
        {
            if (nl)
                skipping_ = false;
        }
        else if (partial_.size() + seg > max_)
        {
            partial_.clear();
            partial_.shrink_to_fit();
            out.push_back({.text = {}, .too_long = true});
            skipping_ = nl == nullptr;
        }
        else
        {
            partial_.append(bytes.data(), seg);
            if (nl)
                complete(out);
        }
        bytes.remove_prefix(nl ? seg + 1 : seg);
    }
    return out;
}

std::vector<framed_line> line_framer::finish()
{
    std::vector<framed_line> out;
    if (!skipping_)
        complete(out);
    skipping_ = false;
    return out;
}

void line_framer::complete(std::vector<framed_line>& out)
{
    if (!partial_.empty() && partial_.back() == '\r')
        partial_.pop_back();
    if (!is_blank(partial_))
        out.push_back({.text = std::move(partial_)});
    partial_ = std::string();
}

}  // namespace agent_backends::detail
