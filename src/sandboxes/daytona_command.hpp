// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_DAYTONA_COMMAND_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_DAYTONA_COMMAND_HPP

// The command lines a Daytona toolbox runs for us.
//
// Toolbox daemons differ in how they read `command`: some split it into words themselves (quotes group,
// no escapes, no shell), newer ones hand it to a shell. One form means the same to both:
// `env AGENT_BACKENDS_RUN=<marker> sh -c 'eval "$(echo <base64> | base64 -d)"'`: single quotes group the
// last argument, and the script travels as base64, so no character of it is interpreted on the way (the
// SDKs use base64 alike). The marker is in the environment of every process of the command, the shell
// included, which is how a later command finds them to kill them: the toolbox has no kill of its own for
// `/process/execute`.

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agent_backends::detail {

/// The name of the variable that marks every process of one command (children inherit it).
inline constexpr std::string_view daytona_run_marker = "AGENT_BACKENDS_RUN";

/// What one command needs around it.
struct daytona_script
{
    std::string command;                                     ///< Run by `sh`, as given.
    std::vector<std::pair<std::string, std::string>> env{};  ///< Exported before the command.
    std::string working_dir{};                               ///< `cd` there first; empty: stay.
    std::string stdin_text{};                                ///< The command's input; else /dev/null.
};

/// The shell script: exports, `cd`, then the command in a brace group fed its input.
std::string daytona_script_text(const daytona_script& script);

/// `env AGENT_BACKENDS_RUN=<marker> sh -c 'eval "$(echo <base64 of script> | base64 -d)"'`; the marker is
/// a token of letters and digits.
std::string daytona_command_line(std::string_view script, std::string_view marker);

/// A script that sends SIGTERM to every process whose environment holds `AGENT_BACKENDS_RUN=<marker>`,
/// waits up to `grace` for them to end, then sends SIGKILL to those left.
std::string daytona_kill_script(std::string_view marker, std::chrono::milliseconds grace);

/// A fresh random token (32 hex digits) for a marker or a session id.
std::string random_token();

}  // namespace agent_backends::detail

#endif
