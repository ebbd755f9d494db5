// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SANDBOXES_DAYTONA_SANDBOX_HPP
#define AGENT_BACKENDS_SANDBOXES_DAYTONA_SANDBOX_HPP

#include <agent_backends/http/http_client_options.hpp>
#include <agent_backends/http/http_endpoint.hpp>
#include <agent_backends/sandbox.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace agent_backends {

namespace detail {
class daytona_sandbox_state;
}

/// \brief Where the Daytona API is and the key to it.
struct daytona_config
{
    http_endpoint api_url{http_endpoint::parse("https://app.daytona.io/api")};
    std::string api_key{};          ///< Sent as `Authorization: Bearer <key>`, to the API and the toolbox.
    std::string organization_id{};  ///< `X-Daytona-Organization-ID` when set.
    std::string target{};           ///< Region (`us`, `eu`); empty: the organisation's default.

    /// \brief `DAYTONA_API_KEY` (required), `DAYTONA_API_URL`, `DAYTONA_TARGET`,
    /// `DAYTONA_ORGANIZATION_ID`, as the Daytona SDKs read them.
    /// \par Errors
    /// `invalid_argument`: `DAYTONA_API_KEY` unset or empty, or a malformed `DAYTONA_API_URL`.
    static daytona_config from_environment();
};

/// \brief How a \ref daytona_sandbox creates (or finds) its remote sandbox.
struct daytona_sandbox_options
{
    std::optional<daytona_config> config{};  ///< Empty: \ref daytona_config::from_environment.
    std::string snapshot{};   ///< Create from this snapshot; with neither this nor `image`: the default one.
    std::string image{};      ///< Create from this image (`buildInfo.dockerfileContent = FROM <image>`).
    std::string attach_to{};  ///< Id or name of an existing remote sandbox to use (started when stopped);
                              ///< it is kept on \ref daytona_sandbox::stop.
    std::string sandbox_id{};  ///< Our id (logs, sessions, label); empty: a random UUID.
    std::string name{};        ///< Remote name; empty: the server picks one.
    std::string user{};        ///< OS user commands run as; empty: the snapshot's.
    std::map<std::string, std::string> env{};
    std::map<std::string, std::string> labels{};  ///< Added to `agent-backends.sandbox=<id>`.
    std::optional<int> cpu{};        ///< Cores.
    std::optional<int> memory_gib{};
    std::optional<int> disk_gib{};
    std::optional<int> auto_stop_minutes{15};  ///< Stop after this long idle; 0: never; empty: server default.
    std::string work_dir{};  ///< Relative paths and commands start here; empty: the sandbox's work dir.
    std::chrono::seconds startup_timeout{180};  ///< Until the sandbox is `started`; then `timed_out`.
    std::chrono::milliseconds poll_interval{1000};  ///< Between state polls while waiting.
    std::size_t max_read_bytes{8 * 1024 * 1024};  ///< read/read_bytes refuse larger files.
    std::chrono::seconds idle_timeout{3600};       ///< Reported to \ref session_manager.
    http_client_options http{};
};

/// \brief A sandbox backed by a Daytona cloud sandbox, driven over Daytona's REST API and the sandbox's
/// toolbox API.
///
/// \details \ref start (or the first operation) creates the remote sandbox (from a snapshot or an image,
/// with resources, environment, labels and the auto-stop interval), or attaches to `attach_to`, and
/// polls until its state is `started`; `error` and `build_failed` end the wait with the server's reason.
/// \ref stop deletes it (an attached one is kept).
///
/// `execute` goes through the toolbox process API (`/process/execute`: exit code and combined output; a
/// timeout answered with 408 becomes exit code 124 with the same text as the other sandboxes).
/// Background commands run in a toolbox session each (`runAsync`), killed by deleting the session.
/// Files use the toolbox file endpoints: list, info, download, upload (multipart), delete, find (content),
/// search (names); `grep` and `glob` filter what those return with our own matchers.
///
/// \par Errors
/// As \ref backend; remote errors carry the server's `message`: 401 `unavailable` (key refused), 403
/// `permission_denied`, 404 `not_found`, 408 `timed_out`, others `unavailable`; a sandbox deleted behind
/// our back → `unavailable` `Sandbox <id> is gone`.
///
/// \par Cancellation
/// Every operation honours terminal cancellation. The toolbox has no kill for `/process/execute`, so a
/// cancelled `execute` is ended by a second command that signals every process carrying the first one's
/// marker in its environment (SIGTERM, `kill_grace`, SIGKILL), before `operation_aborted` is thrown. A
/// cancelled \ref start deletes what it created (once every caller waiting for it gave up).
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: safe on one `io_context`.
class daytona_sandbox : public sandbox
{
public:
    daytona_sandbox(boost::asio::any_io_executor ex, daytona_sandbox_options opts = {});
    ~daytona_sandbox() override;

    std::string_view id() const override;
    task<bool> exists(std::string_view path) override;
    task<std::vector<file_info>> ls(std::string_view path) override;
    task<std::string> read(std::string_view path, read_options opts = {}) override;
    task<std::string> read_bytes(std::string_view path) override;
    task<write_result> write(std::string_view path, std::string_view content) override;
    task<edit_result> edit(std::string_view path, edit_request request) override;
    task<std::vector<file_info>> glob(std::string_view pattern, std::string_view path = "/") override;
    task<std::vector<grep_match>> grep(grep_request request) override;
    task<execute_response> execute(std::string_view command, execute_options opts = {}) override;
    task<std::shared_ptr<background_job>> start_background(std::string_view command,
                                                           execute_options opts = {}) override;
    task<void> start() override;
    task<void> stop() override;
    task<bool> is_alive() override;
    std::optional<std::chrono::steady_clock::time_point> last_activity() const noexcept override;
    std::optional<std::chrono::seconds> idle_timeout() const noexcept override;

    /// \brief The remote sandbox's id once started; empty before.
    std::string remote_id() const;

private:
    std::shared_ptr<detail::daytona_sandbox_state> state_;
};

}  // namespace agent_backends

#endif
