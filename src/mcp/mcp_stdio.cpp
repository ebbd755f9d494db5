// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/mcp/mcp_stdio.hpp>

#include "mcp/json_rpc.hpp"
#include "mcp/line_framer.hpp"
#include "mcp/one_shot_event.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/experimental/channel.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/json/value.hpp>
#include <boost/system/system_error.hpp>

#include <csignal>
#include <exception>
#include <memory>
#include <string>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

namespace asio = boost::asio;

namespace agent_backends {
namespace {

using outbox_channel = asio::experimental::channel<void(boost::system::error_code, std::string)>;

int duplicate(int fd)
{
    int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (copy < 0)
        throw boost::system::system_error(errno, boost::system::system_category(), "dup");
    return copy;
}

/// Restores a descriptor's status flags (Asio leaves the shared file description non-blocking).
struct status_flags_keeper
{
    explicit status_flags_keeper(int fd) : fd_(fd), flags_(::fcntl(fd, F_GETFL)) {}
    ~status_flags_keeper()
    {
        if (flags_ >= 0)
            ::fcntl(fd_, F_SETFL, flags_);
    }
    status_flags_keeper(const status_flags_keeper&) = delete;
    status_flags_keeper& operator=(const status_flags_keeper&) = delete;

private:
    int fd_;
    int flags_;
};

/// One client on a pair of descriptors. Everything runs on one strand.
struct stdio_connection
{
    stdio_connection(asio::any_io_executor ex, const mcp_stdio_options& opts, std::shared_ptr<mcp_session> s)
        : input_flags(opts.input_fd),
          output_flags(opts.output_fd),
          input(ex, duplicate(opts.input_fd)),
          output(ex, duplicate(opts.output_fd)),
          session(std::move(s)),
          outbox(ex, 64),
          idle(ex),
          writer_done(ex),
          max_message_bytes(opts.max_message_bytes)
    {}

    /// Queues one message for the writer; throws once the client is gone.
    task<void> send(std::string message)
    {
        co_await outbox.async_send(boost::system::error_code(), std::move(message), asio::use_awaitable);
    }

    mcp_message_sink sink(const std::shared_ptr<stdio_connection>& self)
    {
        return [self](std::string message) { return self->send(std::move(message)); };
    }

    void finished_one()
    {
        if (--in_flight == 0)
            idle.cancel();
    }

    /// Waits until every started line is handled; false when the waiter is cancelled first.
    task<bool> all_handled_unless_cancelled()
    {
        while (in_flight > 0)
        {
            idle.expires_at(asio::steady_timer::time_point::max());
            co_await idle.async_wait(asio::as_tuple(asio::use_awaitable));
            auto state = co_await asio::this_coro::cancellation_state;
            if (state.cancelled() != asio::cancellation_type::none && in_flight > 0)
                co_return false;
        }
        co_return true;
    }

    task<void> all_handled()
    {
        while (in_flight > 0)
        {
            idle.expires_at(asio::steady_timer::time_point::max());
            co_await idle.async_wait(asio::as_tuple(asio::use_awaitable));
        }
    }

