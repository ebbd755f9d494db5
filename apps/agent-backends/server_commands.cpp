// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "server_commands.hpp"

#include "call_command.hpp"
#include "help_text.hpp"
#include "workspace.hpp"

#include <agent_backends/console/console_toolset.hpp>
#include <agent_backends/error.hpp>
#include <agent_backends/mcp/mcp_http_server.hpp>
#include <agent_backends/mcp/mcp_server.hpp>
#include <agent_backends/mcp/mcp_stdio.hpp>
#include <agent_backends/permissions/permission_presets.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>

#include <algorithm>
#include <exception>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include <signal.h>

namespace asio = boost::asio;

namespace agent_backends::app {
namespace {

std::optional<permission_ruleset> preset_ruleset(const std::string& name)
{
    if (name == "default")
        return default_ruleset();
    if (name == "readonly")
        return readonly_ruleset();
    if (name == "strict")
        return strict_ruleset();
    if (name == "permissive")
        return permissive_ruleset();
    return std::nullopt;
}

void log_line(std::string_view line)
{
    // One write per line, so lines from a busy server never mix.
    std::string out = "agent-backends: ";
    out.append(line).push_back('\n');
    std::cerr.write(out.data(), static_cast<std::streamsize>(out.size())).flush();
}

// Everything a server command runs: the disk pool, the workspace and the MCP server over it.
struct server_setup
{
    asio::thread_pool disk{std::max(2u, std::thread::hardware_concurrency())};
    std::shared_ptr<sandbox> workspace;
    std::optional<mcp_server> server;

    server_setup(const server_request& request, asio::any_io_executor io)
    {
        workspace = open_workspace(request.workspace, request.execute, std::move(io), disk.get_executor());
        console_options tools{.include_execute = request.execute,
                              .edit_format = request.format,
                              .image_support = true,
                              .document_support = true,
                              .permissions = preset_ruleset(request.preset)};
        server.emplace(console_toolset(workspace, std::move(tools)), mcp_server_options{.log = log_line});
    }
};

std::string describe(const server_request& request)
{
    return describe_workspace(request.workspace) + ", preset " + request.preset + ", execute " + (request.execute ? "on" : "off") +
           ", edit format " + (request.format == edit_format::hashline ? "hashline" : "str_replace");
}

// Runs `body` on a one-thread io_context until it ends or SIGINT/SIGTERM cancels it.
int run_until_signal(asio::io_context& io, task<void> body)
{
    asio::signal_set interrupts(io, SIGINT, SIGTERM);
    asio::cancellation_signal stop;
    int signal_number = 0;
    interrupts.async_wait([&](boost::system::error_code ec, int n) {
        if (!ec)
        {
            signal_number = n;
            stop.emit(asio::cancellation_type::terminal);
        }
    });
    std::exception_ptr failure;
    asio::co_spawn(io, std::move(body), asio::bind_cancellation_slot(stop.slot(), [&](std::exception_ptr e) {
                       failure = e;
                       interrupts.cancel();
                   }));
    io.run();
    if (signal_number != 0)
        return 128 + signal_number;
    if (failure)
    {
        try
        {
            std::rethrow_exception(failure);
        }
        catch (const std::exception& e)
        {
            log_line(std::string("stopped: ") + e.what());
            return exit_tool_error;
        }
    }
    return exit_answered;
}

}  // namespace

int run_mcp(const server_request& request)
{
    asio::io_context io;
    std::optional<server_setup> setup;
    try
    {
        setup.emplace(request, io.get_executor());
    }
    catch (const error& e)
    {
        log_line(e.what());
        return exit_tool_error;
    }
    ::signal(SIGPIPE, SIG_IGN);  // a vanished client is a write error, not a dead server
    log_line("MCP over stdio (" + describe(request) + ")");
    return run_until_signal(io, run_then_stop(setup->workspace, serve_mcp_stdio(*setup->server)));
}

int run_serve(const server_request& request)
{
    std::optional<server_setup> setup;
    asio::io_context io;
    std::optional<mcp_http_server> http;
    try
    {
        setup.emplace(request, io.get_executor());
        http.emplace(io.get_executor(), *setup->server,
                     mcp_http_options{.address = request.host,
                                      .port = static_cast<std::uint16_t>(request.port),
                                      .bearer_token = request.token});
    }
    catch (const std::exception& e)
    {
        log_line(e.what());
        return exit_tool_error;
    }
    ::signal(SIGPIPE, SIG_IGN);
    log_line("serving MCP at " + http->url() + " (" + describe(request) + ")");
    std::string auth = request.token.empty()
                           ? ""
                           : ",\n      \"headers\": { \"Authorization\": \"Bearer " + request.token + "\" }";
    std::cout << "MCP server listening at " << http->url() << "\n"
              << "Client configuration (e.g. .mcp.json):\n"
              << "{\n  \"mcpServers\": {\n    \"agent-backends\": {\n      \"type\": \"http\",\n"
              << "      \"url\": \"" << http->url() << "\"" << auth << "\n    }\n  }\n}\n"
              << std::flush;
    return run_until_signal(io, run_then_stop(setup->workspace, http->run()));
}

std::string mcp_help()
{
    return "Usage: agent-backends mcp [--root DIR] [--preset NAME] [--execute] [--edit-format str_replace|hashline]\n"
           "                          [--sandbox docker|kubernetes|daytona SANDBOX-OPTIONS]\n"
           "\n"
           "Serves the console tools over MCP on standard input and output (one JSON-RPC message per line)\n"
           "until the client closes standard input (calls still running then finish first). read_file returns\n"
           "images (png, jpg, gif, webp) and PDFs as MCP image and resource content. One log line per request\n"
           "goes to standard error.\n"
           "\n"
           "  --root DIR      The workspace directory (default: the current directory; created if missing).\n"
           "  --preset NAME   Permission rules: permissive (default: secrets and dangerous commands denied),\n"
           "                  default (writes and commands ask), readonly, strict (everything asks), none.\n"
           "                  'ask' becomes an elicitation request when the client supports it.\n"
           "  --execute       Offer the execute tool (commands run in DIR, or in the container).\n"
           "\n" +
           std::string(sandbox_options_help()) +
           "\n"
           "Client configuration:\n"
           "{\n  \"mcpServers\": {\n    \"agent-backends\": {\n      \"command\": \"agent-backends\",\n"
           "      \"args\": [\"mcp\", \"--root\", \"/path/to/workspace\"]\n    }\n  }\n}\n";
}

std::string serve_help()
{
    return "Usage: agent-backends serve [--root DIR] [--host ADDR] [--port N] [--token T] [--preset NAME]\n"
           "                            [--execute] [--edit-format str_replace|hashline]\n"
           "                            [--sandbox docker|kubernetes|daytona SANDBOX-OPTIONS]\n"
           "\n"
           "Serves the console tools over MCP Streamable HTTP at http://ADDR:N/mcp until SIGINT or SIGTERM.\n"
           "Prints the URL and the client configuration once listening; one log line per request goes to\n"
           "standard error.\n"
           "\n"
           "  --host ADDR     Listen address (default 127.0.0.1).\n"
           "  --port N        Port (default 8765; 0 picks a free one).\n"
           "  --token T       Require 'Authorization: Bearer T' on every request.\n"
           "  --root, --preset, --execute, --edit-format: as for 'agent-backends mcp --help'.\n"
           "\n" +
           std::string(sandbox_options_help());
}

}  // namespace agent_backends::app
