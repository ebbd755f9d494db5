// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SANDBOXES_SESSION_MANAGER_HPP
#define AGENT_BACKENDS_SANDBOXES_SESSION_MANAGER_HPP

#include <agent_backends/sandbox.hpp>
#include <agent_backends/sandboxes/docker_sandbox.hpp>
#include <agent_backends/sandboxes/runtime_config.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends {

namespace detail {
class session_manager_state;
}

/// \brief Makes the sandbox of a session (not started yet: the manager starts it).
/// \details `runtime` is the one asked for in \ref session_manager::get_or_create, else the default; may be
/// empty.
using sandbox_factory = std::function<std::shared_ptr<sandbox>(std::string_view session_id,
                                                               const std::optional<runtime_config>& runtime)>;

/// \brief Settings of a \ref session_manager.
struct session_manager_options
{
    sandbox_factory factory{};                          ///< Empty: a \ref docker_sandbox per session.
    std::optional<runtime_config> default_runtime{};
    std::chrono::seconds default_idle_timeout{3600};    ///< For sandboxes that name no limit of their own.
    /// When set, the default factory binds `<workspace_root>/<session id>/workspace` (created) to
    /// `/workspace` of each container.
    std::filesystem::path workspace_root{};
    std::optional<std::size_t> max_sessions{};
    std::function<void(std::string_view session_id)> on_release{};  ///< Called after a session is released.
    docker_sandbox_options docker{};                    ///< Base options of the default factory's sandboxes.
};

/// \brief One isolated sandbox per user of a multi-user server: get-or-create by session id, release,
/// reaping of idle sessions on a timer, shutdown.
///
/// \details Concurrent \ref get_or_create calls for one id create one sandbox; different ids proceed in
/// parallel. A session whose sandbox is no longer alive is replaced on its next \ref get_or_create.
/// ```
/// session_manager sessions(ex, {.default_runtime = get_runtime("python-minimal")});
/// sessions.start_cleanup_loop(std::chrono::minutes(5));
/// auto box = co_await sessions.get_or_create(user_id);
/// auto r = co_await box->execute("python -V");
/// ```
///
/// \par Errors
/// \ref get_or_create: what the sandbox's `start` throws (the sandbox is stopped first), or
/// `unavailable` with `Session limit of {n} reached. Release an idle session before opening another.`
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: safe on one `io_context`.
class session_manager
{
public:
    session_manager(boost::asio::any_io_executor ex, session_manager_options opts = {});

    /// \brief Ends the cleanup loop and lets go of the sandboxes without stopping them: call \ref shutdown
    /// first to remove their containers.
    ~session_manager();
    session_manager(const session_manager&) = delete;
    session_manager& operator=(const session_manager&) = delete;

    /// \brief The session's sandbox, created and started when missing or dead; marks it used.
    task<std::shared_ptr<sandbox>> get_or_create(std::string_view session_id,
                                                 std::optional<runtime_config> runtime = std::nullopt);

    /// \brief Stops and forgets a session; false when unknown. Calls `on_release` afterwards.
    task<bool> release(std::string_view session_id);

    /// \brief Releases the sessions idle strictly longer than `max_idle` (given), else their sandbox's own
    /// `idle_timeout()`, else `default_idle_timeout`; returns how many.
    task<std::size_t> cleanup_idle(std::optional<std::chrono::seconds> max_idle = std::nullopt);

    /// \brief Runs \ref cleanup_idle every `interval` until \ref stop_cleanup_loop or \ref shutdown
    /// (idempotent; the loop survives errors).
    void start_cleanup_loop(std::chrono::milliseconds interval = std::chrono::minutes(5));

    /// \brief Stops the loop.
    void stop_cleanup_loop();

    /// \brief Stops the loop and releases every session; returns how many.
    task<std::size_t> shutdown();

    /// \brief Whether a session is registered.
    bool contains(std::string_view session_id) const;

    /// \brief How many sessions are registered.
    std::size_t size() const;

    /// \brief The registered session ids, sorted.
    std::vector<std::string> session_ids() const;

private:
    std::shared_ptr<detail::session_manager_state> state_;
};

}  // namespace agent_backends

#endif
