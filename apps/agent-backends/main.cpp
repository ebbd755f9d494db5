// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// agent-backends: the command-line program (see `agent-backends --help`).
#include "call_command.hpp"
#include "command_line.hpp"
#include "help_text.hpp"
#include "server_commands.hpp"

#include <iostream>

int main(int argc, char** argv)
{
    using namespace agent_backends::app;
    try
    {
        auto cl = parse_command_line(argc, argv);
        switch (cl.kind)
        {
        case command_kind::program_help: std::cout << program_help(); return exit_answered;
        case command_kind::version:
            std::cout << "agent-backends " AGENT_BACKENDS_VERSION "\n";
            return exit_answered;
        case command_kind::call_help: std::cout << call_help(); return exit_answered;
        case command_kind::tool_help: std::cout << tool_help(cl.call.tool); return exit_answered;
        case command_kind::call: return run_call(cl.call);
        case command_kind::mcp_help: std::cout << mcp_help(); return exit_answered;
        case command_kind::serve_help: std::cout << serve_help(); return exit_answered;
        case command_kind::mcp: return run_mcp(cl.server);
        case command_kind::serve: return run_serve(cl.server);
        }
    }
    catch (const usage_error& e)
    {
        std::cerr << "agent-backends: " << e.what() << "\nRun 'agent-backends --help' for usage.\n";
    }
    return exit_usage;
}
