// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/sandboxes/session_manager.hpp>

#include "core/gather.hpp"
#include "sandboxes/session_manager_state.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace asio = boost::asio;

namespace agent_backends {
namespace detail {
namespace {

using clock = std::chrono::steady_clock;

// Idle strictly longer than the threshold: the one given, else the sandbox's own, else the manager's default.
// A sandbox that does not track its activity counts as just used.
bool is_idle(const session_record& record, clock::time_point now,
             std::optional<std::chrono::seconds> max_idle, std::chrono::seconds default_limit)
{
    auto activity = record.box->last_activity();
    if (!activity)
        return false;
    if (record.touched)
        activity = std::max(*activity, *record.touched);
    const auto limit = max_idle ? *max_idle : record.box->idle_timeout().value_or(default_limit);
    return now - *activity > limit;
}

task<bool> release_quietly(std::shared_ptr<session_manager_state> state, std::string id)
{
    try
    {
        co_return co_await release_session(std::move(state), std::move(id));
    }
    catch (const std::exception&)
    {
        // A shutdown has no later attempt: one sandbox failing to stop must not keep the others running.
        co_return false;
    }
}

task<void> run_cleanup_loop(std::shared_ptr<session_manager_state> state,
                            std::shared_ptr<session_cleanup_loop> loop, std::chrono::milliseconds interval)
{
    while (!loop->stopped)
    {
        loop->timer.expires_after(interval);
        co_await loop->timer.async_wait(asio::as_tuple(asio::use_awaitable));
        if (loop->stopped)
            break;
        try
        {
            co_await cleanup_idle_sessions(state, std::nullopt);
        }
        catch (const std::exception&)
        {
            // An unreachable engine or one sandbox refusing to stop: retried on the next tick, because a loop
            // that ends lets every later idle sandbox pile up unnoticed.
        }
    }
}

}  // namespace

task<std::size_t> cleanup_idle_sessions(std::shared_ptr<session_manager_state> state,
                                        std::optional<std::chrono::seconds> max_idle)
{
    std::vector<std::string> idle;
    {
        std::lock_guard guard(state->mutex);
        const auto now = clock::now();
        for (const auto& [id, record] : state->sessions)
            if (is_idle(record, now, max_idle, state->options.default_idle_timeout))
                idle.push_back(id);
    }
    for (const auto& id : idle)
        co_await release_session(state, id);
    co_return idle.size();
}

void start_session_cleanup(const std::shared_ptr<session_manager_state>& state,
                           std::chrono::milliseconds interval)
{
    std::shared_ptr<session_cleanup_loop> loop;
    {
        std::lock_guard guard(state->mutex);
        if (state->loop)
            return;
        loop = state->loop = std::make_shared<session_cleanup_loop>(state->executor);
    }
    asio::co_spawn(loop->strand, run_cleanup_loop(state, loop, interval), asio::detached);
}

void stop_session_cleanup(session_manager_state& state)
{
    std::shared_ptr<session_cleanup_loop> loop;
    {
        std::lock_guard guard(state.mutex);
        loop = std::move(state.loop);
    }
    if (!loop)
        return;
    loop->stopped = true;
    // The timer belongs to the loop's strand; a pass under way finishes and the loop then sees the flag.
    asio::dispatch(loop->strand, [loop] { loop->timer.cancel(); });
}

task<std::size_t> shutdown_sessions(std::shared_ptr<session_manager_state> state)
{
    stop_session_cleanup(*state);
    std::vector<std::string> ids;
    {
        std::lock_guard guard(state->mutex);
        for (const auto& [id, record] : state->sessions)
            ids.push_back(id);
    }
    std::vector<task<bool>> releases;
    for (const auto& id : ids)
        releases.push_back(release_quietly(state, id));
    // Concurrently: each stop may wait out a grace period, and they do not depend on each other.
    co_await gather(std::move(releases));
    co_return ids.size();
}

}  // namespace detail

task<std::size_t> session_manager::shutdown()
{
    return detail::shutdown_sessions(state_);
}

}  // namespace agent_backends
