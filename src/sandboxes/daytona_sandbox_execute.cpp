// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/with_timeout.hpp>

#include <agent_backends/detail/exit_report.hpp>
#include <agent_backends/detail/output_capture.hpp>

#include "core/ignore_cancellation.hpp"
#include "sandboxes/daytona_command.hpp"
#include "sandboxes/daytona_execute_parser.hpp"
#include "sandboxes/daytona_sandbox_state.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/system/system_error.hpp>

#include <array>
#include <utility>

namespace asio = boost::asio;
namespace json = boost::json;

namespace agent_backends::detail {
namespace {

// Longer timeouts count as none.
constexpr std::chrono::hours no_limit{24 * 365};
/// How much later than the command's own limit we give up waiting for the toolbox's answer.
constexpr std::chrono::seconds answer_margin{30};
/// Added to the grace period for the follow-up command that kills a cancelled one.
constexpr std::chrono::seconds kill_margin{15};
constexpr std::size_t max_error_body = 64 * 1024;

bool is_identifier(std::string_view name)
{
    if (name.empty() || (name[0] >= '0' && name[0] <= '9'))
        return false;
    for (char c : name)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    return true;
}

bool has_limit(std::chrono::milliseconds timeout)
{
    return timeout.count() > 0 && timeout < no_limit;
}

/// The body of `POST /process/execute`: the command line, its directory, and the toolbox's own limit in
/// whole seconds (rounded up).
std::string execute_body(const std::string& command_line, const std::string& dir,
                         std::chrono::milliseconds timeout)
{
    json::object body{{"command", command_line}, {"cwd", dir}};
    if (has_limit(timeout))
        body["timeout"] = (timeout.count() + 999) / 1000;
    return json::serialize(body);
}

/// Sends SIGTERM, then SIGKILL after `grace`, to every process carrying `marker`; best effort, bounded.
/// Called with cancellation already ignored (awaiting it from a cancelled frame would throw).
task<void> kill_marked(remote_ptr remote, std::string marker, std::chrono::milliseconds grace)
{
    const auto limit = std::chrono::duration_cast<std::chrono::milliseconds>(grace + kill_margin);
    const auto body = execute_body(daytona_command_line(daytona_kill_script(marker, grace), random_token()),
                                   remote->daemon_dir, limit);
    try
    {
        http_request req{.method = "POST",
                         .target = "/process/execute",
                         .headers = {{"Content-Type", "application/json"}},
                         .body = body,
                         .timeout = limit + kill_margin};
        co_await remote->toolbox->send(std::move(req));
    }
    catch (const error&)
    {
        // Best effort: the command was abandoned; the toolbox's own limit (if any) still ends it.
    }
}

/// Reads the answer's body into the output, within `limit`.
task<std::optional<int>> read_result(http_response_stream& stream, output_capture& capture,
                                     daytona_api& toolbox)
{
    daytona_execute_parser parser(capture);
    std::array<char, 64 * 1024> buffer;
    for (;;)
    {
        auto n = co_await stream.read_some(buffer);
        if (n == 0)
            break;
        if (auto ec = parser.feed({buffer.data(), n}))
            toolbox.malformed("POST", "/process/execute", "the body is not JSON (" + ec.message() + ")");
    }
    if (auto ec = parser.finish())
        toolbox.malformed("POST", "/process/execute", "no exitCode and result (" + ec.message() + ")");
    co_return parser.exit_code();
}

struct run_outcome
{
    bool timed_out{false};  ///< The toolbox's limit (408) or ours fired.
    std::optional<int> exit_code{};
};

task<run_outcome> run_command(daytona_state_ptr self, remote_ptr remote, std::string body,
                              execute_options opts, output_capture& capture)
{
    http_request req{.method = "POST",
                     .target = "/process/execute",
                     .headers = {{"Content-Type", "application/json"}},
                     .body = std::move(body),
                     .timeout = has_limit(opts.timeout)
                                    ? opts.timeout + std::chrono::milliseconds(answer_margin)
                                    : std::chrono::milliseconds(0)};
    auto stream = co_await on_remote(self, remote, remote->toolbox->open(std::move(req)));
    if (stream.status() == 408)
        co_return run_outcome{true, std::nullopt};
    if (stream.status() != 200)
    {
        auto res = stream.response();
        res.body = co_await stream.read_all(max_error_body);
        co_await throw_if_lost(self, remote);
        remote->toolbox->refuse(res, "POST", "/process/execute");
    }
    // The answer's header comes when the command has ended; its body follows at once.
    const auto body_limit = self->opts.http.request_timeout.count() > 0 ? self->opts.http.request_timeout
                                                                        : std::chrono::milliseconds(no_limit);
    auto code = co_await with_timeout(read_result(stream, capture, *remote->toolbox), body_limit);
    co_return run_outcome{false, code};
}

task<execute_response> execute_on_strand(daytona_state_ptr self, remote_ptr remote, std::string command,
                                         execute_options opts)
{
    auto dir = co_await command_dir(self, remote, opts.working_dir);
    const auto marker = random_token();
    daytona_script script{std::move(command), opts.env, {}, opts.stdin_text};
    auto body = execute_body(daytona_command_line(daytona_script_text(script), marker), dir, opts.timeout);

    output_capture capture(opts.max_output_bytes);
    run_outcome outcome;
    std::exception_ptr interrupted;  // the caller cancelled
    bool our_limit = false;          // the toolbox did not answer within the command's limit and a margin
    try
    {
        outcome = co_await run_command(self, remote, std::move(body), opts, capture);
    }
    catch (const boost::system::system_error& e)
    {
        if (e.code() == asio::error::operation_aborted)
            interrupted = std::current_exception();
        else if (e.code() == make_error_code(errc::timed_out) && has_limit(opts.timeout))
            our_limit = true;
        else
            throw;
    }
    if (interrupted || our_limit)
    {
        // The toolbox has no kill for this endpoint: a second command ends every process of the first. It
        // must run whatever the caller does next: no more cancellation from here on.
        co_await asio::this_coro::reset_cancellation_state(ignore_cancellation());
        co_await kill_marked(remote, marker, opts.kill_grace);
        if (interrupted)
            std::rethrow_exception(interrupted);
        outcome.timed_out = true;
    }
    const bool truncated = capture.truncated();
    if (outcome.timed_out)
        co_return timed_out_response(capture.take(), truncated, opts.timeout);
    if (outcome.exit_code == -1)
    {
        // The toolbox could not start the command; `result` says why.
        auto why = capture.take();
        co_return execute_response{"Error: " + why, 1, truncated};
    }
    co_return execute_response{capture.take(), outcome.exit_code, truncated};
}

task<std::shared_ptr<background_job>> start_job(daytona_state_ptr self, std::string command,
                                                execute_options opts)
{
    refuse_nul(command, "command");
    check_environment(opts);
    auto remote = co_await ensure_started(self);
    auto dir = co_await command_dir(self, remote, opts.working_dir);
    const auto marker = random_token();
    // Sessions start in the toolbox's work dir and take no directory of their own.
    daytona_script script{command, opts.env, dir == remote->daemon_dir ? std::string() : dir,
                          opts.stdin_text};
    const auto session_id = "agent-backends-" + random_token();

    json::object create{{"sessionId", session_id}};
    co_await toolbox_call(self, remote,
                          {.method = "POST",
                           .target = "/process/session",
                           .headers = {{"Content-Type", "application/json"}},
                           .body = json::serialize(create)});
    const auto exec_target = "/process/session/" + query_escape(session_id) + "/exec";
    json::object exec{{"command", daytona_command_line(daytona_script_text(script), marker)},
                      {"runAsync", true},
                      {"async", true}};
    std::string command_id;
    std::exception_ptr failed;
    try
    {
        auto res = co_await toolbox_call(self, remote,
                                         {.method = "POST",
                                          .target = exec_target,
                                          .headers = {{"Content-Type", "application/json"}},
                                          .body = json::serialize(exec)});
        auto id = string_field_of(res.body, "cmdId");
        if (!id || id->empty())
            remote->toolbox->malformed("POST", exec_target, "no cmdId");
        command_id = std::move(*id);
    }
    catch (...)
    {
        failed = std::current_exception();
    }
    if (failed)
    {
        co_await asio::this_coro::reset_cancellation_state(ignore_cancellation());
        try
        {
            co_await remote->toolbox->send("DELETE", "/process/session/" + query_escape(session_id));
        }
        catch (const error&)
        {
            // The session is empty; what failed is what the caller hears of.
        }
        std::rethrow_exception(failed);
    }
    auto job = std::make_shared<daytona_background_job>(
        asio::make_strand(co_await asio::this_coro::executor),
        daytona_job_place{remote->toolbox, session_id, std::move(command_id)}, self->jobs.next_id(),
        std::move(command), opts.max_output_bytes,
        std::min(self->opts.poll_interval, std::chrono::milliseconds(500)));
    self->jobs.add(job);
    self->touch();
    co_return job;
}

}  // namespace

void refuse_nul(std::string_view text, std::string_view what)
{
    if (text.find('\0') != std::string_view::npos)
        throw error(errc::invalid_argument, "Invalid " + std::string(what) + ": contains a NUL byte");
}

void check_environment(const execute_options& opts)
{
    for (const auto& [key, value] : opts.env)
    {
        if (!is_identifier(key))
            throw error(errc::invalid_argument,
                        "Invalid environment variable name: '" + key +
                            "' (a Daytona sandbox sets variables through its shell: letters, digits and _, "
                            "not starting with a digit)");
        refuse_nul(value, "value of environment variable " + key);
    }
}

task<std::string> command_dir(daytona_state_ptr self, remote_ptr remote, std::string given)
{
    if (given.empty())
        co_return remote->work_dir;
    auto dir = resolve_remote_path(given, remote->work_dir);
    auto info = co_await remote_file_info(self, remote, dir);
    if (!info)
        throw error(errc::invalid_argument,
                    "Cannot run the command: working directory '" + given + "' does not exist");
    if (!info->is_dir)
        throw error(errc::invalid_argument,
                    "Cannot run the command: working directory '" + given + "' is not a directory");
    co_return dir;
}

task<execute_response> sandbox_execute(daytona_state_ptr self, std::string command, execute_options opts)
{
    refuse_nul(command, "command");
    check_environment(opts);  // a bad name fails before the sandbox is started
    auto remote = co_await ensure_started(self);
    // On a stack of its own: the cancellation filter set while killing stays there.
    auto strand = asio::make_strand(co_await asio::this_coro::executor);
    auto response = co_await asio::co_spawn(
        strand, execute_on_strand(self, std::move(remote), std::move(command), std::move(opts)),
        asio::use_awaitable);
    self->touch();
    co_return response;
}

task<std::shared_ptr<background_job>> sandbox_start_background(daytona_state_ptr self, std::string command,
                                                               execute_options opts)
{
    return start_job(std::move(self), std::move(command), std::move(opts));
}

}  // namespace agent_backends::detail
