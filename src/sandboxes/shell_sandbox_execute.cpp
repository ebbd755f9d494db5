// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/with_timeout.hpp>

#include <agent_backends/detail/exit_report.hpp>
#include <agent_backends/detail/output_capture.hpp>

#include "core/ignore_cancellation.hpp"
#include "sandboxes/group_exec.hpp"
#include "sandboxes/shell_sandbox_core.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <algorithm>
#include <utility>

namespace asio = boost::asio;
using clock_type = std::chrono::steady_clock;

namespace agent_backends::detail {
namespace {

// Longer timeouts count as none (and cannot overflow the clock).
constexpr std::chrono::hours no_limit{24 * 365 * 100};
constexpr std::chrono::milliseconds script_kill_grace{500};
constexpr std::size_t max_script_errors = 64 * 1024;
constexpr std::chrono::seconds working_dir_check_limit{30};

// Where internal commands start, where the transport can say: they name absolute paths, the work dir may
// have been removed, and engines that map a container's root to a host directory of their own see the
// paths relative to it as the container does.
constexpr const char* script_dir = "/";

void refuse_nul(std::string_view text, std::string_view what)
{
    if (text.find('\0') != std::string_view::npos)
        throw error(errc::invalid_argument, "Invalid " + std::string(what) + ": contains a NUL byte");
}

/// `K=V` entries, checked as a local command checks them (and `env`, which sets them, takes no name
/// that looks like an option).
std::vector<std::string> env_entries(const execute_options& opts)
{
    std::vector<std::string> out;
    for (const auto& [key, value] : opts.env)
    {
        if (key.empty() || key.find('=') != std::string::npos || key.starts_with('-'))
            throw error(errc::invalid_argument, "Invalid environment variable name: '" + key + "'");
        refuse_nul(key, "environment variable name");
        refuse_nul(value, "value of environment variable " + key);
        out.push_back(key + "=" + value);
    }
    return out;
}

clock_type::time_point deadline_of(std::chrono::milliseconds timeout)
{
    return timeout.count() > 0 && timeout < no_limit ? clock_type::now() + timeout
                                                     : clock_type::time_point::max();
}

/// Launches the process and waits for its output to end or the deadline; a timed-out or cancelled
/// command has its process group killed before this returns (or rethrows the cancellation). True when
/// it ended.
task<bool> run_to_end(core_ptr self, const std::shared_ptr<container_exec>& target, group_exec& exec,
                      group_exec_request request, clock_type::time_point deadline,
                      std::chrono::milliseconds grace)
{
    std::exception_ptr failed;       // the service refused
    std::exception_ptr interrupted;  // the caller cancelled
    bool ended = false;
    try
    {
        co_await exec.launch(std::move(request));
        ended = co_await exec.wait_until(deadline);
    }
    catch (const error&)
    {
        failed = std::current_exception();
    }
    catch (const boost::system::system_error& e)
    {
        if (e.code() != asio::error::operation_aborted)
            throw;
        interrupted = std::current_exception();
    }
    if (failed)
    {
        co_await self->throw_if_lost(target->target());
        std::rethrow_exception(failed);
    }
    if (interrupted || !ended)
    {
        // The kill must happen whatever the caller does next: no more cancellation from here on.
        co_await asio::this_coro::reset_cancellation_state(ignore_cancellation());
        co_await exec.kill(grace);
        if (interrupted)
            std::rethrow_exception(interrupted);
        co_return false;
    }
    if (auto lost = exec.failure())
    {
        // A command that exits without reading all its input may have the service close the connection
        // under the stdin still being written: the output then ends in an error, yet the command is done.
        if (!co_await exec.exit_code())
        {
            co_await asio::this_coro::reset_cancellation_state(ignore_cancellation());
            co_await exec.kill(grace);  // the connection broke, the command may still run
            co_await self->throw_if_lost(target->target());
            std::rethrow_exception(lost);
        }
    }
    co_return true;
}

/// The exit code once the output ended; a container that went away meanwhile is reported as lost.
task<std::optional<int>> exit_code_of(core_ptr self, const std::shared_ptr<container_exec>& target,
                                      group_exec& exec)
{
    auto code = co_await exec.exit_code();
    if (!code)
        co_await self->throw_if_lost(target->target());
    co_return code;
}

/// Output that is nothing but the wrapper's report of a working directory it could not enter.
class working_dir_watch
{
public:
    void see(std::string_view data)
    {
        total_ += data.size();
        if (head_.size() < max_marker)
            head_.append(data.substr(0, max_marker - head_.size()));
    }

