// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TASK_HPP
#define AGENT_BACKENDS_TASK_HPP

#include <boost/asio/awaitable.hpp>

namespace agent_backends {

/// \brief The return type of every asynchronous operation of the library.
/// \details An `awaitable` is lazy: nothing runs until it is `co_await`ed or `co_spawn`ed.
template <class T>
using task = boost::asio::awaitable<T>;

}  // namespace agent_backends

#endif
