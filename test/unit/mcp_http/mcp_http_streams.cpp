// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// mcp_http_server: event streams (progress, elicitation, the GET stream), concurrent calls, and calls
// cancelled by a client that hangs up or sends notifications/cancelled.
#include <agent_backends/permissions/permission_ruleset.hpp>

#include "common/printers.hpp"
#include "http_test_client.hpp"
#include "process_watch.hpp"

#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

using namespace agent_backends;
using namespace agent_backends::test;

namespace {

const std::string long_command =
    R"({"name":"execute","arguments":{"command":"echo $$ > started.pid; exec sleep 30"}})";

}  // namespace

BOOST_AUTO_TEST_SUITE(mcp_http_streams)

BOOST_AUTO_TEST_CASE(progress_turns_the_answer_into_an_event_stream)
{
    served_workspace w;
    mcp_client c(w.port());
    c.initialize();
    auto reply =
        c.call("tools/call",
               R"({"name":"execute","arguments":{"command":"sleep 0.3"},"_meta":{"progressToken":"p1"}})");
    BOOST_TEST(reply.status == 200u);
    BOOST_TEST(reply.content_type() == "text/event-stream");
    BOOST_TEST(reply.header("Cache-Control").find("no-cache") != std::string::npos);
    BOOST_TEST(reply.header("Mcp-Session-Id") == c.session());
    auto events = reply.events();
    BOOST_REQUIRE(events.size() >= 2u);
    for (std::size_t i = 0; i + 1 < events.size(); ++i)
    {
        BOOST_TEST(events[i].at("method").as_string() == "notifications/progress");
        BOOST_TEST(events[i].at("params").at("progressToken").as_string() == "p1");
    }
    BOOST_TEST(events.back().at("id").as_int64() == c.last_id());
    BOOST_TEST(!events.back().at("result").at("isError").as_bool());
    BOOST_TEST(c.call("ping").status == 200u);  // the connection is reused after the stream ended
}

BOOST_AUTO_TEST_CASE(call_without_progress_token_answers_json)
{
    served_workspace w;
    mcp_client c(w.port());
    c.initialize();
    auto reply = c.call("tools/call", R"({"name":"execute","arguments":{"command":"sleep 0.2"}})");
    BOOST_TEST(reply.status == 200u);
    BOOST_TEST(reply.content_type() == "application/json");
}

BOOST_AUTO_TEST_CASE(client_hanging_up_kills_the_running_command_and_the_server_serves_on)
{
    served_workspace w;
    mcp_client c(w.port());
    c.initialize();
    auto& conn = c.connection();
    conn.send(conn.request(http::verb::post, c.request_text("tools/call", long_command), c.session()));
    auto pid = pid_written_to(w.dir, "started.pid");
    BOOST_REQUIRE(pid > 0);
    BOOST_TEST(!process_gone(pid));
    conn.close();
    BOOST_TEST(eventually([&] { return process_gone(pid); }));
    mcp_client again(w.port());
    BOOST_TEST(again.post(again.request_text("ping"), c.session()).status == 200u);
}

BOOST_AUTO_TEST_CASE(long_call_does_not_hold_up_other_requests_of_the_session)
{
    served_workspace w;
    mcp_client c(w.port());
    c.initialize();
    http_connection busy(w.port());
    busy.send(busy.request(http::verb::post, c.request_text("tools/call", long_command), c.session()));
    auto pid = pid_written_to(w.dir, "started.pid");
    BOOST_REQUIRE(pid > 0);
    auto start = std::chrono::steady_clock::now();
    BOOST_TEST(c.call("ping").status == 200u);
    BOOST_TEST(c.call("tools/list").status == 200u);
    BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(5)));
    BOOST_TEST(!process_gone(pid));
    busy.close();
    BOOST_TEST(eventually([&] { return process_gone(pid); }));
}

BOOST_AUTO_TEST_CASE(cancelled_request_is_answered_202_and_its_command_killed)
{
    served_workspace w;
    mcp_client c(w.port());
    c.initialize();
    http_connection caller(w.port());
    caller.send(caller.request(http::verb::post, c.request_text("tools/call", long_command), c.session()));
    auto pid = pid_written_to(w.dir, "started.pid");
    BOOST_REQUIRE(pid > 0);
    auto cancel = c.post(R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":)" +
                         std::to_string(c.last_id()) + "}}");
    BOOST_TEST(cancel.status == 202u);
    auto answer = caller.receive();
    BOOST_TEST(answer.status == 202u);
    BOOST_TEST(answer.body.empty());
    BOOST_TEST(eventually([&] { return process_gone(pid); }));
}

BOOST_AUTO_TEST_CASE(elicitation_travels_on_the_request_stream_and_the_answer_comes_back_by_post)
{
    console_options opts;
    opts.permissions = permission_ruleset{
        .default_action = permission_action::allow,
        .execute = operation_permissions{.default_action = permission_action::ask},
    };
    served_workspace w({}, served_workspace::fast_progress(), opts);
    mcp_client c(w.port());
    c.initialize(R"({"elicitation":{}})");
    http_connection caller(w.port());
    caller.send(caller.request(
        http::verb::post,
        c.request_text("tools/call",
                       R"({"name":"execute","arguments":{"command":"echo ok > approved.txt"}})"),
        c.session()));
    auto call_id = c.last_id();
    auto head = caller.receive_header();
    BOOST_TEST(head.status == 200u);
    BOOST_TEST(head.content_type() == "text/event-stream");
    auto question = caller.next_event();
    BOOST_TEST(question.at("method").as_string() == "elicitation/create");
    BOOST_TEST(w.dir.read("approved.txt").empty());  // nothing ran before the answer

    auto accepted = c.post(R"({"jsonrpc":"2.0","id":)" + boost::json::serialize(question.at("id")) +
                           R"(,"result":{"action":"accept","content":{}}})");
    BOOST_TEST(accepted.status == 202u);
    auto answer = caller.next_event();
    BOOST_TEST(answer.at("id").as_int64() == call_id);
    BOOST_TEST(!answer.at("result").at("isError").as_bool());
    BOOST_TEST(w.dir.read("approved.txt") == "ok\n");
    BOOST_TEST(caller.receive_rest().empty());
}

BOOST_AUTO_TEST_CASE(get_opens_one_event_stream_per_session_that_ends_with_the_session)
{
    served_workspace w;
    mcp_client c(w.port());
    c.initialize();
    http_connection stream(w.port());
    stream.send(stream.request(http::verb::get, {}, c.session()));
    auto head = stream.receive_header();
    BOOST_TEST(head.status == 200u);
    BOOST_TEST(head.content_type() == "text/event-stream");

    http_connection second(w.port());
    BOOST_TEST(second.exchange(second.request(http::verb::get, {}, c.session())).status == 409u);
    auto no_sse = second.request(http::verb::get, {}, c.session());
    no_sse.set(http::field::accept, "application/json");
    BOOST_TEST(second.exchange(no_sse).status == 406u);
    BOOST_TEST(second.exchange(second.request(http::verb::get, {})).status == 400u);

    auto& conn = c.connection();
    BOOST_TEST(conn.exchange(conn.request(http::verb::delete_, {}, c.session())).status == 200u);
    BOOST_TEST(stream.receive_rest().empty());  // the stream ended properly (last chunk), no events
}

BOOST_AUTO_TEST_SUITE_END()
