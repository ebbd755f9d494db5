// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/call_log.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

using namespace agent_backends::detail;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(call_log)

BOOST_AUTO_TEST_CASE(line_has_method_subject_milliseconds_and_outcome)
{
    BOOST_TEST(call_log_line("tools/call", "read_file", 1850us, "ok") == "tools/call read_file 1.9 ms ok");
    BOOST_TEST(call_log_line("frobnicate", "", 0us, "error -32601") == "frobnicate - 0.0 ms error -32601");
}

BOOST_AUTO_TEST_CASE(client_text_cannot_break_or_forge_lines)
{
    BOOST_TEST(call_log_line("a\nb", "Claude Code", 0us, "ok") == "a?b Claude_Code 0.0 ms ok");
    auto line = call_log_line(std::string(500, 'm'), "", 0us, "ok");
    BOOST_TEST(line == std::string(80, 'm') + "... - 0.0 ms ok");
}

BOOST_AUTO_TEST_SUITE_END()
