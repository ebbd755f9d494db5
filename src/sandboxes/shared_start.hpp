// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_SHARED_START_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_SHARED_START_HPP

// One start of a remote sandbox (a pod, a Daytona sandbox) shared by every operation that needs the
// sandbox while it runs: they all wait for it and see how it ended. A waiter that is cancelled stops
// waiting at once; the last one to give up cancels the start and waits until it has cleaned up, so
// nothing it created outlives the callers that wanted it.

#include <agent_backends/task.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstddef>
#include <exception>
#include <memory>

namespace agent_backends::detail {

/// Used on one strand.
class shared_start
{
public:
    /// Runs `work` on `strand`. `work` ends by throwing when the start failed or was cancelled (terminal
    /// cancellation from \ref abort or the last waiter); it cleans up what it made before it does.
    static std::shared_ptr<shared_start> launch(const boost::asio::any_io_executor& strand, task<void> work);

    explicit shared_start(const boost::asio::any_io_executor& strand);

    /// Returns once the start has ended (see \ref failure). `cancellable`: the caller's cancellation ends
    /// the wait with `operation_aborted` (the last such waiter cancels the start and waits for its cleanup
    /// first); otherwise the wait is not interruptible.
    task<void> wait(bool cancellable);

    /// Cancels the start (a stop that arrives while it runs); \ref wait then returns after its cleanup.
    void abort();

    bool finished() const noexcept { return finished_; }
    /// How the start ended: empty on success.
    const std::exception_ptr& failure() const noexcept { return failure_; }

private:
    static task<void> run(std::shared_ptr<shared_start> self, task<void> work);
    task<void> wait_until_finished();

    boost::asio::steady_timer done_signal_;  ///< Never expires; cancelled once the start ended.
    boost::asio::cancellation_signal cancel_;
    std::size_t waiters_{0};
    bool finished_{false};
    std::exception_ptr failure_;
};

}  // namespace agent_backends::detail

#endif
