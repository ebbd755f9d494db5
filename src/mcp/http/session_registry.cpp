// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/http/session_registry.hpp"

#include <utility>
#include <vector>

namespace agent_backends::detail::mcp_http {

session_entry::session_entry(std::string session_id, std::shared_ptr<mcp_session> s,
                             boost::asio::any_io_executor ex)
    : id(std::move(session_id)),
      session(std::move(s)),
      ended(std::move(ex), boost::asio::steady_timer::time_point::max())
{}

exchange_activity::exchange_activity(std::shared_ptr<session_entry> entry) : entry_(std::move(entry))
{
    ++entry_->running_exchanges;
    entry_->last_used = std::chrono::steady_clock::now();
}

exchange_activity::~exchange_activity()
{
    --entry_->running_exchanges;
    entry_->last_used = std::chrono::steady_clock::now();
}

session_registry::session_registry(boost::asio::any_io_executor ex) : executor_(std::move(ex)) {}

std::shared_ptr<session_entry> session_registry::add(std::string id, std::shared_ptr<mcp_session> session)
{
    auto entry = std::make_shared<session_entry>(id, std::move(session), executor_);
    sessions_[std::move(id)] = entry;
    return entry;
}

std::shared_ptr<session_entry> session_registry::find(std::string_view id) const
{
    auto it = sessions_.find(std::string(id));
    return it == sessions_.end() ? nullptr : it->second;
}

void session_registry::close(const std::shared_ptr<session_entry>& entry)
{
    if (entry->closed)
        return;
    entry->closed = true;
    sessions_.erase(entry->id);
    entry->session->close();
    entry->ended.cancel();
}

std::size_t session_registry::close_idle(std::chrono::steady_clock::time_point now,
                                         std::chrono::steady_clock::duration limit)
{
    std::vector<std::shared_ptr<session_entry>> idle;
    for (const auto& [id, entry] : sessions_)
        if (entry->running_exchanges == 0 && !entry->event_stream_open && now - entry->last_used > limit)
            idle.push_back(entry);
    for (const auto& entry : idle)
        close(entry);
    return idle.size();
}

void session_registry::close_all()
{
    std::vector<std::shared_ptr<session_entry>> all;
    for (const auto& [id, entry] : sessions_)
        all.push_back(entry);
    for (const auto& entry : all)
        close(entry);
}

}  // namespace agent_backends::detail::mcp_http
