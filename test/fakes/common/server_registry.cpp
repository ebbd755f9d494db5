// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/common/server_registry.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace asio = boost::asio;

namespace agent_backends::test {

void server_registry::add_connection(const void* key, std::function<void()> close)
{
    connections_.emplace(key, std::move(close));
    ++open_connections_;
}

void server_registry::remove_connection(const void* key)
{
    if (connections_.erase(key) > 0)
        --open_connections_;
}

task<void> server_registry::wait_for_change(std::chrono::steady_clock::time_point deadline)
{
    if (stopping_)
        co_return;
    asio::steady_timer timer(executor, deadline);
    struct registration
    {
        std::set<asio::steady_timer*>& waiters;
        asio::steady_timer* timer;
        ~registration() { waiters.erase(timer); }
    } registered{waiters_, &timer};
    waiters_.insert(&timer);
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
}

void server_registry::notify_change()
{
    for (auto* timer : waiters_)
        timer->cancel();
}

void server_registry::close_all()
{
    stopping_ = true;
    if (close_listener)
        close_listener();
    for (auto& [key, close] : connections_)
        close();
    on_close_all();
    notify_change();
}

}  // namespace agent_backends::test
