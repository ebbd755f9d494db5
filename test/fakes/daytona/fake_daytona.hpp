// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_DAYTONA_FAKE_DAYTONA_HPP
#define AGENT_BACKENDS_TEST_FAKES_DAYTONA_FAKE_DAYTONA_HPP

#include <agent_backends/http/http_endpoint.hpp>
#include <agent_backends/sandboxes/daytona_sandbox.hpp>

#include "fakes/common/fake_fault.hpp"
#include "fakes/common/fake_request.hpp"

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::test {

namespace daytona_fake {
class server_state;
class server_runner;
}  // namespace daytona_fake

/// \brief Settings of a \ref fake_daytona.
struct fake_daytona_options
{
    /// The API key every request must carry as `Authorization: Bearer <key>` (else 401); empty: none.
    std::string api_key{"fake-daytona-key"};
    /// How many reads (`GET /api/sandbox/{id}`) of a new or starting sandbox still show it `creating`
    /// (`pending_build` for an image) or `starting` before it is `started`.
    std::size_t pending_reads{1};
    /// The toolbox's work dir in every sandbox (`GET /work-dir`; relative toolbox paths start there).
    std::string work_dir{"/home/daytona"};
    /// Where the sandboxes' host directories are made; empty: a temporary directory removed with the fake.
    std::filesystem::path root_dir{};
    std::size_t max_request_body_bytes{256u << 20};  ///< Larger request bodies are refused with 413.
};

/// \brief What the fake knows about one sandbox.
struct fake_daytona_sandbox
{
    std::string id;
    std::string name;
    std::string state;  ///< `creating`, `pending_build`, `starting`, `started`, `stopping`, `stopped`, ...
    std::string error_reason;
    std::string snapshot;
    std::string create_body;  ///< The `POST /api/sandbox` body as received.
    std::map<std::string, std::string> labels;
    std::map<std::string, std::string> env;
    std::string root_dir;       ///< The host directory standing for the sandbox's file system.
    std::size_t executions{0};  ///< `POST /process/execute` calls.
    std::size_t sessions{0};    ///< Toolbox sessions open now.
};

/// \brief One request the fake has read, with its header fields and body.
struct fake_daytona_exchange
{
    fake_request request;
    std::map<std::string, std::string> headers;  ///< Names lower-cased.
    std::string body;                            ///< At most 1 MiB of it.
};

/// \brief A Daytona server for tests: the control plane (`/api`) and the sandboxes' toolbox
/// (`/toolbox/{sandboxId}`) on 127.0.0.1, with real files and real commands, and faults on demand.
///
/// \details Speaks the part of Daytona's REST API a sandbox uses, with its status codes and error bodies
/// (NestJS `{"path","timestamp","statusCode","error","message"}` on the control plane, `{"statusCode",
/// "message","code","timestamp","path","method"}` on the toolbox):
/// - control plane: `POST /api/sandbox` (snapshot or `buildInfo`), `GET /api/sandbox[?labels=]`,
///   `GET /api/sandbox/{idOrName}`, `POST .../start`, `POST .../stop`, `DELETE /api/sandbox/{idOrName}`,
///   `GET .../toolbox-proxy-url`. Every sandbox's `toolboxProxyUrl` is \ref toolbox_url.
/// - toolbox: `/process/execute`, sessions (`/process/session`, `.../exec` with `runAsync`, command status
///   and logs, `DELETE` kills), files (list, info, download, multipart upload, delete, folder, move, find,
///   search, replace), `/work-dir`, `/user-home-dir`, `/version`.
///
/// Sandboxes are simulated on the host: each has a host directory standing for its file system
/// (`fake_daytona_sandbox::root_dir`): toolbox path `/a/b` is `root_dir/a/b`, a relative path is under the
/// work dir. Commands run for real (`sh -c <command>` in their own process group, in the mapped `cwd`,
/// with the host environment plus the sandbox's `env`); paths a command names itself are host paths.
/// A `/process/execute` past its `timeout` has its process group killed (SIGKILL) and answers 408
/// `command execution timeout`. Deleting a session or the sandbox kills its processes.
///
/// Faults (\ref inject) match paths as received without the query (`/api/sandbox/*`,
/// `/toolbox/*/files/download`): `error_status` answers the plane's error body, `invalid_json` replaces a
/// JSON body (the request still takes effect), `stall` never answers, `drop_connection` closes without
/// an answer, `malformed_status_line` and `truncated_chunked_body` send broken HTTP.
///
/// \par Thread safety
/// Every member function may be called from any thread while the server runs (it serves on a thread of
/// its own).
class fake_daytona
{
public:
    /// \brief Starts serving on 127.0.0.1, a free port.
    /// \par Errors
    /// `boost::system::system_error` when the port cannot be bound.
    explicit fake_daytona(fake_daytona_options opts = {});
    ~fake_daytona();
    fake_daytona(const fake_daytona&) = delete;
    fake_daytona& operator=(const fake_daytona&) = delete;

    /// \brief `http://127.0.0.1:port`.
    std::string url() const;
    /// \brief The control plane's base URL: \ref url + `/api`.
    std::string api_url() const;
    /// \brief The toolbox proxy URL the sandboxes report: \ref url + `/toolbox`.
    std::string toolbox_url() const;

    /// \brief A configuration reaching this server with its key.
    daytona_config config() const;

    /// \brief Makes later sandboxes end in `state` (`error` or `build_failed`) with `reason` instead of
    /// `started`; an empty state lets them start.
    void fail_starts(std::string state, std::string reason);

    /// \brief Deletes a sandbox as another client would (its processes are killed, its files removed).
    bool remove_sandbox(std::string_view id_or_name);

    /// \brief Sets a sandbox's state as another client (or the auto-stop) would; `stopped` kills its
    /// processes.
    bool set_state(std::string_view id_or_name, std::string state);

    /// \brief Where toolbox path `path` of a sandbox lives on the host; empty for an unknown sandbox.
    std::string host_path(std::string_view id_or_name, std::string_view path) const;

    void inject(fake_fault fault);
    /// \brief An `error_status` fault for the next request matching `method` and `path`.
    void fail_next(std::string method, std::string path, unsigned status, std::string message);
    void clear_faults();

    /// \brief Every sandbox not deleted yet (`destroying` ones included, `destroyed` ones not).
    std::vector<fake_daytona_sandbox> sandboxes() const;
    std::optional<fake_daytona_sandbox> sandbox(std::string_view id_or_name) const;

    /// \brief Every request read so far, in order (the most recent 10000).
    std::vector<fake_request> requests() const;
    /// \brief The same, with header fields and bodies (the most recent 1000).
    std::vector<fake_daytona_exchange> exchanges() const;

    /// \brief Client connections open now.
    std::size_t open_connections() const;

    /// \brief Commands started by the toolbox that have not exited yet.
    std::size_t running_commands() const;

    /// \brief Closes the listener and every connection, kills every process started. Idempotent.
    void stop();

private:
    std::shared_ptr<daytona_fake::server_state> state_;
    std::unique_ptr<daytona_fake::server_runner> runner_;
};

}  // namespace agent_backends::test

#endif
