// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SYNC_BACKEND_HPP
#define AGENT_BACKENDS_SYNC_BACKEND_HPP

#include <agent_backends/types.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace agent_backends {

/// \brief The \ref backend interface with plain, blocking return types.
///
/// \details Implement this for storage that is naturally synchronous (a local disk, a C library) and
/// turn it into a \ref backend with \ref ensure_async, which runs each call on a thread pool. Semantics,
/// path rules and errors are those of \ref backend.
///
/// Long operations should poll \ref cancellation_requested and throw
/// `boost::system::system_error(boost::asio::error::operation_aborted)` when it turns true.
///
/// \par Thread safety
/// `ensure_async` may call any method from several pool threads at once.
class sync_backend
{
public:
    virtual ~sync_backend() = default;

    virtual bool exists(std::string_view path) = 0;
    virtual std::vector<file_info> ls(std::string_view path) = 0;
    virtual std::string read(std::string_view path, read_options opts = {}) = 0;
    virtual std::string read_bytes(std::string_view path) = 0;
    virtual write_result write(std::string_view path, std::string_view content) = 0;
    virtual edit_result edit(std::string_view path, edit_request req) = 0;
    virtual std::vector<file_info> glob(std::string_view pattern, std::string_view path = "/") = 0;
    virtual std::vector<grep_match> grep(grep_request req) = 0;
};

/// \brief True when the asynchronous call that is running the current synchronous call was cancelled.
/// \details Meaningful on a thread running a call made through \ref ensure_async; false elsewhere.
bool cancellation_requested() noexcept;

/// \brief Throws `operation_aborted` when \ref cancellation_requested is true.
void throw_if_cancellation_requested();

}  // namespace agent_backends

#endif
