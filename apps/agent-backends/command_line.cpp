// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "command_line.hpp"

#include <exception>
#include <optional>
#include <string_view>
#include <vector>

namespace agent_backends::app {
namespace {

edit_format parse_edit_format(std::string_view value)
{
    if (value == "str_replace")
        return edit_format::str_replace;
    if (value == "hashline")
        return edit_format::hashline;
    throw usage_error("--edit-format must be str_replace or hashline, not '" + std::string(value) + "'");
}

bool is_help(std::string_view arg)
{
    return arg == "--help" || arg == "-h";
}

// The value of `--name VALUE` or `--name=VALUE` when `args[i]` is that option; advances `i` past it.
std::optional<std::string> option_value(const std::vector<std::string_view>& args, std::size_t& i,
                                        std::string_view name)
{
    auto arg = args[i];
    if (arg.substr(0, name.size()) != name)
        return std::nullopt;
    if (arg.size() > name.size() && arg[name.size()] == '=')
        return std::string(arg.substr(name.size() + 1));
    if (arg.size() != name.size())
        return std::nullopt;
    if (i + 1 >= args.size())
        throw usage_error(std::string(name) + " needs a value");
    return std::string(args[++i]);
}

// Reads `--root`, `--sandbox`, `--runtime`, `--image` and `--docker-host`; false when `args[i]` is none of
// them.
bool parse_workspace_option(const std::vector<std::string_view>& args, std::size_t& i, workspace_request& w)
{
    if (auto root = option_value(args, i, "--root"))
    {
        if (root->empty())
            throw usage_error("--root needs a directory");
        w.root = *root;
        w.root_given = true;
        return true;
    }
    if (auto kind = option_value(args, i, "--sandbox"))
    {
        if (*kind != "local" && *kind != "docker")
            throw usage_error("--sandbox must be local or docker, not '" + *kind + "'");
        w.docker = *kind == "docker";
        return true;
    }
    if (auto runtime = option_value(args, i, "--runtime"))
    {
        w.runtime = *runtime;
        return true;
    }
    if (auto image = option_value(args, i, "--image"))
    {
        w.image = *image;
        return true;
    }
    if (auto host = option_value(args, i, "--docker-host"))
    {
        w.docker_host = *host;
        return true;
    }
    return false;
}

// The container options belong to `--sandbox docker`, which needs exactly one image source.
void check_workspace(const workspace_request& w)
{
    if (!w.docker)
    {
        if (!w.runtime.empty() || !w.image.empty() || !w.docker_host.empty())
            throw usage_error("--runtime, --image and --docker-host need --sandbox docker");
        return;
    }
    if (w.runtime.empty() == w.image.empty())
        throw usage_error("--sandbox docker needs either --runtime NAME or --image IMAGE");
}

command_line parse_call(const std::vector<std::string_view>& args)
{
    command_line out{.kind = command_kind::call};
    std::vector<std::string_view> positional;
    bool help = false;
    bool options_done = false;
    for (std::size_t i = 0; i < args.size(); ++i)
    {
        auto arg = args[i];
        if (!options_done && arg == "--")
        {
            options_done = true;
            continue;
        }
        if (!options_done && is_help(arg))
        {
            help = true;
            continue;
        }
        if (!options_done)
        {
            if (parse_workspace_option(args, i, out.call.workspace))
                continue;
            if (auto format = option_value(args, i, "--edit-format"))
            {
                out.call.format = parse_edit_format(*format);
                continue;
            }
            if (arg.size() > 1 && arg.front() == '-')
                throw usage_error("unknown option '" + std::string(arg) + "'");
        }
        positional.push_back(arg);
    }
    if (positional.size() > 2)
        throw usage_error("too many arguments: expected a tool name and one JSON object of arguments (got '" +
                          std::string(positional[2]) + "' after them)");
    if (help)
    {
        out.kind = positional.empty() ? command_kind::call_help : command_kind::tool_help;
        if (!positional.empty())
            out.call.tool = positional[0];
        return out;
    }
    if (positional.empty())
        throw usage_error("call needs a tool name");
    check_workspace(out.call.workspace);
    out.call.tool = positional[0];
    if (positional.size() == 2)
    {
        if (positional[1] == "-")
            out.call.arguments_from_stdin = true;
        else
            out.call.arguments_json = positional[1];
    }
    return out;
}

int parse_port(const std::string& value)
{
    std::size_t used = 0;
    int port = -1;
    try
    {
        port = std::stoi(value, &used);
    }
    catch (const std::exception&)
    {
    }
    if (used != value.size() || port < 0 || port > 65535)
        throw usage_error("--port must be a number from 0 to 65535, not '" + value + "'");
    return port;
}

std::string parse_preset(std::string value)
{
    for (auto name : {"default", "permissive", "readonly", "strict", "none"})
        if (value == name)
            return value;
    throw usage_error("--preset must be default, permissive, readonly, strict or none, not '" + value + "'");
}

command_line parse_server(const std::vector<std::string_view>& args, bool http)
{
    command_line out{.kind = http ? command_kind::serve : command_kind::mcp};
    for (std::size_t i = 0; i < args.size(); ++i)
    {
        auto& s = out.server;
        if (is_help(args[i]))
            out.kind = http ? command_kind::serve_help : command_kind::mcp_help;
        else if (args[i] == "--execute")
            s.execute = true;
        else if (parse_workspace_option(args, i, s.workspace))
            continue;
        else if (auto preset = option_value(args, i, "--preset"))
            s.preset = parse_preset(*preset);
        else if (auto format = option_value(args, i, "--edit-format"))
            s.format = parse_edit_format(*format);
        else if (auto host = http ? option_value(args, i, "--host") : std::nullopt)
            s.host = *host;
        else if (auto port = http ? option_value(args, i, "--port") : std::nullopt)
            s.port = parse_port(*port);
        else if (auto token = http ? option_value(args, i, "--token") : std::nullopt)
            s.token = *token;
        else
            throw usage_error("unknown option '" + std::string(args[i]) + "' for " + (http ? "serve" : "mcp"));
    }
    if (out.kind == command_kind::mcp || out.kind == command_kind::serve)
        check_workspace(out.server.workspace);
    return out;
}

}  // namespace

command_line parse_command_line(int argc, const char* const* argv)
{
    std::vector<std::string_view> args(argv + 1, argv + argc);
    if (args.empty())
        throw usage_error("no command given");
    if (is_help(args[0]))
        return {.kind = command_kind::program_help};
    if (args[0] == "--version")
        return {.kind = command_kind::version};
    if (args[0] == "call")
        return parse_call({args.begin() + 1, args.end()});
    if (args[0] == "mcp" || args[0] == "serve")
        return parse_server({args.begin() + 1, args.end()}, args[0] == "serve");
    throw usage_error("unknown command '" + std::string(args[0]) + "'");
}

}  // namespace agent_backends::app
