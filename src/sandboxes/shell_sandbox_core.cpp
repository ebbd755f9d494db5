// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/shell_sandbox_core.hpp"

#include <utility>

using clock_type = std::chrono::steady_clock;

namespace agent_backends::detail {

shell_sandbox_core::shell_sandbox_core(boost::asio::any_io_executor ex, std::string sandbox_id,
                                       std::string dir)
    : executor(std::move(ex)), id(std::move(sandbox_id)), work_dir(std::move(dir))
{}

shell_sandbox_core::~shell_sandbox_core() = default;

void shell_sandbox_core::set_lost(std::string message)
{
    std::lock_guard lock(mutex_);
    lost_message_ = std::move(message);
}

std::string shell_sandbox_core::lost_message() const
{
    std::lock_guard lock(mutex_);
    return lost_message_;
}

void shell_sandbox_core::clear_lost()
{
    std::lock_guard lock(mutex_);
    lost_message_.clear();
}

void shell_sandbox_core::touch() noexcept
{
    last_activity_.store(clock_type::now().time_since_epoch().count(), std::memory_order_relaxed);
}

std::optional<clock_type::time_point> shell_sandbox_core::last_activity() const noexcept
{
    auto ticks = last_activity_.load(std::memory_order_relaxed);
    if (ticks == 0)
        return std::nullopt;
    return clock_type::time_point(clock_type::duration(ticks));
}

}  // namespace agent_backends::detail
