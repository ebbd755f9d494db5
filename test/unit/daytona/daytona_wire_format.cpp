// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// The Daytona documents and command lines, without a server: what we send and how we read answers.
#include <agent_backends/detail/output_capture.hpp>

#include "common/printers.hpp"
#include "sandboxes/daytona_command.hpp"
#include "sandboxes/daytona_execute_parser.hpp"
#include "sandboxes/daytona_json.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>
#include <memory>
#include <string>

#include <signal.h>
#include <sys/wait.h>

using namespace agent_backends;
using namespace agent_backends::detail;

namespace {

class collected final : public output_sink
{
public:
    void append(std::string_view bytes) override { text.append(bytes); }
    std::string text;
};

/// What `sh` prints running a command line as a toolbox would: split into words by quotes (the older
/// daemons), here given to `sh -c` whole, which reads the quotes the same way.
struct shell_run
{
    std::string output;
    int status{0};
};

shell_run run_in_shell(const std::string& command_line)
{
    shell_run out;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen((command_line + " 2>&1").c_str(), "r"), ::pclose);
    BOOST_REQUIRE(pipe);
    std::array<char, 4096> buffer;
    while (auto n = std::fread(buffer.data(), 1, buffer.size(), pipe.get()))
        out.output.append(buffer.data(), n);
    out.status = ::pclose(pipe.release());
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(daytona_wire_format_tests)

BOOST_AUTO_TEST_CASE(the_create_body_names_the_snapshot_or_builds_the_image)
{
    daytona_sandbox_options opts;
    opts.snapshot = "snap";
    opts.env = {{"A", "1"}};
    opts.labels = {{"k", "v"}};
    opts.auto_stop_minutes = 0;
    auto body = boost::json::parse(create_sandbox_body(opts, "id-1", "eu")).as_object();
    BOOST_TEST(body.at("snapshot").as_string() == "snap");
    BOOST_TEST(body.at("env").at("A").as_string() == "1");
    BOOST_TEST(body.at("labels").at("k").as_string() == "v");
    BOOST_TEST(body.at("labels").at("agent-backends.sandbox").as_string() == "id-1");
    BOOST_TEST(body.at("autoStopInterval").as_int64() == 0);
    BOOST_TEST(body.at("target").as_string() == "eu");
    BOOST_TEST(!body.contains("cpu"));
    BOOST_TEST(!body.contains("name"));

    opts.image = "node:20";
    opts.auto_stop_minutes.reset();
    body = boost::json::parse(create_sandbox_body(opts, "id-1", "")).as_object();
    BOOST_TEST(body.at("buildInfo").at("dockerfileContent").as_string() == "FROM node:20\n");
    BOOST_TEST(!body.contains("snapshot"));
    BOOST_TEST(!body.contains("autoStopInterval"));
    BOOST_TEST(!body.contains("target"));
}

BOOST_AUTO_TEST_CASE(error_messages_are_read_as_a_string_or_an_array)
{
    BOOST_TEST(*error_message_of(R"({"statusCode":404,"message":"Sandbox not found"})") ==
               "Sandbox not found");
    BOOST_TEST(*error_message_of(R"({"message":["cpu must be positive","memory too big"]})") ==
               "cpu must be positive; memory too big");
    BOOST_TEST(!error_message_of("not json"));
    BOOST_TEST(!error_message_of(R"({"error":"x"})"));
}

BOOST_AUTO_TEST_CASE(sandboxes_and_pages_of_them_are_read)
{
    auto one = parse_remote_sandbox(R"({"id":"s1","name":"n","state":"error","errorReason":"boom",)"
                                    R"("toolboxProxyUrl":"https://p/toolbox"})");
    BOOST_REQUIRE(one);
    BOOST_TEST(one->state == "error");
    BOOST_TEST(one->error_reason == "boom");
    BOOST_TEST(one->toolbox_proxy_url == "https://p/toolbox");
    BOOST_TEST(!parse_remote_sandbox(R"({"name":"no id"})"));
    BOOST_TEST(parse_remote_sandbox_list(R"([{"id":"a"},{"id":"b"}])")->size() == 2u);
    BOOST_TEST(parse_remote_sandbox_list(R"({"items":[{"id":"a"}],"total":1})")->size() == 1u);
    BOOST_TEST(!parse_remote_sandbox_list(R"({"id":"a"})"));
}

BOOST_AUTO_TEST_CASE(file_infos_tell_regular_files_from_the_rest)
{
    auto file = parse_file_info(R"({"name":"a","size":12,"mode":"-rw-r--r--","isDir":false,)"
                                R"("modTime":"2026-03-01T12:00:00.5Z"})");
    BOOST_REQUIRE(file);
    BOOST_TEST(file->is_regular);
    BOOST_TEST(file->size == 12u);
    BOOST_TEST(*file->modified_at == "2026-03-01T12:00:00.500000+00:00");
    auto dir = parse_file_info(R"({"name":"d","size":4096,"mode":"drwxr-xr-x","isDir":true})");
    BOOST_TEST(!dir->is_regular);
    auto pipe = parse_file_info(R"({"name":"p","size":0,"mode":"prw-r--r--","isDir":false})");
    BOOST_TEST(!pipe->is_regular);
    auto setuid = parse_file_info(R"({"name":"s","size":1,"mode":"urwxr-xr-x","isDir":false})");
    BOOST_TEST(setuid->is_regular);
    BOOST_TEST(!parse_file_info(R"({"name":"x"})"));
    BOOST_TEST(parse_file_list("null")->empty());
}

BOOST_AUTO_TEST_CASE(rfc3339_times_become_utc_iso8601)
{
    BOOST_TEST(*iso8601_from_rfc3339("2026-03-01T12:00:00Z") == "2026-03-01T12:00:00.000000+00:00");
    BOOST_TEST(*iso8601_from_rfc3339("2026-03-01T14:30:00.123456789+02:30") ==
               "2026-03-01T12:00:00.123456+00:00");
    BOOST_TEST(!iso8601_from_rfc3339("yesterday"));
    BOOST_TEST(!iso8601_from_rfc3339("2026-03-01T12:00:00"));
}

BOOST_AUTO_TEST_CASE(the_execute_answer_streams_its_output_to_the_sink_in_pieces)
{
    collected sink;
    daytona_execute_parser parser(sink);
    const std::string body = R"({"result":"line \"one\"\n\u00e9\ttwo","exitCode":3,"extra":{"result":"no"}})";
    for (char c : body)  // one byte at a time: every split point
        BOOST_REQUIRE(!parser.feed(std::string_view(&c, 1)));
    BOOST_REQUIRE(!parser.finish());
    BOOST_TEST(sink.text == "line \"one\"\n\xc3\xa9\ttwo");
    BOOST_TEST(parser.exit_code().value_or(-99) == 3);
}

