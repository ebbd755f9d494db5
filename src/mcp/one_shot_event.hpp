// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_MCP_ONE_SHOT_EVENT_HPP
#define AGENT_BACKENDS_SRC_MCP_ONE_SHOT_EVENT_HPP

#include <agent_backends/task.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>

namespace agent_backends::detail {

/// Something that happens once (a client's cancellation, an awaited answer); one waiter at a time.
/// Used from one strand.
class one_shot_event
{
public:
    explicit one_shot_event(boost::asio::any_io_executor ex);

    /// Marks the event as happened and wakes the waiter. Later calls do nothing.
    void set();

    bool is_set() const noexcept { return set_; }

    /// Completes once the event has happened. Throws `operation_aborted` when the waiter is cancelled first.
    task<void> wait();

    /// True once the event has happened, false when the waiter was cancelled first (no exception: for a
    /// waiter whose cancellation is the usual end, such as a watch on a call that finished).
    task<bool> wait_or_cancelled();

    /// True once the event has happened, false when `limit` passes first. Throws `operation_aborted` when
    /// the waiter is cancelled first.
    task<bool> wait_for(std::chrono::steady_clock::duration limit);

private:
    boost::asio::steady_timer timer_;
    bool set_{false};
};

}  // namespace agent_backends::detail

#endif
