// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/http/upgraded_stream.hpp>

#include "http/http_client_core.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

namespace asio = boost::asio;

namespace agent_backends {
namespace {

void require_open(const detail::upgraded_stream_state& s)
{
    if (!s.conn)
        throw error(errc::unavailable, "The upgraded connection to " + s.endpoint +
                                           " is not open (the server answered " +
                                           std::to_string(s.response.status) + ")");
    if (s.closed)
        throw error(errc::unavailable, "The upgraded connection to " + s.endpoint + " is closed");
}

// Cancellation closes the stream and propagates; other failures become `unavailable`.
[[noreturn]] void fail(detail::upgraded_stream_state& s, const boost::system::system_error& e,
                       const char* doing)
{
    s.conn->close();
    s.closed = true;
    if (e.code() == asio::error::operation_aborted)
        throw;  // called from the handler: rethrows the cancellation as it came
    throw error(errc::unavailable, "The upgraded connection to " + s.endpoint + " failed while " + doing +
                                       ": " + e.code().message());
}

}  // namespace

upgraded_stream::upgraded_stream(std::unique_ptr<detail::upgraded_stream_state> state) noexcept
    : state_(std::move(state))
{}

upgraded_stream::upgraded_stream(upgraded_stream&&) noexcept = default;
upgraded_stream& upgraded_stream::operator=(upgraded_stream&&) noexcept = default;
upgraded_stream::~upgraded_stream() = default;

const http_response& upgraded_stream::response() const noexcept
{
    return state_->response;
}

bool upgraded_stream::is_open() const noexcept
{
    return state_->conn != nullptr && !state_->closed;
}

task<std::size_t> upgraded_stream::read_some(std::span<char> buffer)
{
    auto& s = *state_;
    if (s.pending_offset < s.pending.size())
    {
        std::size_t n = std::min(buffer.size(), s.pending.size() - s.pending_offset);
        std::memcpy(buffer.data(), s.pending.data() + s.pending_offset, n);
        s.pending_offset += n;
        if (s.pending_offset == s.pending.size())
        {
            std::string().swap(s.pending);
            s.pending_offset = 0;
        }
        co_return n;
    }
    require_open(s);
    try
    {
        co_return co_await s.conn->read_some(buffer);
    }
    catch (const boost::system::system_error& e)
    {
        fail(s, e, "reading");
    }
}

task<void> upgraded_stream::write(std::string data)
{
    auto& s = *state_;
    require_open(s);
    try
    {
        std::array<asio::const_buffer, 1> piece{asio::buffer(data)};
        co_await s.conn->write(piece);
    }
    catch (const boost::system::system_error& e)
    {
        fail(s, e, "writing");
    }
}

task<void> upgraded_stream::shutdown_send()
{
    auto& s = *state_;
    require_open(s);
    try
    {
        s.conn->shutdown_send();
    }
    catch (const boost::system::system_error& e)
    {
        fail(s, e, "shutting down its sending side");
    }
    co_return;
}

void upgraded_stream::close() noexcept
{
    if (state_ && state_->conn)
    {
        state_->conn->close();
        state_->closed = true;
    }
}

}  // namespace agent_backends