BOOST_AUTO_TEST_CASE(the_execute_answer_must_be_an_object_with_an_exit_code)
{
    collected sink;
    {
        daytona_execute_parser parser(sink);
        BOOST_TEST(!parser.feed(R"({"result":"x"})"));
        BOOST_TEST(parser.finish().failed());  // no exitCode
    }
    {
        daytona_execute_parser parser(sink);
        BOOST_TEST(!parser.feed(R"({"exitCode":0,"result":"x")"));
        BOOST_TEST(parser.finish().failed());  // cut short
    }
    {
        daytona_execute_parser parser(sink);
        BOOST_TEST(parser.feed(R"({"exitCode":0} trailing)").failed());
    }
    {
        daytona_execute_parser parser(sink);
        BOOST_TEST(parser.feed("{\"message\": \"this is not JSON\n").failed());
    }
}

BOOST_AUTO_TEST_CASE(the_execute_answer_caps_large_output_through_the_capture)
{
    output_capture capture(100);
    daytona_execute_parser parser(capture);
    std::string body = R"({"exitCode":0,"result":")" + std::string(100000, 'x') + R"("})";
    BOOST_REQUIRE(!parser.feed(body));
    BOOST_REQUIRE(!parser.finish());
    BOOST_TEST(capture.truncated());
    BOOST_TEST(capture.total_bytes() == 100000u);
}

BOOST_AUTO_TEST_CASE(the_command_line_carries_any_script_through_word_splitting_and_shells)
{
    daytona_script script{"printf '%s|' \"$A\" \"it's\" 'x\"y'; cat; exit 5", {{"A", "a b'c"}}, "/tmp", "in"};
    const auto line = daytona_command_line(daytona_script_text(script), "tok123");
    BOOST_TEST(line.starts_with("env AGENT_BACKENDS_RUN=tok123 sh -c 'eval \"$(echo "));
    // Only base64 between the quotes: nothing a word splitter or a shell could misread.
    auto payload = line.substr(line.find("echo ") + 5);
    payload = payload.substr(0, payload.find(' '));
    BOOST_TEST(payload.find_first_not_of(
                   "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") == std::string::npos);
    auto run = run_in_shell(line);
    BOOST_TEST(run.output == "a b'c|it's|x\"y|in");
    BOOST_TEST(WEXITSTATUS(run.status) == 5);
    auto moved = run_in_shell(daytona_command_line(daytona_script_text({"pwd", {}, "/tmp"}), "t"));
    BOOST_TEST(moved.output == "/tmp\n");
    auto marked =
        run_in_shell(daytona_command_line(daytona_script_text({"echo $AGENT_BACKENDS_RUN"}), "tok9"));
    BOOST_TEST(marked.output == "tok9\n");
}

BOOST_AUTO_TEST_CASE(the_kill_script_ends_marked_processes_and_spares_the_rest)
{
    // A marked process tree and an unmarked process, both of ours.
    const auto marker = random_token();
    BOOST_TEST(marker.size() == 32u);
    BOOST_TEST(random_token() != marker);
    auto victim = run_in_shell(
        daytona_command_line(daytona_script_text({"sleep 30 & sleep 30 & echo started"}), marker) +
        " > /dev/null; echo launched");
    BOOST_TEST(victim.output == "launched\n");
    auto bystander = run_in_shell("sleep 30 > /dev/null 2>&1 & echo $!");
    const auto bystander_pid = std::stoi(bystander.output);
    auto killed = run_in_shell(
        daytona_command_line(daytona_kill_script(marker, std::chrono::milliseconds(200)), random_token()));
    BOOST_TEST(killed.status == 0);
    auto left = run_in_shell("grep -lsF AGENT_BACKENDS_RUN=" + marker + " /proc/[0-9]*/environ; true");
    BOOST_TEST(left.output == "");
    BOOST_TEST(::kill(bystander_pid, 0) == 0);  // untouched
    ::kill(bystander_pid, SIGKILL);
}

BOOST_AUTO_TEST_SUITE_END()
