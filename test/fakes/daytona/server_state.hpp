// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_DAYTONA_SERVER_STATE_HPP
#define AGENT_BACKENDS_TEST_FAKES_DAYTONA_SERVER_STATE_HPP

// What the fake Daytona knows: sandboxes, their sessions and commands, armed faults, the request log.
// One mutex guards all of it (the control API runs on the test's thread, the server on its own); it is
// never held across a suspension.
#include "fakes/common/fault_plan.hpp"
#include "fakes/daytona/fake_daytona.hpp"

#include <boost/json/object.hpp>

#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <sys/types.h>

namespace agent_backends::test::daytona_fake {

struct command_record
{
    std::string id;
    std::string command;
    std::optional<int> exit_code{};
    std::string output;  ///< stdout and stderr in arrival order.
    std::string stdout_text;
    std::string stderr_text;
};

struct session_record
{
    std::string id;
    std::vector<command_record> commands;
    std::set<pid_t> groups;  ///< Process groups of its commands still running.

    command_record* find(std::string_view command_id);
};

struct sandbox_record
{
    std::string id;
    std::string name;
    std::string state;
    std::string error_reason;
    std::string snapshot;
    std::string user;
    std::string target;
    std::string create_body;
    std::string created_at;
    boost::json::object env;
    boost::json::object labels;
    boost::json::object resources;  ///< cpu, memory, disk, gpu, autoStopInterval as received.
    std::string root_dir;
    std::size_t reads_left{0};    ///< Reads before a pending state moves on.
    std::string fate{"started"};  ///< What a pending state moves on to.
    std::map<std::string, session_record> sessions;
    std::set<pid_t> execute_groups;  ///< Process groups of `/process/execute` commands still running.
    std::size_t executions{0};
};

class server_state
{
public:
    explicit server_state(fake_daytona_options opts);
    ~server_state();
    server_state(const server_state&) = delete;
    server_state& operator=(const server_state&) = delete;

    const fake_daytona_options options;
    std::mutex mutex;

    // ---- guarded by `mutex` ----
    std::string base_url;  ///< `http://127.0.0.1:port`, once listening.
    std::map<std::string, sandbox_record> sandboxes;
    fault_plan faults;
    std::deque<fake_request> requests;
    std::deque<fake_daytona_exchange> exchanges;
    std::string failing_state;
    std::string failing_reason;
    bool stopping{false};
    std::size_t live_processes{0};  ///< Started by the toolbox, not reaped yet.

    sandbox_record* find(std::string_view id_or_name);

    /// Creates a sandbox's record and its host directory (with the work dir in it).
    sandbox_record& add_sandbox(sandbox_record record);

    /// Kills every process of a sandbox (SIGKILL to their groups).
    static void kill_processes(sandbox_record& sandbox);

    /// Forgets a sandbox: kills its processes and removes its host directory.
    void remove(const std::string& id);

    /// A toolbox path (absolute, or relative to the work dir) as a normalised absolute sandbox path.
    std::string sandbox_path(std::string_view path) const;

    /// Where a sandbox path lives on the host.
    static std::string host_path(const sandbox_record& sandbox, std::string_view absolute_path);

    /// The sandbox path of a host path below the sandbox's root.
    static std::string from_host(const sandbox_record& sandbox, std::string_view host);

    void log(fake_daytona_exchange exchange);

private:
    std::string root_;  ///< Where sandbox directories are made.
    bool own_root_{false};
};

}  // namespace agent_backends::test::daytona_fake

#endif
