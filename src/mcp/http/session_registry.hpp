// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_MCP_HTTP_SESSION_REGISTRY_HPP
#define AGENT_BACKENDS_SRC_MCP_HTTP_SESSION_REGISTRY_HPP

#include <agent_backends/mcp/mcp_session.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace agent_backends::detail::mcp_http {

/// One live MCP session of the HTTP transport and what the transport tracks about it.
struct session_entry
{
    session_entry(std::string session_id, std::shared_ptr<mcp_session> s, boost::asio::any_io_executor ex);

    std::string id;
    std::shared_ptr<mcp_session> session;
    std::chrono::steady_clock::time_point last_used{std::chrono::steady_clock::now()};
    std::size_t running_exchanges{0};  ///< POSTs being answered now.
    bool event_stream_open{false};     ///< A GET stream is attached (at most one).
    bool closed{false};

    /// Never expires by itself; cancelled when the session ends, which wakes whoever waits on it.
    boost::asio::steady_timer ended;
};

/// Marks a session busy while a POST is answered, and used when it starts and ends.
class exchange_activity
{
public:
    explicit exchange_activity(std::shared_ptr<session_entry> entry);
    ~exchange_activity();
    exchange_activity(const exchange_activity&) = delete;
    exchange_activity& operator=(const exchange_activity&) = delete;

private:
    std::shared_ptr<session_entry> entry_;
};

/// The sessions of one server by id. Used from the server's strand only.
class session_registry
{
public:
    explicit session_registry(boost::asio::any_io_executor ex);

    /// Registers an initialized session under `id`.
    std::shared_ptr<session_entry> add(std::string id, std::shared_ptr<mcp_session> session);

    /// The live session called `id`, or null.
    std::shared_ptr<session_entry> find(std::string_view id) const;

    /// Closes the session (its calls are cancelled, its GET stream ends) and forgets it.
    void close(const std::shared_ptr<session_entry>& entry);

    /// Closes every session that has no POST running, no GET stream open, and was last used more than
    /// `limit` before `now`. Returns how many were closed.
    std::size_t close_idle(std::chrono::steady_clock::time_point now,
                           std::chrono::steady_clock::duration limit);

    /// Closes every session.
    void close_all();

    std::size_t size() const noexcept { return sessions_.size(); }

private:
    boost::asio::any_io_executor executor_;
    std::unordered_map<std::string, std::shared_ptr<session_entry>> sessions_;
};

}  // namespace agent_backends::detail::mcp_http

#endif