    /// Throws the refusal when the wrapper reported one.
    void check(std::optional<int> exit_code, std::string_view given) const
    {
        if (exit_code != working_dir_status || total_ != head_.size())
            return;
        const auto prefix = "Cannot run the command: working directory '" + std::string(given) + "' ";
        if (head_ == working_dir_missing_marker)
            throw error(errc::invalid_argument, prefix + "does not exist");
        if (head_ == working_dir_not_dir_marker)
            throw error(errc::invalid_argument, prefix + "is not a directory");
        if (head_ == working_dir_denied_marker)
            throw error(errc::permission_denied, prefix + "cannot be entered (permission denied)");
    }

private:
    static constexpr std::size_t max_marker = 64;
    std::string head_;
    std::size_t total_{0};
};

task<execute_response> run_command(core_ptr self, std::shared_ptr<container_exec> target, std::string command,
                                   execute_options opts)
{
    // The work dir is where the container starts processes; one asked for is entered by the wrapper.
    const auto given_dir = opts.working_dir.empty() ? self->work_dir : opts.working_dir;
    auto dir =
        opts.working_dir.empty() ? std::string() : resolve_remote_path(opts.working_dir, self->work_dir);
    auto capture = std::make_shared<output_capture>(opts.max_output_bytes);
    auto watch = std::make_shared<working_dir_watch>();
    auto exec = std::make_shared<group_exec>(co_await asio::this_coro::executor, target,
                                             [capture, watch](output_stream, std::string_view data) {
                                                 capture->append(data);
                                                 watch->see(data);
                                             });
    group_exec_request request{std::move(command), std::move(dir), env_entries(opts)};
    if (!opts.stdin_text.empty())
        request.stdin_text = std::move(opts.stdin_text);

    bool ended = co_await run_to_end(self, target, *exec, std::move(request), deadline_of(opts.timeout),
                                     opts.kill_grace);
    if (!ended)
    {
        bool truncated = capture->truncated();
        co_return timed_out_response(capture->take(), truncated, opts.timeout);
    }
    auto code = co_await exit_code_of(self, target, *exec);
    watch->check(code, given_dir);
    bool truncated = capture->truncated();
    co_return execute_response{capture->take(), code, truncated};
}

/// Adds what a script printed to its output, each stream within its limit.
void keep_script_output(script_output& result, std::size_t max_out, output_stream kind, std::string_view data)
{
    const bool out = kind == output_stream::out;
    auto& text = out ? result.out : result.err;
    const auto limit = out ? max_out : max_script_errors;
    if (text.size() + data.size() > limit)
    {
        data = data.substr(0, limit - std::min(limit, text.size()));
        if (out)
            result.overflowed = true;
    }
    text.append(data);
}

task<script_output> run_script_here(core_ptr self, std::shared_ptr<container_exec> target, std::string script,
                                    script_options opts)
{
    auto result = std::make_shared<script_output>();
    const auto max_out = opts.max_out;
    auto exec = std::make_shared<group_exec>(co_await asio::this_coro::executor, target,
                                             [result, max_out](output_stream kind, std::string_view data) {
                                                 keep_script_output(*result, max_out, kind, data);
                                             });
    group_exec_request request{
        .command = std::move(script), .stdin_text = std::move(opts.stdin_text), .start_dir = script_dir};
    if (!co_await run_to_end(self, target, *exec, std::move(request), deadline_of(opts.timeout),
                             script_kill_grace))
    {
        throw error(errc::timed_out, timeout_message(opts.timeout) + " (" + opts.what + ")");
    }
    result->exit_code = co_await exit_code_of(self, target, *exec);
    co_return std::move(*result);
}

task<std::shared_ptr<background_job>> start_job(core_ptr self, std::string command, execute_options opts)
{
    refuse_nul(command, "command");
    auto env = env_entries(opts);
    auto target = co_await self->ensure_started();
    auto dir =
        opts.working_dir.empty() ? std::string() : resolve_remote_path(opts.working_dir, self->work_dir);
    auto strand = asio::make_strand(self->executor);
    if (!dir.empty())
    {
        // A job reports how it ended only later: a directory it could not enter is refused now, as
        // execute refuses it.
        co_await asio::co_spawn(
            strand,
            run_command(self, target, "true",
                        {.timeout = working_dir_check_limit, .working_dir = opts.working_dir}),
            asio::use_awaitable);
    }
    auto job = std::make_shared<container_background_job>(strand, self->jobs.next_id(), command,
                                                          opts.max_output_bytes, opts.kill_grace);
    group_exec_request request{std::move(command), std::move(dir), std::move(env)};
    if (!opts.stdin_text.empty())
        request.stdin_text = std::move(opts.stdin_text);
    std::exception_ptr failed;
    try
    {
        co_await asio::co_spawn(strand, job->launch(target, std::move(request)), asio::use_awaitable);
    }
    catch (const error&)
    {
        failed = std::current_exception();
    }
    if (failed)
    {
        co_await self->throw_if_lost(target->target());
        std::rethrow_exception(failed);
    }
    self->jobs.add(job);
    self->touch();
    co_return job;
}

}  // namespace

task<execute_response> core_execute(core_ptr self, std::string command, execute_options opts)
{
    refuse_nul(command, "command");
    env_entries(opts);  // a bad name fails before the container is started
    if (!opts.working_dir.empty())
        resolve_remote_path(opts.working_dir, self->work_dir);
    auto target = co_await self->ensure_started();
    // On a stack (and strand) of its own: the cancellation filters set while killing stay there, and the
    // output handler and the waits never run at once.
    auto strand = asio::make_strand(self->executor);
    auto response = co_await asio::co_spawn(
        strand, run_command(self, std::move(target), std::move(command), std::move(opts)),
        asio::use_awaitable);
    self->touch();
    co_return response;
}

task<script_output> run_script(core_ptr self, std::shared_ptr<container_exec> target, std::string script,
                               script_options opts)
{
    auto strand = asio::make_strand(self->executor);
    co_return co_await asio::co_spawn(
        strand, run_script_here(std::move(self), std::move(target), std::move(script), std::move(opts)),
        asio::use_awaitable);
}

task<std::shared_ptr<background_job>> core_start_background(core_ptr self, std::string command,
                                                            execute_options opts)
{
    return start_job(std::move(self), std::move(command), std::move(opts));
}

}  // namespace agent_backends::detail
