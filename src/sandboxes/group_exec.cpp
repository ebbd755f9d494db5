// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/group_exec.hpp"

#include <agent_backends/error.hpp>
#include <agent_backends/with_timeout.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <algorithm>
#include <cstdio>
#include <random>

namespace asio = boost::asio;
using clock_type = std::chrono::steady_clock;

namespace agent_backends::detail {
namespace {

// $1 token, $2 command, $3 working dir (empty: stay), $4 stdin bytes (empty: all of it), then K=V
// entries. The directory is entered first: one that cannot be is reported by a marker line and status
// 126, before anything runs. A child of this shell is not a process-group leader (the exec's own process is),
// so setsid makes it one without forking; the shell waits for it in the foreground (keeping stdin) and exits
// with its status. Its own stderr goes nowhere (busybox's shell reports a child killed by a signal there:
// "Killed"); the command gets the exec's back as it starts. Images without setsid still run the command,
// killed then by pid alone. The directory holding the group ids is world-writable and sticky, as /tmp
// is, so commands run as other users can record theirs too.
constexpr std::string_view wrapper_script = R"(f=/tmp/.agent-backends/$1.pgid; c=$2; d=$3; n=$4; shift 4
if [ -n "$d" ] && ! cd -- "$d" 2>/dev/null; then
  if [ ! -e "$d" ]; then m=missing; elif [ ! -d "$d" ]; then m='not a directory'; else m=denied; fi
  printf '\036agent-backends: working dir %s\n' "$m" >&2
  exit 126
fi
[ -d /tmp/.agent-backends ] || mkdir -p -m 1777 /tmp/.agent-backends 2>/dev/null
exec 3>&2 2>/dev/null
e=; [ $# -gt 0 ] && e=env
run() {
  if command -v setsid >/dev/null 2>&1; then
    setsid $e "$@" sh -c 'echo $$ > "$0"; exec sh -c "$1" 2>&3 3>&-' "$f" "$c"
  else
    $e "$@" sh -c 'echo $$ > "$0"; exec sh -c "$1" 2>&3 3>&-' "$f" "$c"
  fi
}
if [ -n "$n" ]; then head -c "$n" | run "$@"; else run "$@"; fi
r=$?
rm -f "$f"
exit $r)";

// $1 token, $2 grace in tenths of a second. `kill -s SIG -- -PGID` is what dash and bash take, busybox
// wants `kill -s SIG -PGID`; without a group (no setsid) the pid alone is signalled. The group id file
// may not be written yet when the command has only just started: it is awaited briefly. Exit status 3:
// no group was recorded (the command never started, or has ended).
constexpr std::string_view kill_script = R"(f=/tmp/.agent-backends/$1.pgid
sig() { kill -s "$1" -- "-$2" 2>/dev/null || kill -s "$1" "-$2" 2>/dev/null; }
nap() { sleep 0.1 2>/dev/null || sleep 1; }
i=0
while [ ! -s "$f" ] && [ $i -lt 20 ]; do nap; i=$((i+1)); done
p=$(cat "$f" 2>/dev/null)
[ -n "$p" ] || exit 3
sig TERM "$p" || kill -s TERM "$p" 2>/dev/null || exit 0
i=0
while [ $i -lt "$2" ] && sig 0 "$p"; do nap; i=$((i+1)); done
sig KILL "$p" || kill -s KILL "$p" 2>/dev/null
exit 0)";

constexpr std::chrono::seconds kill_exec_margin{15};
constexpr std::chrono::seconds output_end_after_kill{5};
/// When there was no group to kill, an output still open is either about to end or never will (a
/// stalled stream): it gets less time.
constexpr std::chrono::seconds output_end_without_group{1};
constexpr int nothing_to_kill_status = 3;

std::string random_token()
{
    thread_local std::mt19937_64 generator{std::random_device{}()};
    char out[33];
    std::snprintf(out, sizeof out, "%016llx%016llx", static_cast<unsigned long long>(generator()),
                  static_cast<unsigned long long>(generator()));
    return out;
}

/// Runs a short command to its end, ignoring its output; returns its exit code.
task<std::optional<int>> run_quick(std::shared_ptr<container_exec> target, std::vector<std::string> command)
{
    auto process = co_await target->start({.argv = std::move(command)});
    while (co_await process->read())
    {}
    co_return co_await process->exit_code();
}

}  // namespace

std::vector<std::string> group_exec_command(std::string_view token, std::string_view command,
                                            std::string_view working_dir,
                                            std::optional<std::size_t> stdin_bytes,
                                            const std::vector<std::string>& env)
{
    std::vector<std::string> argv{"sh",
                                  "-c",
                                  std::string(wrapper_script),
                                  "sh",
                                  std::string(token),
                                  std::string(command),
                                  std::string(working_dir),
                                  stdin_bytes ? std::to_string(*stdin_bytes) : std::string()};
    argv.insert(argv.end(), env.begin(), env.end());
    return argv;
}

