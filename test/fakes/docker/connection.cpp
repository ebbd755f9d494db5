// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/docker/connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <array>

namespace asio = boost::asio;

namespace agent_backends::test::docker_fake {
namespace {
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
}

task<bool> connection::write(std::string_view data)
{
    auto [ec, n] = co_await asio::async_write(socket_, asio::buffer(data.data(), data.size()), use_tuple);
    co_return !ec;
}

task<void> connection::wait_closed()
{
    std::array<char, 4096> sink;
    for (;;)
    {
        auto [ec, n] = co_await socket_.async_read_some(asio::buffer(sink), use_tuple);
        if (ec)
            co_return;
    }
}

void connection::shutdown_send() noexcept
{
    boost::system::error_code ignored;
    socket_.shutdown(socket_type::shutdown_send, ignored);
}

void connection::close() noexcept
{
    boost::system::error_code ignored;
    socket_.shutdown(socket_type::shutdown_both, ignored);
    socket_.close(ignored);
}

}  // namespace agent_backends::test::docker_fake
