// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/docker_engine.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "engine_test_support.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>

namespace asio = boost::asio;
using namespace agent_backends;
using namespace std::chrono_literals;
using test::shared_container;
using test::with_engine;

namespace {

test::exec_result run(std::vector<std::string> command, std::optional<std::string> input = std::nullopt)
{
    return with_engine(*shared_container::host, [&](docker_engine& engine) {
        return test::run_exec(engine, shared_container::id, command, input);
    });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(docker_engine_exec, *boost::unit_test::fixture<shared_container>())

BOOST_AUTO_TEST_CASE(stdout_and_stderr_arrive_separated)
{
    if (!shared_container::host)
        return;
    auto r = run({"sh", "-c", "echo out1; echo err1 >&2; echo out2; echo err2 >&2"});
    BOOST_TEST(r.out == "out1\nout2\n");
    BOOST_TEST(r.err == "err1\nerr2\n");
    BOOST_TEST(r.exit_code == 0);
}

BOOST_AUTO_TEST_CASE(exit_code_comes_from_inspect_after_the_stream_ends)
{
    if (!shared_container::host)
        return;
    BOOST_TEST(run({"sh", "-c", "exit 7"}).exit_code == 7);
    BOOST_TEST(run({"false"}).exit_code == 1);
    BOOST_TEST(run({"true"}).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(env_working_dir_and_user_apply_to_the_exec)
{
    if (!shared_container::host)
        return;
    auto r = with_engine(*shared_container::host, [](docker_engine& engine) -> task<test::exec_result> {
        auto id =
            co_await engine.create_exec(shared_container::id, {.command = {"sh", "-c", "echo $X; pwd; id -u"},
                                                               .env = {"X=exec env"},
                                                               .working_dir = "/tmp",
                                                               .user = "65534"});
        auto stream = co_await engine.start_exec(id);
        test::exec_result r;
        while (auto piece = co_await stream.read())
            r.out += piece->data;
        r.exit_code = (co_await test::finished_exec(engine, id)).exit_code.value_or(-1);
        co_return r;
    });
    BOOST_TEST(r.out == "exec env\n/tmp\n65534\n");
}

BOOST_AUTO_TEST_CASE(stdin_round_trips_through_cat_including_binary_bytes)
{
    if (!shared_container::host)
        return;
    std::string input = "line one\n";
    for (int i = 0; i < 256; ++i)
        input.push_back(static_cast<char>(i));
    input += std::string(200'000, 'z');
    auto r = run({"cat"}, input);
    BOOST_TEST(r.out.size() == input.size());
    BOOST_TEST((r.out == input));
    BOOST_TEST(r.exit_code == 0);
}

BOOST_AUTO_TEST_CASE(five_megabytes_of_output_stream_intact)
{
    if (!shared_container::host)
        return;
    constexpr std::size_t size = 5'000'000;
    std::chrono::steady_clock::duration streaming{};
    auto r = with_engine(*shared_container::host, [&](docker_engine& engine) -> task<test::exec_result> {
        auto id = co_await engine.create_exec(
            shared_container::id,
            {.command = {"sh", "-c", "yes 0123456789abcdef | head -c 5000000; echo done >&2"}});
        auto stream = co_await engine.start_exec(id);
        test::exec_result r;
        r.out.reserve(size);
        auto started = std::chrono::steady_clock::now();
        while (auto piece = co_await stream.read())
            (piece->stream == exec_stream_kind::stderr_stream ? r.err : r.out) += piece->data;
        streaming = std::chrono::steady_clock::now() - started;
        r.exit_code = (co_await test::finished_exec(engine, id)).exit_code.value_or(-1);
        co_return r;
    });
    BOOST_TEST_REQUIRE(r.out.size() == size);
    std::string expected_line = "0123456789abcdef\n";
    bool intact = true;
    for (std::size_t i = 0; i < size && intact; ++i)
        intact = r.out[i] == expected_line[i % expected_line.size()];
    BOOST_TEST(intact);
    BOOST_TEST(r.err == "done\n");
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST_MESSAGE("5 MB of exec output streamed in "
                       << std::chrono::duration_cast<std::chrono::milliseconds>(streaming).count() << " ms");
}

BOOST_AUTO_TEST_CASE(cancelling_a_read_of_a_running_command_is_prompt_and_operation_aborted)
{
    if (!shared_container::host)
        return;
    asio::io_context io;
    docker_engine engine(io.get_executor(), *shared_container::host);
    asio::cancellation_signal cancel;
    std::exception_ptr failure;
    bool done = false;
    std::chrono::steady_clock::duration read_time{};
    asio::co_spawn(
        io,
        [&]() -> task<void> {
            auto id = co_await engine.create_exec(shared_container::id, {.command = {"sleep", "30"}});
            auto stream = co_await engine.start_exec(id);
            asio::steady_timer timer(io, 200ms);
            timer.async_wait(
                [&](boost::system::error_code) { cancel.emit(asio::cancellation_type::terminal); });
            auto started = std::chrono::steady_clock::now();
            try
            {
                co_await stream.read();
            }
            catch (...)
            {
                read_time = std::chrono::steady_clock::now() - started;
                throw;
            }
        },
        asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e) {
            failure = e;
            done = true;
        }));
    io.run();
    BOOST_TEST_REQUIRE(done);
    BOOST_TEST_REQUIRE(static_cast<bool>(failure));
    try
    {
        std::rethrow_exception(failure);
    }
    catch (const boost::system::system_error& e)
    {
        BOOST_TEST((e.code() == asio::error::operation_aborted), e.what());
    }
    BOOST_TEST((read_time < 2s));

    // The command is still running in the container; end it as a sandbox would, with a second exec.
    auto killed = run({"sh", "-c", "pkill -f 'sleep [3]0'; echo killed"});
    BOOST_TEST(killed.out == "killed\n");
}

BOOST_AUTO_TEST_CASE(the_awaitable_or_operator_cancels_a_pending_read)
{
    if (!shared_container::host)
        return;
    using namespace asio::experimental::awaitable_operators;
    std::chrono::steady_clock::duration race_time{};
    auto winner = with_engine(*shared_container::host, [&](docker_engine& engine) -> task<std::size_t> {
        auto id = co_await engine.create_exec(shared_container::id, {.command = {"sleep", "31"}});
        auto stream = co_await engine.start_exec(id);
        auto started = std::chrono::steady_clock::now();
        asio::steady_timer timer(co_await asio::this_coro::executor, 200ms);
        auto r = co_await (stream.read() || timer.async_wait(asio::use_awaitable));
        race_time = std::chrono::steady_clock::now() - started;
        co_return r.index();
    });
    BOOST_TEST(winner == 1u);
    BOOST_TEST((race_time < 2s));
    run({"pkill", "-f", "sleep 31"});
}

BOOST_AUTO_TEST_CASE(exec_of_a_missing_program_reports_a_failure)
{
    if (!shared_container::host)
        return;
    // Engines differ: a non-zero exit code with the reason on stderr, or an error from start.
    try
    {
        auto r = run({"/no/such/program"});
        BOOST_TEST_MESSAGE("missing program: exit " << r.exit_code << ", out: " << r.out
                                                    << ", err: " << r.err);
        BOOST_TEST(r.exit_code != 0);
    }
    catch (const error& e)
    {
        BOOST_TEST_MESSAGE("missing program: " << e.what());
        BOOST_TEST(std::string(e.what()).find("/no/such/program") != std::string::npos, e.what());
    }
}

BOOST_AUTO_TEST_SUITE_END()
