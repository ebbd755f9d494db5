// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_DETAIL_EXIT_REPORT_HPP
#define AGENT_BACKENDS_DETAIL_EXIT_REPORT_HPP

#include <agent_backends/types.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace agent_backends::detail {

/// The exit code the shell convention gives a `waitpid` status: the code, or 128+N for signal N.
int exit_code_of(int wait_status) noexcept;

/// `SIGKILL` for 9; `signal N` for a number without a name.
std::string signal_name(int signal_number);

/// `Killed by signal 9 (SIGKILL)` when the status is a death by signal; nothing otherwise.
std::optional<std::string> signal_note(int wait_status);

/// `Error: Command timed out after 1.5 s` (whole seconds without decimals).
std::string timeout_note(std::chrono::milliseconds limit);

/// Appends `line` to `output` as its last line (adding a newline first when the output lacks one).
void append_last_line(std::string& output, const std::string& line);

/// The response of a command that exited with `wait_status`.
execute_response exited_response(std::string output, bool truncated, int wait_status);

/// The response of a command killed because it ran past `limit`: exit code 124.
execute_response timed_out_response(std::string output, bool truncated, std::chrono::milliseconds limit);

}  // namespace agent_backends::detail

#endif
