// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/session_manager.hpp>

#include "sandboxes/session_manager_lock.hpp"
#include "sandboxes/session_manager_state.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>
#include <utility>

namespace asio = boost::asio;

namespace agent_backends {
namespace detail {
namespace {

task<void> run_stop(std::shared_ptr<sandbox> box)
{
    co_await box->stop();
}

// Marks the creation of a session as under way for the max_sessions count until it is registered or fails.
class creation_slot
{
public:
    explicit creation_slot(session_manager_state& state) : state_(state) {}
    creation_slot(const creation_slot&) = delete;
    creation_slot& operator=(const creation_slot&) = delete;
    ~creation_slot()
    {
        std::lock_guard guard(state_.mutex);
        --state_.creating;
    }

private:
    session_manager_state& state_;
};

std::shared_ptr<sandbox> find_session(session_manager_state& state, std::string_view id)
{
    std::lock_guard guard(state.mutex);
    auto it = state.sessions.find(id);
    return it == state.sessions.end() ? nullptr : it->second.box;
}

void mark_used(session_manager_state& state, std::string_view id)
{
    std::lock_guard guard(state.mutex);
    if (auto it = state.sessions.find(id); it != state.sessions.end())
        it->second.touched = std::chrono::steady_clock::now();
}

std::shared_ptr<sandbox> take_session(session_manager_state& state, std::string_view id)
{
    std::lock_guard guard(state.mutex);
    auto it = state.sessions.find(id);
    if (it == state.sessions.end())
        return nullptr;
    auto box = std::move(it->second.box);
    state.sessions.erase(it);
    return box;
}

// Reserves room for one more session, or refuses with the limit's message.
void reserve_creation(session_manager_state& state)
{
    std::lock_guard guard(state.mutex);
    const auto limit = state.options.max_sessions;
    if (limit && state.sessions.size() + state.creating >= *limit)
        throw error(errc::unavailable, "Session limit of " + std::to_string(*limit) +
                                           " reached. Release an idle session before opening another.");
    ++state.creating;
}

task<std::shared_ptr<sandbox>> get_or_create_session(std::shared_ptr<session_manager_state> state,
                                                     std::string id, std::optional<runtime_config> runtime)
{
    auto held = co_await session_lock_guard::acquire(state, id);

    if (auto existing = find_session(*state, id))
    {
        if (co_await existing->is_alive())
        {
            mark_used(*state, id);
            co_return existing;
        }
        // Dead, but it may still hold resources of its own (connections, a stopped container): release them.
        take_session(*state, id);
        co_await stop_session_sandbox_best_effort(std::move(existing));
    }

    reserve_creation(*state);
    creation_slot creating(*state);

    auto box = state->factory(id, runtime ? runtime : state->options.default_runtime);
    if (!box)
        throw error(errc::unavailable, "The sandbox factory made no sandbox for session '" + id + "'");

    std::exception_ptr failure;
    try
    {
        co_await box->start();
    }
    catch (...)
    {
        failure = std::current_exception();
    }
    if (failure)
    {
        // Nothing else will ever stop an unregistered sandbox: undo whatever part of start() succeeded. When
        // start() failed because this call was cancelled, clear that first, or the next co_await throws at
        // once.
        co_await asio::this_coro::reset_cancellation_state();
        co_await stop_session_sandbox_best_effort(box);
        std::rethrow_exception(failure);
    }

    {
        std::lock_guard guard(state->mutex);
        state->sessions[id] = session_record{box};
    }
    co_return box;
}

}  // namespace

session_manager_state::session_manager_state(asio::any_io_executor ex, session_manager_options opts)
    : executor(std::move(ex)), options(std::move(opts))
{
    factory = options.factory ? options.factory : make_default_sandbox_factory(executor, options);
}

task<void> stop_session_sandbox(std::shared_ptr<sandbox> box)
{
    // A coroutine of its own, not bound to the caller's cancellation slot: a stop once begun runs to its end.
    auto ex = co_await asio::this_coro::executor;
    co_await asio::co_spawn(ex, run_stop(std::move(box)),
                            asio::bind_cancellation_slot(asio::cancellation_slot(), asio::use_awaitable));
}

task<void> stop_session_sandbox_best_effort(std::shared_ptr<sandbox> box)
{
    try
    {
        co_await stop_session_sandbox(std::move(box));
    }
    catch (const std::exception&)
    {
        // Best effort: the sandbox is dead or never started, and the caller reports the real failure.
    }
}

task<bool> release_session(std::shared_ptr<session_manager_state> state, std::string id)
{
    auto held = co_await session_lock_guard::acquire(state, id);
    auto box = take_session(*state, id);
    if (!box)
        co_return false;
    co_await stop_session_sandbox(std::move(box));
    // Outside the lock: a callback that opens or releases a session of the same id must not deadlock.
    held.unlock();
    if (state->options.on_release)
        state->options.on_release(id);
    co_return true;
}

}  // namespace detail

session_manager::session_manager(asio::any_io_executor ex, session_manager_options opts)
    : state_(std::make_shared<detail::session_manager_state>(std::move(ex), std::move(opts)))
{}

session_manager::~session_manager()
{
    detail::stop_session_cleanup(*state_);
}

task<std::shared_ptr<sandbox>> session_manager::get_or_create(std::string_view session_id,
                                                              std::optional<runtime_config> runtime)
{
    return detail::get_or_create_session(state_, std::string(session_id), std::move(runtime));
}

task<bool> session_manager::release(std::string_view session_id)
{
    return detail::release_session(state_, std::string(session_id));
}

task<std::size_t> session_manager::cleanup_idle(std::optional<std::chrono::seconds> max_idle)
{
    return detail::cleanup_idle_sessions(state_, max_idle);
}

void session_manager::start_cleanup_loop(std::chrono::milliseconds interval)
{
    detail::start_session_cleanup(state_, interval);
}

void session_manager::stop_cleanup_loop()
{
    detail::stop_session_cleanup(*state_);
}

bool session_manager::contains(std::string_view session_id) const
{
    std::lock_guard guard(state_->mutex);
    return state_->sessions.find(session_id) != state_->sessions.end();
}

std::size_t session_manager::size() const
{
    std::lock_guard guard(state_->mutex);
    return state_->sessions.size();
}

std::vector<std::string> session_manager::session_ids() const
{
    std::lock_guard guard(state_->mutex);
    std::vector<std::string> ids;
    for (const auto& [id, record] : state_->sessions)
        ids.push_back(id);
    return ids;
}

}  // namespace agent_backends
