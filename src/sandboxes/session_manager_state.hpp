// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_SESSION_MANAGER_STATE_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_SESSION_MANAGER_STATE_HPP

#include <agent_backends/sandboxes/session_manager.hpp>

#include "sandboxes/session_manager_lock.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace agent_backends::detail {

/// A registered session.
struct session_record
{
    std::shared_ptr<sandbox> box;
    /// Set when \ref session_manager::get_or_create handed out the existing sandbox again; idle time counts
    /// from the later of this and the sandbox's own last activity.
    std::optional<std::chrono::steady_clock::time_point> touched{};
};

/// The periodic cleanup: a timer on a strand, stopped by a flag plus a cancel of the timer (never by
/// cancelling the pass itself, so a release in progress finishes).
struct session_cleanup_loop
{
    explicit session_cleanup_loop(boost::asio::any_io_executor ex) : strand(ex), timer(strand) {}

    boost::asio::strand<boost::asio::any_io_executor> strand;
    boost::asio::steady_timer timer;
    std::atomic<bool> stopped{false};
};

/// Everything a \ref session_manager owns. Held by shared pointer by the manager, by every operation in
/// flight and by the cleanup loop, so none of them touches freed state when the manager goes first.
class session_manager_state
{
public:
    session_manager_state(boost::asio::any_io_executor ex, session_manager_options opts);

    boost::asio::any_io_executor executor;
    session_manager_options options;
    sandbox_factory factory;  ///< `options.factory`, or the default one.

    mutable std::mutex mutex;  ///< Guards the members below (never held across a suspension).
    std::map<std::string, session_record, std::less<>> sessions;
    std::map<std::string, std::shared_ptr<session_lock>, std::less<>> locks;
    std::size_t creating{0};  ///< Creations under way, counted against `max_sessions`.
    std::shared_ptr<session_cleanup_loop> loop;
};

/// The default factory: a \ref docker_sandbox per session, all sharing one engine client made on first use.
sandbox_factory make_default_sandbox_factory(boost::asio::any_io_executor ex,
                                             const session_manager_options& opts);

task<bool> release_session(std::shared_ptr<session_manager_state> state, std::string id);
task<std::size_t> cleanup_idle_sessions(std::shared_ptr<session_manager_state> state,
                                        std::optional<std::chrono::seconds> max_idle);
task<std::size_t> shutdown_sessions(std::shared_ptr<session_manager_state> state);
void start_session_cleanup(const std::shared_ptr<session_manager_state>& state,
                           std::chrono::milliseconds interval);
void stop_session_cleanup(session_manager_state& state);

/// Runs `box->stop()` to its end even when the caller is cancelled meanwhile (it runs apart from the caller's
/// cancellation); rethrows what stop throws.
task<void> stop_session_sandbox(std::shared_ptr<sandbox> box);

/// As \ref stop_session_sandbox, errors dropped. A caller that may have been cancelled resets its
/// cancellation state first (a cancelled coroutine throws at its next co_await).
task<void> stop_session_sandbox_best_effort(std::shared_ptr<sandbox> box);

}  // namespace agent_backends::detail

#endif
