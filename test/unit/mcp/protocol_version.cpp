// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// The protocol revisions the server speaks: one list for negotiation and the HTTP header check.
#include "mcp/protocol_version.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace agent_backends::detail;

BOOST_AUTO_TEST_SUITE(mcp_protocol_version)

BOOST_AUTO_TEST_CASE(protocol_versions_the_server_speaks_are_supported)
{
    BOOST_TEST(is_supported_protocol_version("2025-06-18"));
    BOOST_TEST(is_supported_protocol_version("2025-03-26"));
    BOOST_TEST(is_supported_protocol_version("2024-11-05"));
    BOOST_TEST(!is_supported_protocol_version("1999-01-01"));
    BOOST_TEST(!is_supported_protocol_version(""));
}

BOOST_AUTO_TEST_CASE(negotiation_echoes_a_supported_revision_and_offers_the_latest_otherwise)
{
    BOOST_TEST(negotiate_protocol_version("2025-03-26") == "2025-03-26");
    BOOST_TEST(negotiate_protocol_version("2024-11-05") == "2024-11-05");
    BOOST_TEST(negotiate_protocol_version("2025-11-25") == "2025-06-18");
    BOOST_TEST(negotiate_protocol_version("") == "2025-06-18");
    BOOST_TEST(supported_protocol_versions_text() == "2025-06-18, 2025-03-26, 2024-11-05");
}

BOOST_AUTO_TEST_SUITE_END()
