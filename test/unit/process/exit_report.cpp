// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/detail/exit_report.hpp>

#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

#include <signal.h>

using namespace agent_backends;
using namespace std::chrono_literals;

namespace {
constexpr int exited_with(int code)
{
    return code << 8;
}  // the waitpid encoding
constexpr int killed_by(int sig)
{
    return sig;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(exit_report_tests)

BOOST_AUTO_TEST_CASE(exit_code_is_the_code_or_128_plus_the_signal)
{
    BOOST_TEST(detail::exit_code_of(exited_with(0)) == 0);
    BOOST_TEST(detail::exit_code_of(exited_with(3)) == 3);
    BOOST_TEST(detail::exit_code_of(killed_by(SIGKILL)) == 137);
    BOOST_TEST(detail::exit_code_of(killed_by(SIGTERM)) == 143);
}

BOOST_AUTO_TEST_CASE(signal_note_names_the_signal)
{
    BOOST_TEST(detail::signal_note(killed_by(SIGKILL)).value() == "Killed by signal 9 (SIGKILL)");
    BOOST_TEST(detail::signal_note(killed_by(SIGSEGV)).value() == "Killed by signal 11 (SIGSEGV)");
    BOOST_TEST(!detail::signal_note(exited_with(137)).has_value());
}

BOOST_AUTO_TEST_CASE(timeout_note_shows_whole_seconds_without_decimals)
{
    BOOST_TEST(detail::timeout_note(120s) == "Error: Command timed out after 120 s");
    BOOST_TEST(detail::timeout_note(1500ms) == "Error: Command timed out after 1.5 s");
    BOOST_TEST(detail::timeout_note(250ms) == "Error: Command timed out after 0.25 s");
    BOOST_TEST(detail::timeout_note(1ms) == "Error: Command timed out after 0.001 s");
}

BOOST_AUTO_TEST_CASE(killed_response_ends_with_the_signal_line)
{
    auto r = detail::exited_response("partial", false, killed_by(SIGKILL));
    BOOST_TEST(r.output == "partial\nKilled by signal 9 (SIGKILL)");
    BOOST_TEST(r.exit_code.value_or(-1) == 137);
    auto clean = detail::exited_response("done\n", false, exited_with(0));
    BOOST_TEST(clean.output == "done\n");
    BOOST_TEST(clean.exit_code.value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(timed_out_response_keeps_output_and_exits_124)
{
    auto r = detail::timed_out_response("start\n", true, 2s);
    BOOST_TEST(r.output == "start\nError: Command timed out after 2 s");
    BOOST_TEST(r.exit_code.value_or(-1) == 124);
    BOOST_TEST(r.truncated);
    BOOST_TEST(detail::timed_out_response("", false, 2s).output == "Error: Command timed out after 2 s");
}

BOOST_AUTO_TEST_SUITE_END()