std::vector<std::string> group_kill_command(std::string_view token, std::chrono::milliseconds grace)
{
    auto tenths = (std::max<std::chrono::milliseconds::rep>(grace.count(), 0) + 99) / 100;
    return {"sh", "-c", std::string(kill_script), "sh", std::string(token), std::to_string(tenths)};
}

group_exec::group_exec(asio::any_io_executor strand, std::shared_ptr<container_exec> target,
                       exec_output_handler on_output)
    : strand_(std::move(strand)),
      target_(std::move(target)),
      on_output_(std::move(on_output)),
      done_signal_(strand_, clock_type::time_point::max())
{}

task<void> group_exec::launch(group_exec_request request)
{
    token_ = random_token();
    std::optional<std::size_t> stdin_bytes;
    if (request.stdin_text && target_->needs_bounded_stdin())
        stdin_bytes = request.stdin_text->size();
    process_spec spec{
        .argv = group_exec_command(token_, request.command, request.working_dir, stdin_bytes, request.env),
        .with_stdin = request.stdin_text.has_value(),
        .start_dir = std::move(request.start_dir)};
    process_ = co_await target_->start(std::move(spec));
    launched_ = true;
    asio::co_spawn(strand_, pump(shared_from_this()),
                   asio::bind_cancellation_slot(stop_reading_.slot(), asio::detached));
    if (request.stdin_text)
        asio::co_spawn(strand_, feed_stdin(shared_from_this(), std::move(*request.stdin_text)),
                       asio::bind_cancellation_slot(stop_writing_.slot(), asio::detached));
}

task<void> group_exec::pump(std::shared_ptr<group_exec> self)
{
    try
    {
        while (auto piece = co_await self->process_->read())
        {
            if (self->on_output_)
                self->on_output_(piece->stream, piece->data);
        }
    }
    catch (const std::exception&)
    {
        // The end of the output either way; a failure matters only when nobody asked for it.
        if (!self->abandoned_)
            self->failure_ = std::current_exception();
    }
    self->process_->close();
    self->done_ = true;
    self->done_signal_.cancel();
}

task<void> group_exec::feed_stdin(std::shared_ptr<group_exec> self, std::string text)
{
    try
    {
        co_await self->process_->write_stdin(std::move(text));
        co_await self->process_->close_stdin();
    }
    catch (const std::exception&)
    {
        // A command may exit without reading its input: what it did not read is of no use any more.
    }
}

task<bool> group_exec::wait_until(clock_type::time_point deadline)
{
    using asio::experimental::make_parallel_group;
    using asio::experimental::wait_for_one;
    if (done_)
        co_return true;
    asio::steady_timer timer(strand_, deadline);
    co_await make_parallel_group(done_signal_.async_wait(asio::deferred), timer.async_wait(asio::deferred))
        .async_wait(wait_for_one(), asio::use_awaitable);
    // The group completes normally when the caller cancels it; the cancellation must still be seen.
    auto state = co_await asio::this_coro::cancellation_state;
    if (!done_ && state.cancelled() != asio::cancellation_type::none)
        throw boost::system::system_error(asio::error::operation_aborted);
    co_return done_;
}

task<bool> group_exec::wait_done_shielded(clock_type::time_point deadline)
{
    using asio::experimental::make_parallel_group;
    using asio::experimental::wait_for_one;
    if (done_)
        co_return true;
    asio::steady_timer timer(strand_, deadline);
    co_await make_parallel_group(done_signal_.async_wait(asio::deferred), timer.async_wait(asio::deferred))
        .async_wait(wait_for_one(), asio::use_awaitable);
    co_return done_;
}

task<std::optional<int>> group_exec::exit_code()
{
    if (!process_)
        co_return std::nullopt;
    co_return co_await process_->exit_code();
}

task<void> group_exec::kill(std::chrono::milliseconds grace)
{
    // Output that ended normally means the wrapper exited, so the command did too; one lost or abandoned
    // says nothing about the command.
    if (token_.empty() || (done_ && !failure_ && !abandoned_))
        co_return;
    std::optional<int> outcome;
    try
    {
        outcome = co_await with_timeout(run_quick(target_, group_kill_command(token_, grace)),
                                        grace + kill_exec_margin);
    }
    catch (const error&)
    {
        // The container is gone or the service does not answer: nothing is left that this could end.
    }
    if (!launched_)
        co_return;
    const auto patience =
        outcome == nothing_to_kill_status ? output_end_without_group : output_end_after_kill;
    if (!co_await wait_done_shielded(clock_type::now() + patience))
    {
        abandon();
        co_await wait_done_shielded(clock_type::now() + std::chrono::seconds(1));
    }
}

void group_exec::abandon()
{
    abandoned_ = true;
    stop_reading_.emit(asio::cancellation_type::terminal);
    stop_writing_.emit(asio::cancellation_type::terminal);
}

}  // namespace agent_backends::detail
