// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_CORE_IGNORE_CANCELLATION_HPP
#define AGENT_BACKENDS_SRC_CORE_IGNORE_CANCELLATION_HPP

#include <boost/asio/cancellation_type.hpp>

namespace agent_backends::detail {

/// A cancellation filter that lets nothing through, for `this_coro::reset_cancellation_state` in work
/// that must finish once begun (a cleanup, a stop, a kill).
inline auto ignore_cancellation()
{
    return [](boost::asio::cancellation_type) { return boost::asio::cancellation_type::none; };
}

}  // namespace agent_backends::detail

#endif
