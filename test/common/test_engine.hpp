// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_TEST_ENGINE_HPP
#define AGENT_BACKENDS_TEST_TEST_ENGINE_HPP

#include <agent_backends/http/http_endpoint.hpp>

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include <stdlib.h>

namespace agent_backends::test {

/// The private container engine CTest starts for these tests (scripts/test_engine.sh), or empty with the
/// reason logged when it is not running here. Use as:
/// `auto engine = test_engine(); if (!engine) return;`
inline std::optional<http_endpoint> test_engine()
{
    const char* host = std::getenv("AGENT_BACKENDS_TEST_DOCKER_HOST");
    if (!host || !*host)
    {
        BOOST_TEST_MESSAGE("skipped: no test engine (AGENT_BACKENDS_TEST_DOCKER_HOST unset; run through ctest)");
        return std::nullopt;
    }
    auto endpoint = http_endpoint::parse(host);
    if (!std::filesystem::exists(endpoint.socket_path))
    {
        std::string reason = "the engine did not start";
        if (const char* file = std::getenv("AGENT_BACKENDS_TEST_ENGINE_REASON"))
        {
            std::ifstream in(file);
            std::stringstream text;
            text << in.rdbuf();
            if (!text.str().empty())
                reason = text.str();
        }
        BOOST_TEST_MESSAGE("skipped: no test engine: " << reason);
        return std::nullopt;
    }
    return endpoint;
}

/// The image the test engine holds (busybox, imported without a registry).
inline std::string test_image()
{
    const char* image = std::getenv("AGENT_BACKENDS_TEST_IMAGE");
    return image && *image ? image : "agent-backends-test/busybox:latest";
}

}  // namespace agent_backends::test

#endif
