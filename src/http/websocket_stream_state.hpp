// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_HTTP_WEBSOCKET_STREAM_STATE_HPP
#define AGENT_BACKENDS_SRC_HTTP_WEBSOCKET_STREAM_STATE_HPP

#include <agent_backends/http/http_response.hpp>
#include <agent_backends/http/websocket_options.hpp>
#include <agent_backends/http/websocket_stream.hpp>

#include "http/websocket_session.hpp"

#include <memory>
#include <optional>
#include <string>

namespace agent_backends::detail {

/// The state behind a websocket_stream.
struct websocket_stream_state
{
    std::unique_ptr<websocket_session> session;
    http_response response;  ///< The 101 answer.
    std::string subprotocol;
    std::string url;  ///< Endpoint and target, for messages.
    websocket_options options;
    std::optional<websocket_close> close_reason;  ///< Set once a read saw the server's close frame.
    bool closed{false};                           ///< By close(), a failure or a cancellation.
    std::string closed_because;                   ///< Why, for the error of a later operation.
};

}  // namespace agent_backends::detail

#endif
