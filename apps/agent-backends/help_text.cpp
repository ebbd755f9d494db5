// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "help_text.hpp"

#include "command_line.hpp"

#include <agent_backends/console/console_toolset.hpp>
#include <agent_backends/state_backend.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <memory>
#include <vector>

namespace agent_backends::app {
namespace {

// The tool list is generated from the definitions, so help never drifts from what the tools accept.
// Both edit formats are shown; tools of the hashline format alone are marked.
struct listed_tool
{
    tool_definition definition;
    bool hashline_only{false};
};

std::vector<listed_tool> all_tools()
{
    // Definitions do not depend on the backend; an in-memory one is enough to build them.
    auto definitions = [](edit_format f) {
        return console_toolset(std::make_shared<state_backend>(), {.edit_format = f}).definitions();
    };
    std::vector<listed_tool> out;
    for (auto& d : definitions(edit_format::str_replace))
        out.push_back({std::move(d)});
    for (auto& d : definitions(edit_format::hashline))
    {
        bool listed = std::any_of(out.begin(), out.end(),
                                  [&](const listed_tool& t) { return t.definition.name == d.name; });
        if (!listed)
            out.push_back({std::move(d), true});
    }
    return out;
}

std::string first_sentence(const std::string& text)
{
    auto line = text.substr(0, text.find('\n'));
    auto stop = line.find(". ");
    return stop == std::string::npos ? line : line.substr(0, stop + 1);
}

std::string type_of(const boost::json::value& type)
{
    if (type.is_string())
        return std::string(type.as_string());
    std::string out;
    for (const auto& t : type.as_array())
        out += (out.empty() ? "" : " or ") + std::string(t.as_string());
    return out;
}

std::string argument_lines(const tool_definition& tool)
{
    auto schema = boost::json::parse(tool.input_schema).as_object();
    const auto& required = schema.at("required").as_array();
    std::string out;
    for (const auto& [name, value] : schema.at("properties").as_object())
    {
        const auto& p = value.as_object();
        bool is_required =
            std::find(required.begin(), required.end(), boost::json::value(name)) != required.end();
        out += "      " + std::string(name) + " (" + type_of(p.at("type"));
        if (const auto* choices = p.if_contains("enum"))
        {
            std::string list;
            for (const auto& c : choices->as_array())
                list += (list.empty() ? "" : "|") + std::string(c.as_string());
            out += ": " + list;
        }
        out += is_required ? ", required" : ", default " + boost::json::serialize(p.at("default"));
        out += "): " + std::string(p.at("description").as_string()) + "\n";
    }
    return out;
}

std::string tool_list()
{
    std::string out = "Tools (arguments as JSON object members):\n";
    for (const auto& t : all_tools())
    {
        out += "  " + t.definition.name;
        if (t.hashline_only)
            out += " (with --edit-format hashline, instead of edit_file)";
        out += "\n      " + first_sentence(t.definition.description) + "\n";
        out += argument_lines(t.definition);
    }
    return out;
}

constexpr std::string_view call_usage =
    "Usage: agent-backends call TOOL ['JSON-ARGS' | -] [--root DIR] [--edit-format str_replace|hashline]\n"
    "                           [--sandbox docker|kubernetes|daytona SANDBOX-OPTIONS]\n"
    "       agent-backends call TOOL --help\n"
    "\n"
    "Runs one console tool on the directory DIR (default: the current directory; created if missing) and\n"
    "prints the tool's answer followed by a newline. Paths are relative to DIR ('/a.txt' is DIR/a.txt).\n"
    "JSON-ARGS is a JSON object of arguments (default {}); '-' reads it from standard input.\n"
    "--edit-format hashline makes read_file show hashline tags and offers hashline_edit instead of "
    "edit_file.\n"
    "An image or PDF read with read_file is described by one line (type and size).\n"
    "\n"
    "Exit status: 0 the tool answered (a command that failed included), 1 the tool reported an error\n"
    "(its 'Error: ...' text is printed on standard output), 2 bad usage (message on standard error).\n";

constexpr std::string_view sandbox_options =
    "Sandboxes (the tools run remotely instead of in DIR; created on first use and removed on exit):\n"
    "  --work-dir DIR       The sandbox's work dir (default: the runtime's, else /workspace; Daytona: its\n"
    "                       own). Relative paths and commands start there.\n"
    "  --sandbox docker     A container of a Docker-compatible engine (Docker, podman).\n"
    "    --runtime NAME     A built-in runtime: python-minimal, python-datascience, python-web,\n"
    "                       node-minimal, node-react (images built from their base when needed).\n"
    "    --image IMAGE      Any image with a POSIX shell (pulled when missing). One of the two is needed.\n"
    "    --docker-host URL  The engine (unix:///path, tcp://host:port, https://...); default: DOCKER_HOST,\n"
    "                       else unix:///var/run/docker.sock. DOCKER_TLS_VERIFY and DOCKER_CERT_PATH apply.\n"
    "    --root DIR         Bind DIR at the container's work dir (files stay).\n"
    "  --sandbox kubernetes A pod of the cluster kubectl would use (KUBECONFIG, else ~/.kube/config; the\n"
    "                       service account inside a pod).\n"
    "    --image IMAGE | --runtime NAME (a runtime with an image)\n"
    "    --kube-context NAME  A context of the kubeconfig other than its current one.\n"
    "    --namespace NS     Default: the context's namespace.\n"
    "  --sandbox daytona    A Daytona sandbox; DAYTONA_API_KEY (and DAYTONA_API_URL, DAYTONA_TARGET) apply.\n"
    "    --snapshot NAME | --image IMAGE   Default: Daytona's default snapshot.\n";

}  // namespace

std::string_view sandbox_options_help()
{
    return sandbox_options;
}

std::string program_help()
{
    return "agent-backends: a workspace for AI agents (files to read, search and edit; commands to run).\n"
           "\n"
           "Commands:\n"
           "  mcp ...            Serve the tools over MCP on standard input/output ('mcp --help').\n"
           "  serve ...          Serve the tools over MCP Streamable HTTP ('serve --help').\n"
           "  call TOOL ...      Run one console tool on a local directory and print its answer.\n"
           "  call [TOOL] --help The tools and their arguments.\n"
           "  --help, --version  This text; the version.\n"
           "\n" +
           std::string(call_usage) + "\n" + tool_list();
}

std::string call_help()
{
    return std::string(call_usage) + "\n" + std::string(sandbox_options) + "\n" + tool_list();
}

std::string tool_help(std::string_view tool)
{
    for (const auto& t : all_tools())
    {
        if (t.definition.name != tool)
            continue;
        std::string out = "Usage: agent-backends call " + t.definition.name + " 'JSON-ARGS' [--root DIR]";
        out += t.hashline_only ? " --edit-format hashline\n\n" : "\n\n";
        out += t.definition.description + "\n\nArguments:\n" + argument_lines(t.definition);
        return out;
    }
    std::string names;
    for (const auto& t : all_tools())
        names += (names.empty() ? "" : ", ") + t.definition.name;
    throw usage_error("unknown tool '" + std::string(tool) + "' (tools: " + names + ")");
}

}  // namespace agent_backends::app
