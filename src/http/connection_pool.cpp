// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "http/connection_pool.hpp"

#include <utility>

namespace agent_backends::detail {

connection_pool::connection_pool(std::size_t capacity, std::chrono::milliseconds idle_timeout)
    : capacity_(capacity), idle_timeout_(idle_timeout)
{}

std::unique_ptr<connection> connection_pool::take()
{
    auto now = std::chrono::steady_clock::now();
    std::vector<std::unique_ptr<connection>> discarded;  // closed outside the lock
    std::unique_ptr<connection> found;
    {
        std::lock_guard lock(mutex_);
        while (!idle_.empty())
        {
            auto conn = std::move(idle_.back());
            idle_.pop_back();
            if (now - conn->idle_since > idle_timeout_ || conn->is_stale())
            {
                discarded.push_back(std::move(conn));
                continue;
            }
            found = std::move(conn);
            break;
        }
    }
    return found;
}

void connection_pool::put(std::unique_ptr<connection> conn)
{
    conn->idle_since = std::chrono::steady_clock::now();
    std::unique_ptr<connection> overflow;  // closed outside the lock
    std::lock_guard lock(mutex_);
    if (idle_.size() < capacity_)
        idle_.push_back(std::move(conn));
    else
        overflow = std::move(conn);
}

std::size_t connection_pool::size() const
{
    std::lock_guard lock(mutex_);
    return idle_.size();
}

void connection_pool::clear() noexcept
{
    std::vector<std::unique_ptr<connection>> closing;
    std::lock_guard lock(mutex_);
    closing.swap(idle_);
}

}  // namespace agent_backends::detail
