// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "call_command.hpp"

#include "workspace.hpp"

#include <agent_backends/console/console_toolset.hpp>
#include <agent_backends/error.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>

#include <cstdio>
#include <exception>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>

#include <signal.h>

namespace asio = boost::asio;

namespace agent_backends::app {
namespace {

void print_answer(const tool_result& result)
{
    std::fwrite(result.text.data(), 1, result.text.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

std::string read_stdin()
{
    return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
}

// Maps how a call ended to messages and an exit status.
int report(std::exception_ptr failure, const std::optional<tool_result>& result)
{
    if (!failure)
    {
        print_answer(*result);
        return result->is_error ? exit_tool_error : exit_answered;
    }
    try
    {
        std::rethrow_exception(failure);
    }
    catch (const error& e)
    {
        std::cerr << "agent-backends: " << e.what() << "\n";
        return e.condition() == errc::invalid_argument ? exit_usage : exit_tool_error;
    }
    catch (const boost::system::system_error& e)
    {
        if (e.code() == asio::error::operation_aborted)
        {
            std::cerr << "agent-backends: interrupted\n";
            return exit_interrupted;
        }
        std::cerr << "agent-backends: " << e.what() << "\n";
        return exit_tool_error;
    }
}

}  // namespace

int run_call(const call_request& request)
{
    auto arguments = request.arguments_from_stdin ? read_stdin() : request.arguments_json;

    asio::thread_pool disk(2);
    asio::io_context io;
    std::shared_ptr<sandbox> workspace;
    try
    {
        workspace = open_workspace(request.workspace, true, io.get_executor(), disk.get_executor());
    }
    catch (const error& e)
    {
        std::cerr << "agent-backends: " << e.what() << "\n";
        return exit_tool_error;
    }
    console_toolset tools(workspace,
                          {.edit_format = request.format, .image_support = true, .document_support = true});

    asio::cancellation_signal cancel;
    asio::signal_set interrupts(io, SIGINT, SIGTERM);
    interrupts.async_wait([&](boost::system::error_code ec, int) {
        if (!ec)
            cancel.emit(asio::cancellation_type::terminal);
    });

    std::exception_ptr failure;
    std::optional<tool_result> result;
    auto call = [&]() -> task<void> { result = co_await tools.call(request.tool, arguments); };
    asio::co_spawn(io, run_then_stop(workspace, call()),
                   asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e) {
                       failure = e;
                       interrupts.cancel();
                   }));
    io.run();
    return report(failure, result);
}

}  // namespace agent_backends::app
