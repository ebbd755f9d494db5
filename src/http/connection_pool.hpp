// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_HTTP_CONNECTION_POOL_HPP
#define AGENT_BACKENDS_SRC_HTTP_CONNECTION_POOL_HPP

#include "http/connection.hpp"

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace agent_backends::detail {

/// Idle keep-alive connections of one client, most recently used first. Thread-safe.
class connection_pool
{
public:
    connection_pool(std::size_t capacity, std::chrono::milliseconds idle_timeout);

    /// An idle connection that still looks usable, or null. Stale and expired ones are closed on the way.
    std::unique_ptr<connection> take();

    /// Keeps a connection for reuse; closes it when the pool is full.
    void put(std::unique_ptr<connection> conn);

    std::size_t size() const;
    void clear() noexcept;

private:
    std::size_t capacity_;
    std::chrono::milliseconds idle_timeout_;
    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<connection>> idle_;  // back = most recently returned
};

}  // namespace agent_backends::detail

#endif
