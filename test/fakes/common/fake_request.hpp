// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_COMMON_FAKE_REQUEST_HPP
#define AGENT_BACKENDS_TEST_FAKES_COMMON_FAKE_REQUEST_HPP

#include <string>

namespace agent_backends::test {

/// \brief One request a fake server has read.
struct fake_request
{
    std::string method;
    std::string target;  ///< As received (with the query, and for Docker any `/vX.Y` prefix).
    std::string path;    ///< Without the query (and Docker's version prefix).
};

}  // namespace agent_backends::test

#endif