    status_flags_keeper input_flags;
    status_flags_keeper output_flags;
    asio::posix::stream_descriptor input;
    asio::posix::stream_descriptor output;
    std::shared_ptr<mcp_session> session;
    outbox_channel outbox;
    asio::steady_timer idle;
    detail::one_shot_event writer_done;
    std::size_t max_message_bytes;
    std::size_t in_flight{0};
    bool output_broken{false};
    std::exception_ptr write_failure{};
};

// Lines leave whole, in the order queued, from this one writer. Messages already queued go out together in
// one write (fewer system calls when many answers are ready at once).
task<void> write_loop(std::shared_ptr<stdio_connection> conn)
{
    constexpr std::size_t batch_bytes = 1u << 20;
    std::string batch;
    while (true)
    {
        auto [ec, message] = co_await conn->outbox.async_receive(asio::as_tuple(asio::use_awaitable));
        if (ec || message.empty())
            co_return;  // closed, or the end marker: everything queued before it is written
        batch = std::move(message);
        batch += '\n';
        bool end_marker = false;
        while (batch.size() < batch_bytes && !end_marker &&
               conn->outbox.try_receive([&](boost::system::error_code e, std::string more) {
                   if (e || more.empty())
                       end_marker = true;
                   else
                       batch.append(more).push_back('\n');
               }))
        {}
        auto [write_ec, n] = co_await asio::async_write(conn->output, asio::buffer(batch),
                                                        asio::as_tuple(asio::use_awaitable));
        (void)n;
        if (write_ec)
        {
            conn->output_broken = true;
            if (write_ec != asio::error::broken_pipe && write_ec != asio::error::connection_reset &&
                write_ec != asio::error::operation_aborted)
                conn->write_failure = std::make_exception_ptr(boost::system::system_error(write_ec, "write"));
            conn->outbox.close();  // senders now fail: the client is gone
            conn->input.cancel();  // and nobody reads its requests any more
            co_return;
        }
        if (end_marker)
            co_return;
    }
}

task<void> handle_line(std::shared_ptr<stdio_connection> conn, std::string line)
{
    auto answer = co_await conn->session->handle(std::move(line), conn->sink(conn));
    if (answer)
        co_await conn->send(std::move(*answer));
}

task<void> refuse_long_line(std::shared_ptr<stdio_connection> conn)
{
    co_await conn->send(
        detail::rpc_error(nullptr, detail::rpc_code::invalid_request,
                          "Message exceeds " + std::to_string(conn->max_message_bytes) + " bytes"));
}

void start_line(const std::shared_ptr<stdio_connection>& conn, detail::framed_line line)
{
    ++conn->in_flight;
    auto done = [conn](std::exception_ptr) { conn->finished_one(); };  // failures: the client is gone
    if (line.too_long)
        asio::co_spawn(conn->input.get_executor(), refuse_long_line(conn), std::move(done));
    else
        asio::co_spawn(conn->input.get_executor(), handle_line(conn, std::move(line.text)), std::move(done));
}

task<void> read_loop(std::shared_ptr<stdio_connection> conn)
{
    detail::line_framer framer(conn->max_message_bytes);
    std::string buffer(64 * 1024, '\0');
    while (!conn->output_broken)
    {
        auto [ec, n] =
            co_await conn->input.async_read_some(asio::buffer(buffer), asio::as_tuple(asio::use_awaitable));
        if (ec == asio::error::eof)
        {
            for (auto& line : framer.finish())
                start_line(conn, std::move(line));
            co_return;
        }
        if (ec == asio::error::operation_aborted && conn->output_broken)
            co_return;
        if (ec)
            throw boost::system::system_error(ec);
        for (auto& line : framer.feed({buffer.data(), n}))
            start_line(conn, std::move(line));
    }
}

task<void> serve_on_strand(mcp_server server, mcp_stdio_options opts)
{
    auto ex = co_await asio::this_coro::executor;
    auto conn = std::make_shared<stdio_connection>(ex, opts, server.make_session());
    asio::co_spawn(ex, write_loop(conn), [conn](std::exception_ptr) { conn->writer_done.set(); });

    std::exception_ptr failure;
    try
    {
        co_await read_loop(conn);
    }
    catch (...)
    {
        failure = std::current_exception();
    }

    // End of input: the client has said all it will say, but the calls it made still get their answers
    // (`printf '...' | agent-backends mcp` works). A client that wants them stopped cancels them or
    // signals the process (the MCP stdio shutdown sequence: close input, wait, then SIGTERM).
    if (!failure && !conn->output_broken && !co_await conn->all_handled_unless_cancelled())
        failure = std::make_exception_ptr(boost::system::system_error(asio::error::operation_aborted));

    // Wind down even when cancelled: stop the calls, let them answer, write what is queued.
    co_await asio::this_coro::reset_cancellation_state();
    conn->session->close();
    if (failure)
    {
        // Cancelled or failed: nothing more is written.
        conn->outbox.close();
        conn->output.cancel();
    }
    co_await conn->all_handled();
    if (!conn->output_broken && !failure)
    {
        auto [ec] = co_await conn->outbox.async_send(boost::system::error_code(), std::string(),
                                                     asio::as_tuple(asio::use_awaitable));
        (void)ec;
    }
    else
        conn->outbox.close();
    co_await conn->writer_done.wait();
    if (failure)
        std::rethrow_exception(failure);
    if (conn->write_failure)
        std::rethrow_exception(conn->write_failure);
}

task<void> serve(mcp_server server, mcp_stdio_options opts)
{
    // A client that closes its end must not kill the server: writes then fail with EPIPE instead.
    if (struct sigaction current{};
        ::sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL)
        ::signal(SIGPIPE, SIG_IGN);
    auto strand = asio::make_strand(co_await asio::this_coro::executor);
    co_await asio::co_spawn(strand, serve_on_strand(std::move(server), opts), asio::use_awaitable);
}

}  // namespace

task<void> serve_mcp_stdio(const mcp_server& server, mcp_stdio_options opts)
{
    return serve(server, opts);
}

}  // namespace agent_backends
