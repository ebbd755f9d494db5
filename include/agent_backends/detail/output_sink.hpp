// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_DETAIL_OUTPUT_SINK_HPP
#define AGENT_BACKENDS_DETAIL_OUTPUT_SINK_HPP

#include <string_view>

namespace agent_backends::detail {

/// Where the bytes read from a command's output pipe go.
class output_sink
{
public:
    virtual void append(std::string_view bytes) = 0;

protected:
    ~output_sink() = default;
};

}  // namespace agent_backends::detail

#endif
