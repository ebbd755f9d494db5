// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>

#include <agent_backends/detail/exit_report.hpp>
#include <agent_backends/detail/output_capture.hpp>

#include "sandboxes/docker_sandbox_exec.hpp"
#include "sandboxes/docker_sandbox_state.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <utility>

namespace asio = boost::asio;
using clock_type = std::chrono::steady_clock;

namespace agent_backends::detail {
namespace {

// Longer timeouts count as none (and cannot overflow the clock).
constexpr std::chrono::hours no_limit{24 * 365 * 100};
constexpr std::chrono::milliseconds script_kill_grace{500};
constexpr std::size_t max_script_errors = 64 * 1024;

// Where internal commands start: they name absolute paths, and the work dir may have been removed.
constexpr const char* script_dir = "/";

auto ignore_cancellation()
{
    return [](asio::cancellation_type) { return asio::cancellation_type::none; };
}

void refuse_nul(std::string_view text, std::string_view what)
{
    if (text.find('\0') != std::string_view::npos)
        throw error(errc::invalid_argument, "Invalid " + std::string(what) + ": contains a NUL byte");
}

/// `K=V` entries, checked as a local command checks them.
std::vector<std::string> env_entries(const execute_options& opts)
{
    std::vector<std::string> out;
    for (const auto& [key, value] : opts.env)
    {
        if (key.empty() || key.find('=') != std::string::npos)
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

/// The directory a command starts in: the work dir, or the one asked for, which must exist.
task<std::string> working_dir_for(state_ptr self, std::string container_id, std::string given)
{
    if (given.empty())
        co_return self->work_dir;
    auto dir = resolve_container_path(given, self->work_dir);
    auto st = co_await on_container(self, container_id, self->engine->stat_path(container_id, dir));
    if (!st)
    {
        co_await throw_if_container_lost(self, container_id);
        throw error(errc::invalid_argument,
                    "Cannot run the command: working directory '" + given + "' does not exist");
    }
    constexpr std::uint32_t go_mode_symlink = 1u << 27;
    if (!st->is_dir() && (st->mode & go_mode_symlink) == 0)
        throw error(errc::invalid_argument,
                    "Cannot run the command: working directory '" + given + "' is not a directory");
    co_return dir;
}

/// Launches the exec and waits for its output to end or the deadline; a timed-out or cancelled command
/// has its process group killed before this returns (or rethrows the cancellation). True when it ended.
task<bool> run_to_end(state_ptr self, const std::string& container_id, group_exec& exec,
                      group_exec_request request, clock_type::time_point deadline,
                      std::chrono::milliseconds grace)
{
    std::exception_ptr failed;       // the engine refused
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
        co_await throw_if_container_lost(self, container_id);
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
        // A command that exits without reading all its input has the engine close the connection under
        // the stdin still being written: the output then ends in an error, yet the command is done.
        if (!co_await exec.exit_code())
        {
            co_await asio::this_coro::reset_cancellation_state(ignore_cancellation());
            co_await exec.kill(grace);  // the connection broke, the command may still run
            co_await throw_if_container_lost(self, container_id);
            std::rethrow_exception(lost);
        }
    }
    co_return true;
}

/// The exit code once the output ended; a container that went away meanwhile is reported as lost.
task<std::optional<int>> exit_code_of(state_ptr self, const std::string& container_id, group_exec& exec)
{
    auto code = co_await exec.exit_code();
    if (!code)
        co_await throw_if_container_lost(self, container_id);
    co_return code;
}

task<execute_response> run_command(state_ptr self, std::string container_id, std::string command,
                                   execute_options opts)
{
    auto dir = co_await working_dir_for(self, container_id, opts.working_dir);
    auto capture = std::make_shared<output_capture>(opts.max_output_bytes);
    auto exec = std::make_shared<group_exec>(
        co_await asio::this_coro::executor, self->engine, container_id,
        [capture](exec_stream_kind, std::string_view data) { capture->append(data); });
    group_exec_request request{std::move(command), std::move(dir), env_entries(opts)};
    if (!opts.stdin_text.empty())
        request.stdin_text = std::move(opts.stdin_text);

    bool ended = co_await run_to_end(self, container_id, *exec, std::move(request), deadline_of(opts.timeout),
                                     opts.kill_grace);
    if (!ended)
    {
        bool truncated = capture->truncated();
        co_return timed_out_response(capture->take(), truncated, opts.timeout);
    }
    auto code = co_await exit_code_of(self, container_id, *exec);
    bool truncated = capture->truncated();
    co_return execute_response{capture->take(), code, truncated};
}

task<script_output> run_script_here(state_ptr self, std::string container_id, std::string script,
                                    std::size_t max_out)
{
    auto result = std::make_shared<script_output>();
    auto exec = std::make_shared<group_exec>(
        co_await asio::this_coro::executor, self->engine, container_id,
        [result, max_out](exec_stream_kind kind, std::string_view data) {
            auto& text = kind == exec_stream_kind::stdout_stream ? result->out : result->err;
            const auto limit = kind == exec_stream_kind::stdout_stream ? max_out : max_script_errors;
            if (text.size() + data.size() > limit)
            {
                data = data.substr(0, limit - std::min(limit, text.size()));
                if (kind == exec_stream_kind::stdout_stream)
                    result->overflowed = true;
            }
            text.append(data);
        });
    co_await run_to_end(self, container_id, *exec, {std::move(script), script_dir},
                        clock_type::time_point::max(), script_kill_grace);
    result->exit_code = co_await exit_code_of(self, container_id, *exec);
    co_return std::move(*result);
}

task<std::shared_ptr<background_job>> start_job(state_ptr self, std::string command, execute_options opts)
{
    refuse_nul(command, "command");
    auto env = env_entries(opts);
    auto container_id = co_await ensure_started(self);
    auto dir = co_await working_dir_for(self, container_id, opts.working_dir);
    auto strand = asio::make_strand(self->engine->get_executor());
    auto job = std::make_shared<docker_background_job>(strand, self->jobs.next_id(), command,
                                                       opts.max_output_bytes, opts.kill_grace);
    group_exec_request request{std::move(command), std::move(dir), std::move(env)};
    if (!opts.stdin_text.empty())
        request.stdin_text = std::move(opts.stdin_text);
    co_await on_container(self, container_id,
                          asio::co_spawn(strand, job->launch(self->engine, container_id, std::move(request)),
                                         asio::use_awaitable));
    self->jobs.add(job);
    self->touch();
    co_return job;
}

}  // namespace

task<execute_response> sandbox_execute(state_ptr self, std::string command, execute_options opts)
{
    refuse_nul(command, "command");
    env_entries(opts);  // a bad name fails before the container is started
    auto container_id = co_await ensure_started(self);
    // On a stack (and strand) of its own: the cancellation filters set while killing stay there, and the
    // output handler and the waits never run at once.
    auto strand = asio::make_strand(self->engine->get_executor());
    auto response = co_await asio::co_spawn(
        strand, run_command(self, std::move(container_id), std::move(command), std::move(opts)),
        asio::use_awaitable);
    self->touch();
    co_return response;
}

task<script_output> run_script(state_ptr self, std::string container_id, std::string script,
                               std::size_t max_out)
{
    auto strand = asio::make_strand(self->engine->get_executor());
    co_return co_await asio::co_spawn(
        strand, run_script_here(std::move(self), std::move(container_id), std::move(script), max_out),
        asio::use_awaitable);
}

task<std::shared_ptr<background_job>> sandbox_start_background(state_ptr self, std::string command,
                                                               execute_options opts)
{
    return start_job(std::move(self), std::move(command), std::move(opts));
}

}  // namespace agent_backends::detail
