// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/kubernetes_exec_protocol.hpp"

#include <agent_backends/error.hpp>

#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace agent_backends;
using namespace agent_backends::detail;
using namespace std::string_literals;

namespace agent_backends::detail {
inline std::ostream& operator<<(std::ostream& os, exec_message::kind k)
{
    return os << static_cast<int>(k);
}
}  // namespace agent_backends::detail

BOOST_AUTO_TEST_SUITE(kubernetes_exec_protocol)

BOOST_AUTO_TEST_CASE(exec_target_has_one_command_parameter_per_argument_url_encoded)
{
    auto target = exec_target("agents", "sbx-1", "main", {"sh", "-c", "echo hi & x=1/2"}, false);
    BOOST_TEST(target ==
               "/api/v1/namespaces/agents/pods/sbx-1/exec?container=main&command=sh&command=-c"
               "&command=echo%20hi%20%26%20x%3D1%2F2&stdin=false&stdout=true&stderr=true&tty=false");
    BOOST_TEST(exec_target("n", "p", "c", {"cat"}, true).find("&stdin=true&") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(url_encode_keeps_unreserved_characters_and_encodes_every_other_byte)
{
    BOOST_TEST(url_encode("AZaz09-._~") == "AZaz09-._~");
    BOOST_TEST(url_encode("a b\n\xff%") == "a%20b%0A%FF%25");
    BOOST_TEST(url_encode(""s) == "");
}

BOOST_AUTO_TEST_CASE(readiness_and_empty_messages_are_ignored)
{
    for (auto message : {""s, "\x01"s, "\x02"s, "\x03"s})
    {
        auto decoded = decode_exec_message(message);
        BOOST_REQUIRE(decoded.has_value());
        BOOST_TEST(decoded->type == exec_message::kind::ignored);
    }
}

BOOST_AUTO_TEST_CASE(channels_one_two_and_three_carry_stdout_stderr_and_status)
{
    const auto message = "\x01hello\0x"s;
    auto out = decode_exec_message(message);
    BOOST_REQUIRE(out.has_value());
    BOOST_TEST(out->type == exec_message::kind::stdout_data);
    BOOST_TEST(out->payload == "hello\0x"s);
    auto err = decode_exec_message("\x02oops");
    BOOST_REQUIRE(err.has_value());
    BOOST_TEST(err->type == exec_message::kind::stderr_data);
    BOOST_TEST(err->payload == "oops");
    auto status = decode_exec_message("\x03{}");
    BOOST_REQUIRE(status.has_value());
    BOOST_TEST(status->type == exec_message::kind::status);
    BOOST_TEST(status->payload == "{}");
}

BOOST_AUTO_TEST_CASE(a_message_on_an_unknown_channel_is_a_protocol_error)
{
    auto decoded = decode_exec_message("\x07zz");
    BOOST_REQUIRE(decoded.has_error());
    BOOST_TEST(decoded.error() == make_error_code(errc::protocol_error));
    BOOST_TEST(decode_exec_message("\x00zz"s).has_error());
}

BOOST_AUTO_TEST_CASE(success_status_is_exit_code_zero)
{
    auto status = parse_exec_status(R"({"metadata":{},"status":"Success"})");
    BOOST_REQUIRE(status.has_value());
    BOOST_TEST(status->exit_code.value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(non_zero_exit_code_comes_from_the_exit_code_cause)
{
    auto status = parse_exec_status(
        R"({"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: error )"
        R"(executing command [sh -c exit 3], exit code 3","reason":"NonZeroExitCode",)"
        R"("details":{"causes":[{"reason":"Other","message":"9"},{"reason":"ExitCode","message":"3"}]}})");
    BOOST_REQUIRE(status.has_value());
    BOOST_TEST(status->exit_code.value_or(-1) == 3);
}

BOOST_AUTO_TEST_CASE(other_failures_carry_the_server_message_and_no_exit_code)
{
    auto status = parse_exec_status(R"({"status":"Failure","reason":"InternalError","code":500,)"
                                    R"("message":"exec: \"nope\": executable file not found in $PATH"})");
    BOOST_REQUIRE(status.has_value());
    BOOST_TEST(!status->exit_code);
    BOOST_TEST(status->failure == "exec: \"nope\": executable file not found in $PATH");
    auto bare = parse_exec_status(R"({"status":"Failure","reason":"NonZeroExitCode"})");
    BOOST_REQUIRE(bare.has_value());
    BOOST_TEST(!bare->exit_code);
    BOOST_TEST(bare->failure.find("NonZeroExitCode") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_status_that_is_not_a_json_object_is_a_protocol_error)
{
    BOOST_TEST(parse_exec_status("not json").has_error());
    BOOST_TEST(parse_exec_status("[1,2]").has_error());
    BOOST_TEST(parse_exec_status("").has_error());
}

BOOST_AUTO_TEST_CASE(stdin_goes_on_channel_zero_and_closes_with_ff_00)
{
    BOOST_TEST(stdin_message("ab\xff") == "\0ab\xff"s);
    BOOST_TEST(stdin_close_message() == "\xff\0"s);
}

BOOST_AUTO_TEST_SUITE_END()
