// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/kubernetes/server_context.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace asio = boost::asio;

namespace agent_backends::test::kubernetes_fake {

server_context::connection_scope::connection_scope(server_context& ctx, connection& c) : ctx_(ctx), c_(c)
{
    ctx_.connections_.insert(&c_);
    ++ctx_.open_connections_;
}

server_context::connection_scope::~connection_scope()
{
    ctx_.connections_.erase(&c_);
    --ctx_.open_connections_;
}

task<void> server_context::wait_for_change(std::chrono::steady_clock::time_point deadline)
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

void server_context::notify_change()
{
    for (auto* timer : waiters_)
        timer->cancel();
}

void server_context::close_all()
{
    stopping_ = true;
    if (close_listener)
        close_listener();
    for (auto* c : connections_)
        c->close();
    {
        std::lock_guard lock(state->mutex);
        state->kill_all();
    }
    notify_change();
}

}  // namespace agent_backends::test::kubernetes_fake
