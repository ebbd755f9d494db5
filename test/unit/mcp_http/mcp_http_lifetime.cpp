// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// mcp_http_server: binding, url(), and how run() ends (stop() or cancellation).
#include <agent_backends/state_backend.hpp>

#include "common/printers.hpp"
#include "http_test_client.hpp"
#include "process_watch.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/system/system_error.hpp>
#include <boost/test/unit_test.hpp>

#include <exception>
#include <memory>
#include <string>

namespace asio = boost::asio;
using namespace agent_backends;
using namespace agent_backends::test;

namespace {

mcp_server memory_server()
{
    return mcp_server(console_toolset(std::make_shared<state_backend>()));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mcp_http_lifetime)

BOOST_AUTO_TEST_CASE(port_zero_picks_a_free_port_known_before_run)
{
    asio::io_context io;
    mcp_http_server server(io.get_executor(), memory_server(), {.path = "/rpc"});
    BOOST_TEST(server.port() != 0u);
    BOOST_TEST(server.url() == "http://127.0.0.1:" + std::to_string(server.port()) + "/rpc");
}

BOOST_AUTO_TEST_CASE(binding_a_port_in_use_throws)
{
    asio::io_context io;
    mcp_http_server first(io.get_executor(), memory_server());
    mcp_http_options taken;
    taken.port = first.port();
    // reuse_address does not let two listeners share a port that is listening.
    BOOST_CHECK_THROW(mcp_http_server(io.get_executor(), memory_server(), taken),
                      boost::system::system_error);
}

BOOST_AUTO_TEST_CASE(stop_ends_run_closing_streams_and_killing_running_commands)
{
    served_workspace w;
    mcp_client c(w.port());
    c.initialize();
    http_connection stream(w.port());
    stream.send(stream.request(http::verb::get, {}, c.session()));
    BOOST_TEST(stream.receive_header().status == 200u);
    http_connection busy(w.port());
    busy.send(busy.request(http::verb::post,
                           c.request_text("tools/call", R"({"name":"execute","arguments":{"command":)"
                                                        R"("echo $$ > started.pid; exec sleep 30"}})"),
                           c.session()));
    auto pid = pid_written_to(w.dir, "started.pid");
    BOOST_REQUIRE(pid > 0);

    w.server().stop();
    auto ended = w.wait_run(std::chrono::seconds(10));
    BOOST_REQUIRE_MESSAGE(ended.has_value(), "run() did not return after stop()");
    BOOST_TEST(!*ended);  // returned normally
    BOOST_TEST(process_gone(pid));
    BOOST_CHECK_THROW(http_connection{w.port()}, boost::system::system_error);  // nobody listens
}

BOOST_AUTO_TEST_CASE(cancelling_run_closes_the_server_and_throws_operation_aborted)
{
    asio::io_context io;
    mcp_http_server server(io.get_executor(), memory_server());
    asio::cancellation_signal cancel;
    std::exception_ptr failure;
    bool done = false;
    asio::co_spawn(io, server.run(), asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e) {
                       failure = e;
                       done = true;
                   }));
    io.poll();
    BOOST_TEST(!done);
    cancel.emit(asio::cancellation_type::terminal);
    io.run();
    BOOST_REQUIRE(done);
    BOOST_REQUIRE(failure);
    try
    {
        std::rethrow_exception(failure);
    }
    catch (const boost::system::system_error& e)
    {
        BOOST_TEST(e.code() == asio::error::operation_aborted);
    }
}

BOOST_AUTO_TEST_CASE(stop_before_run_makes_run_return_at_once)
{
    asio::io_context io;
    mcp_http_server server(io.get_executor(), memory_server());
    server.stop();
    bool done = false;
    std::exception_ptr failure;
    asio::co_spawn(io, server.run(), [&](std::exception_ptr e) {
        failure = e;
        done = true;
    });
    io.run_for(std::chrono::seconds(5));
    BOOST_TEST(done);
    BOOST_TEST(!failure);
}

BOOST_AUTO_TEST_SUITE_END()
