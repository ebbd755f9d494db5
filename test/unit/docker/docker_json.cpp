// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/docker_json.hpp"
#include "core/base64.hpp"

#include "common/printers.hpp"
#include "sandboxes/docker_engine_core.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

using namespace agent_backends;
namespace json = boost::json;

BOOST_AUTO_TEST_SUITE(docker_json)

BOOST_AUTO_TEST_CASE(container_body_carries_every_set_field)
{
    container_spec spec{.image = "img:1",
                        .command = {"sleep", "infinity"},
                        .env = {"A=1"},
                        .working_dir = "/work",
                        .user = "1000:1000",
                        .labels = {{"owner", "me"}},
                        .binds = {"/h:/c:ro"},
                        .memory_bytes = 64 << 20,
                        .cpus = 1.5,
                        .pids_limit = 100,
                        .network_mode = "none"};
    auto v = json::parse(detail::container_create_body(spec)).as_object();
    BOOST_TEST(v["Image"].as_string() == "img:1");
    BOOST_TEST(v["Cmd"].as_array().size() == 2u);
    BOOST_TEST(v["Env"].as_array()[0].as_string() == "A=1");
    BOOST_TEST(v["WorkingDir"].as_string() == "/work");
    BOOST_TEST(v["User"].as_string() == "1000:1000");
    BOOST_TEST(v["Labels"].as_object()["owner"].as_string() == "me");
    auto& host = v["HostConfig"].as_object();
    BOOST_TEST(host["Binds"].as_array()[0].as_string() == "/h:/c:ro");
    BOOST_TEST(host["Memory"].to_number<std::int64_t>() == 64 << 20);
    BOOST_TEST(host["MemorySwap"].to_number<std::int64_t>() == 64 << 20);
    BOOST_TEST(host["NanoCpus"].to_number<std::int64_t>() == 1'500'000'000);
    BOOST_TEST(host["PidsLimit"].to_number<std::int64_t>() == 100);
    BOOST_TEST(host["NetworkMode"].as_string() == "none");
    BOOST_TEST(host["SecurityOpt"].as_array()[0].as_string() == "no-new-privileges:true");
}

BOOST_AUTO_TEST_CASE(container_body_leaves_out_what_is_unset)
{
    auto v =
        json::parse(detail::container_create_body({.image = "i", .no_new_privileges = false})).as_object();
    BOOST_TEST(!v.contains("Cmd"));
    BOOST_TEST(!v.contains("Env"));
    BOOST_TEST(v["HostConfig"].as_object().empty());
}

BOOST_AUTO_TEST_CASE(exec_body_always_attaches_stdout_and_stderr)
{
    auto v = json::parse(detail::exec_create_body({.command = {"true"}})).as_object();
    BOOST_TEST(v["AttachStdout"].as_bool());
    BOOST_TEST(v["AttachStderr"].as_bool());
    BOOST_TEST(!v["AttachStdin"].as_bool());
    BOOST_TEST(!v["Tty"].as_bool());
}

BOOST_AUTO_TEST_CASE(exec_state_has_no_exit_code_while_running)
{
    auto running = detail::exec_state_of(R"({"Running":true,"ExitCode":0,"Pid":42})");
    BOOST_TEST_REQUIRE(running.has_value());
    BOOST_TEST(running->running);
    BOOST_TEST(!running->exit_code.has_value());
    BOOST_TEST(running->pid == 42);
    auto done = detail::exec_state_of(R"({"Running":false,"ExitCode":3})");
    BOOST_TEST((done->exit_code == 3));
    auto null_code = detail::exec_state_of(R"({"Running":false,"ExitCode":null})");
    BOOST_TEST(!null_code->exit_code.has_value());
}

BOOST_AUTO_TEST_CASE(path_stat_header_is_base64_json_with_go_file_mode)
{
    // {"name":"dir","size":4096,"mode":2147484141,"mtime":"2024-01-01T00:00:00Z","linkTarget":""}
    auto stat = detail::path_stat_of(
        "eyJuYW1lIjoiZGlyIiwic2l6ZSI6NDA5NiwibW9kZSI6MjE0NzQ4NDE0MSwibXRpbWUiOiIyMDI0LTAx"
        "LTAxVDAwOjAwOjAwWiIsImxpbmtUYXJnZXQiOiIifQ==");
    BOOST_TEST_REQUIRE(stat.has_value());
    BOOST_TEST(stat->name == "dir");
    BOOST_TEST(stat->size == 4096u);
    BOOST_TEST(stat->is_dir());
    BOOST_TEST((stat->mode & 0777) == 0755u);
    BOOST_TEST(stat->mtime == "2024-01-01T00:00:00Z");
    BOOST_TEST(!detail::path_stat_of("not base64!").has_value());
}

BOOST_AUTO_TEST_CASE(base64_decodes_with_and_without_padding)
{
    BOOST_TEST((detail::base64_decode("aGk=") == "hi"));
    BOOST_TEST((detail::base64_decode("aGk") == "hi"));
    BOOST_TEST((detail::base64_decode("aGVsbG8h") == "hello!"));
    BOOST_TEST((detail::base64_decode("") == ""));
    BOOST_TEST(!detail::base64_decode("a").has_value());
}

BOOST_AUTO_TEST_CASE(progress_lines_report_errors_stream_text_and_image_id)
{
    auto failed = detail::progress_line_of(R"({"errorDetail":{"message":"denied"},"error":"denied: no"})");
    BOOST_TEST((failed->error == "denied: no"));
    auto detail_only = detail::progress_line_of(R"({"errorDetail":{"message":"only detail"}})");
    BOOST_TEST((detail_only->error == "only detail"));
    auto odd = detail::progress_line_of(R"({"error":{"unexpected":1}})");
    BOOST_TEST(odd->error.has_value());
    auto step = detail::progress_line_of(R"({"stream":"Step 1/2 : FROM x\n"})");
    BOOST_TEST(!step->error.has_value());
    BOOST_TEST((step->stream == "Step 1/2 : FROM x\n"));
    auto aux = detail::progress_line_of(R"({"aux":{"ID":"sha256:abc"}})");
    BOOST_TEST((aux->aux_id == "sha256:abc"));
    BOOST_TEST(!detail::progress_line_of("not json").has_value());
}

BOOST_AUTO_TEST_CASE(engine_message_and_version_are_read)
{
    BOOST_TEST(
        (detail::engine_message_of(R"({"cause":"x","message":"No such container: a","response":404})") ==
         "No such container: a"));
    BOOST_TEST(!detail::engine_message_of("plain text").has_value());
    auto podman = detail::engine_version_of(R"({"Components":[{"Name":"Podman Engine","Version":"4.3.1"}],)"
                                            R"("Version":"4.3.1","ApiVersion":"1.41"})");
    BOOST_TEST(podman->is_podman);
    BOOST_TEST(podman->version == "4.3.1");
    auto docker = detail::engine_version_of(R"({"Components":[{"Name":"Engine"}],"Version":"24.0.7"})");
    BOOST_TEST(!docker->is_podman);
}

BOOST_AUTO_TEST_CASE(api_version_negotiation_takes_the_lower_version)
{
    BOOST_TEST(detail::lower_api_version("1.43", "1.41") == "1.41");
    BOOST_TEST(detail::lower_api_version("1.43", "1.45") == "1.43");
    BOOST_TEST(detail::lower_api_version("1.43", "1.9") == "1.9");
    BOOST_TEST(detail::lower_api_version("1.43", "garbage") == "1.43");
}

BOOST_AUTO_TEST_CASE(url_escape_keeps_paths_readable_and_escapes_the_rest)
{
    BOOST_TEST(detail::url_escape("/work dir/a&b=c.txt") == "/work%20dir/a%26b%3Dc.txt");
    BOOST_TEST(detail::url_escape("registry:5000/img@sha256:ab") == "registry:5000/img@sha256:ab");
    BOOST_TEST(detail::url_escape("\xc3\xa9") == "%C3%A9");
}

BOOST_AUTO_TEST_SUITE_END()
