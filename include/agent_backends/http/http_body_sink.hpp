// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_HTTP_HTTP_BODY_SINK_HPP
#define AGENT_BACKENDS_HTTP_HTTP_BODY_SINK_HPP

#include <agent_backends/task.hpp>

#include <functional>
#include <string_view>

namespace agent_backends {

/// \brief Receives a response body piece by piece, in order (at most 64 KiB a call).
/// \details The view is valid until the returned task completes; the next piece is read only then, so a slow
/// sink slows the transfer down instead of letting data pile up in memory.
using http_body_sink = std::function<task<void>(std::string_view piece)>;

}  // namespace agent_backends

#endif
