// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/daytona_command.hpp"

#include "core/base64.hpp"
#include "sandboxes/shell_quote.hpp"

#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid.hpp>

#include <algorithm>

namespace agent_backends::detail {

std::string daytona_script_text(const daytona_script& script)
{
    std::string out;
    for (const auto& [key, value] : script.env)
        out += "export " + key + "=" + shell_quote(value) + "\n";
    if (!script.working_dir.empty())
        out += "cd -- " + shell_quote(script.working_dir) + " || exit 1\n";
    // A brace group keeps `exit` and the command's own redirections working; its input is given here.
    if (script.stdin_text.empty())
        out += "{\n" + script.command + "\n} </dev/null\n";
    else
        out += "echo " + base64_encode(script.stdin_text) + " | base64 -d | {\n" + script.command + "\n}\n";
    return out;
}

std::string daytona_command_line(std::string_view script, std::string_view marker)
{
    return "env " + std::string(daytona_run_marker) + "=" + std::string(marker) + " sh -c 'eval \"$(echo " +
           base64_encode(script) + " | base64 -d)\"'";
}

std::string daytona_kill_script(std::string_view marker, std::chrono::milliseconds grace)
{
    // /proc/PID/environ is NUL-separated; grep reads it as binary and -l only names the files that match.
    const auto needle = shell_quote(std::string(daytona_run_marker) + "=" + std::string(marker));
    const auto tenths = std::max<long long>(1, (grace.count() + 99) / 100);
    // A command cancelled right after it was sent may not have started yet: look again briefly before
    // concluding there is nothing to kill. During the grace period new processes (a loop's next child)
    // are sent SIGTERM too.
    return "marked() { grep -lsF -- " + needle +
           " /proc/[0-9]*/environ | cut -d/ -f3; }\n"
           "pids=$(marked); i=0\n"
           "while [ -z \"$pids\" ] && [ $i -lt 3 ]; do sleep 0.1; pids=$(marked); i=$((i+1)); done\n"
           "[ -n \"$pids\" ] || exit 0\n"
           "kill -TERM $pids 2>/dev/null\n"
           "i=0; while [ $i -lt " +
           std::to_string(tenths) +
           " ]; do sleep 0.1; pids=$(marked); [ -n \"$pids\" ] || exit 0; kill -TERM $pids 2>/dev/null; "
           "i=$((i+1)); done\n"
           "kill -KILL $pids 2>/dev/null\n"
           "exit 0\n";
}

std::string random_token()
{
    static constexpr char hex[] = "0123456789abcdef";
    auto id = boost::uuids::random_generator()();
    std::string out;
    for (auto byte : id)
    {
        out.push_back(hex[byte >> 4]);
        out.push_back(hex[byte & 15]);
    }
    return out;
}

}  // namespace agent_backends::detail
