// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_DAYTONA_HOST_COMMAND_HPP
#define AGENT_BACKENDS_TEST_FAKES_DAYTONA_HOST_COMMAND_HPP

// A toolbox command run for real on the host: `sh -c <command>` leading a process group of its own, its
// output read as it comes, its exit code reaped.
#include <agent_backends/task.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <sys/types.h>

namespace agent_backends::test::daytona_fake {

struct host_command_spec
{
    std::string command;
    std::vector<std::string> env;  ///< The whole environment, `K=V`.
    std::string working_dir;       ///< Host directory; must exist.
    bool merge_stderr{false};      ///< stderr goes where stdout goes (one stream).
};

/// Thrown when the command cannot be started; `what()` is the reason as the daemon reports it.
class host_command_failure : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// What a running command tells its owner.
struct host_command_events
{
    std::function<void(pid_t group)> started;
    std::function<void(bool is_stderr, std::string_view data)> output;
};

/// Runs the command until it exits (its output ended and it was reaped) or `deadline` passes, when its
/// group is killed (SIGKILL). Returns the exit code (128+N when killed by signal N), or nothing on the
/// deadline.
task<std::optional<int>> run_host_command(boost::asio::any_io_executor ex, host_command_spec spec,
                                          host_command_events events,
                                          std::chrono::steady_clock::time_point deadline);

/// Our environment followed by `extra` (`K=V`, replacing ours of the same name).
std::vector<std::string> environment_with(const std::vector<std::string>& extra);

}  // namespace agent_backends::test::daytona_fake

#endif
