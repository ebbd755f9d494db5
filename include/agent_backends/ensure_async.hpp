// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_ENSURE_ASYNC_HPP
#define AGENT_BACKENDS_ENSURE_ASYNC_HPP

#include <agent_backends/backend.hpp>
#include <agent_backends/sync_backend.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <memory>

namespace agent_backends {

/// \brief Makes a \ref backend of a \ref sync_backend: each call runs on `pool` and resumes on the
/// caller's executor.
///
/// \details Use an executor of a `boost::asio::thread_pool` (not of the io_context the caller runs), so a
/// slow disk never blocks the caller.
///
/// \par Cancellation
/// Terminal, partial and total. Cancelling sets \ref cancellation_requested for the running call, waits
/// for it to return (nothing keeps running behind the caller's back) and throws `operation_aborted`.
std::shared_ptr<backend> ensure_async(std::shared_ptr<sync_backend> sync, boost::asio::any_io_executor pool);

/// \brief A \ref backend is already asynchronous: returned unchanged.
inline std::shared_ptr<backend> ensure_async(std::shared_ptr<backend> async, const boost::asio::any_io_executor&)
{
    return async;
}

}  // namespace agent_backends

#endif
