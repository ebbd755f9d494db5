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

// The value options of the sandboxes, each with the field it fills.
struct value_option
{
    std::string_view name;
    std::string workspace_request::*field;
};

constexpr value_option sandbox_value_options[] = {
    {"--runtime", &workspace_request::runtime},
    {"--image", &workspace_request::image},
    {"--docker-host", &workspace_request::docker_host},
    {"--kube-context", &workspace_request::kube_context},
    {"--namespace", &workspace_request::namespace_name},
    {"--snapshot", &workspace_request::snapshot},
    {"--work-dir", &workspace_request::work_dir},
};

sandbox_kind parse_sandbox_kind(const std::string& kind)
{
    if (kind == "local")
        return sandbox_kind::local;
    if (kind == "docker")
        return sandbox_kind::docker;
    if (kind == "kubernetes")
        return sandbox_kind::kubernetes;
    if (kind == "daytona")
        return sandbox_kind::daytona;
    throw usage_error("--sandbox must be local, docker, kubernetes or daytona, not '" + kind + "'");
}

// Reads `--root`, `--sandbox` and the sandbox value options; false when `args[i]` is none of them.
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
        w.kind = parse_sandbox_kind(*kind);
        return true;
    }
    for (const auto& option : sandbox_value_options)
        if (auto value = option_value(args, i, option.name))
        {
            w.*option.field = *value;
            return true;
        }
    return false;
}

// Refuses an option given to a sandbox kind it does not belong to.
void refuse(bool given, std::string_view option, std::string_view needs)
{
    if (given)
        throw usage_error(std::string(option) + " " + std::string(needs));
}

// Each sandbox kind takes its own options; docker and kubernetes need exactly one image source.
void check_workspace(const workspace_request& w)
{
    refuse(!w.work_dir.empty() && !w.runtime.empty(), "--work-dir", "cannot be combined with --runtime (the "
                                                                     "runtime names its own work dir)");
    switch (w.kind)
    {
        case sandbox_kind::local:
            if (!w.runtime.empty() || !w.image.empty() || !w.docker_host.empty())
                throw usage_error("--runtime, --image and --docker-host need --sandbox docker");
            refuse(!w.kube_context.empty() || !w.namespace_name.empty(), "--kube-context and --namespace",
                   "need --sandbox kubernetes");
            refuse(!w.snapshot.empty(), "--snapshot", "needs --sandbox daytona");
            refuse(!w.work_dir.empty(), "--work-dir", "needs --sandbox docker, kubernetes or daytona");
            return;
        case sandbox_kind::docker:
            if (w.runtime.empty() == w.image.empty())
                throw usage_error("--sandbox docker needs either --runtime NAME or --image IMAGE");
            refuse(!w.kube_context.empty() || !w.namespace_name.empty(), "--kube-context and --namespace",
                   "need --sandbox kubernetes");
            refuse(!w.snapshot.empty(), "--snapshot", "needs --sandbox daytona");
            return;
        case sandbox_kind::kubernetes:
            if (w.runtime.empty() == w.image.empty())
                throw usage_error("--sandbox kubernetes needs either --runtime NAME or --image IMAGE");
            refuse(!w.docker_host.empty(), "--docker-host", "needs --sandbox docker");
            refuse(!w.snapshot.empty(), "--snapshot", "needs --sandbox daytona");
            refuse(w.root_given, "--root",
                   "cannot be used with --sandbox kubernetes: the pod's files live in the cluster");
            return;
        case sandbox_kind::daytona:
            refuse(!w.image.empty() && !w.snapshot.empty(), "--image and --snapshot", "exclude each other");
            refuse(!w.runtime.empty(), "--runtime", "needs --sandbox docker or kubernetes");
            refuse(!w.docker_host.empty(), "--docker-host", "needs --sandbox docker");
            refuse(!w.kube_context.empty() || !w.namespace_name.empty(), "--kube-context and --namespace",
                   "need --sandbox kubernetes");
            refuse(w.root_given, "--root",
                   "cannot be used with --sandbox daytona: the sandbox's files are remote");
            return;
    }
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
