// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_DOCKER_EXEC_STREAM_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_DOCKER_EXEC_STREAM_HPP

#include <agent_backends/http/upgraded_stream.hpp>
#include <agent_backends/sandboxes/docker_types.hpp>

#include "sandboxes/exec_frame_decoder.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace agent_backends::detail {

/// The hijacked connection of an attached exec and the decoding state of its multiplexed output.
struct exec_stream_state
{
    explicit exec_stream_state(upgraded_stream s, std::string exec_id)
        : stream(std::move(s)), exec_id(std::move(exec_id)), buffer(64 * 1024)
    {}

    upgraded_stream stream;
    std::string exec_id;
    exec_frame_decoder decoder{};
    std::vector<char> buffer;
    std::size_t begin{0};  ///< Undecoded bytes are buffer[begin, end).
    std::size_t end{0};
    std::optional<exec_output> held{};  ///< A piece of the other stream, decoded ahead of its turn.
    bool finished{false};
};

}  // namespace agent_backends::detail

#endif
