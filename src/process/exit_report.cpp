// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/detail/exit_report.hpp>

#include <string.h>
#include <sys/wait.h>

#include <utility>

namespace agent_backends::detail {

int exit_code_of(int wait_status) noexcept
{
    if (WIFEXITED(wait_status))
        return WEXITSTATUS(wait_status);
    if (WIFSIGNALED(wait_status))
        return 128 + WTERMSIG(wait_status);
    return 1;
}

std::string signal_name(int signal_number)
{
    if (const char* abbrev = ::sigabbrev_np(signal_number))
        return std::string("SIG") + abbrev;
    return "signal " + std::to_string(signal_number);
}

std::optional<std::string> signal_note(int wait_status)
{
    if (!WIFSIGNALED(wait_status))
        return std::nullopt;
    int sig = WTERMSIG(wait_status);
    return "Killed by signal " + std::to_string(sig) + " (" + signal_name(sig) + ")";
}

std::string timeout_note(std::chrono::milliseconds limit)
{
    auto ms = limit.count();
    std::string seconds = std::to_string(ms / 1000);
    if (auto fraction = ms % 1000)
    {
        std::string digits = std::to_string(1000 + fraction).substr(1);  // always three digits
        digits.erase(digits.find_last_not_of('0') + 1);
        seconds += "." + digits;
    }
    return "Error: Command timed out after " + seconds + " s";
}

void append_last_line(std::string& output, const std::string& line)
{
    if (!output.empty() && output.back() != '\n')
        output += '\n';
    output += line;
}

execute_response exited_response(std::string output, bool truncated, int wait_status)
{
    if (auto note = signal_note(wait_status))
        append_last_line(output, *note);
    return {std::move(output), exit_code_of(wait_status), truncated};
}

execute_response timed_out_response(std::string output, bool truncated, std::chrono::milliseconds limit)
{
    append_last_line(output, timeout_note(limit));
    return {std::move(output), 124, truncated};
}

}  // namespace agent_backends::detail
