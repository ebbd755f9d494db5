// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_APP_COMMAND_LINE_HPP
#define AGENT_BACKENDS_APP_COMMAND_LINE_HPP

#include <agent_backends/console/console_options.hpp>

#include <stdexcept>
#include <string>

namespace agent_backends::app {

/// A command line the program cannot run; exit status 2.
class usage_error : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// What backs the tools (`--sandbox`).
enum class sandbox_kind
{
    local,       ///< The directory `--root`.
    docker,      ///< A container of a Docker-compatible engine.
    kubernetes,  ///< A pod of the cluster kubectl would use.
    daytona,     ///< A Daytona cloud sandbox.
};

/// Where the tools work: a local directory, a container, a pod or a cloud sandbox (`--sandbox KIND`).
struct workspace_request
{
    std::string root{"."};
    bool root_given{false};            ///< `--root` was on the command line (a container then binds it).
    sandbox_kind kind{sandbox_kind::local};
    std::string runtime{};             ///< `--runtime NAME`: a built-in runtime's image.
    std::string image{};               ///< `--image IMAGE`.
    std::string docker_host{};         ///< `--docker-host URL`; empty: DOCKER_HOST, else the default socket.
    std::string kube_context{};        ///< `--kube-context NAME`; empty: the kubeconfig's current context.
    std::string namespace_name{};      ///< `--namespace NS`; empty: the context's.
    std::string snapshot{};            ///< `--snapshot NAME` (Daytona).
    std::string work_dir{};            ///< `--work-dir DIR` inside the sandbox; empty: its default.
};

/// `agent-backends call TOOL ['JSON-ARGS' | -] [--root DIR] [--edit-format str_replace|hashline]` plus the
/// sandbox options.
struct call_request
{
    std::string tool;
    std::string arguments_json{"{}"};
    bool arguments_from_stdin{false};  ///< JSON-ARGS was `-`.
    workspace_request workspace{};
    edit_format format{edit_format::str_replace};
};

/// `agent-backends mcp|serve --root DIR [--preset NAME] [--execute] [--edit-format F]` plus the sandbox
/// options and, for `serve`, `[--host ADDR] [--port N] [--token T]`.
struct server_request
{
    workspace_request workspace{};
    std::string preset{"permissive"};  ///< default, permissive, readonly, strict or none.
    bool execute{false};               ///< Offer the execute tool (commands run at the root).
    edit_format format{edit_format::str_replace};
    std::string host{"127.0.0.1"};
    int port{8765};
    std::string token{};  ///< Bearer token HTTP clients must send; empty: none.
};

enum class command_kind
{
    program_help,  ///< `--help`, `-h`
    version,       ///< `--version`
    call_help,     ///< `call --help`
    tool_help,     ///< `call TOOL --help`
    call,          ///< `call TOOL ...`
    mcp,           ///< `mcp ...`: MCP over stdio
    serve,         ///< `serve ...`: MCP over Streamable HTTP
    mcp_help,      ///< `mcp --help`
    serve_help,    ///< `serve --help`
};

struct command_line
{
    command_kind kind{command_kind::program_help};
    call_request call{};
    server_request server{};
};

/// Reads argv. Throws \ref usage_error with a message for the user.
command_line parse_command_line(int argc, const char* const* argv);

}  // namespace agent_backends::app

#endif
