// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/with_timeout.hpp>

#include <chrono>
#include <string>

namespace agent_backends::detail {

std::string timeout_message(std::chrono::steady_clock::duration d)
{
    using namespace std::chrono;
    auto ms = duration_cast<milliseconds>(d).count();
    if (ms % 1000 == 0)
        return "Operation timed out after " + std::to_string(ms / 1000) + " s";
    return "Operation timed out after " + std::to_string(ms) + " ms";
}

}  // namespace agent_backends::detail
