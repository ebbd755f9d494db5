// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/docker/exec_session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <chrono>
#include <string_view>

namespace asio = boost::asio;

namespace agent_backends::test::docker_fake {
namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t read_chunk = 32 * 1024;     // the engine's largest frame payload
constexpr std::size_t drain_limit = 1024 * 1024;  // output taken after the exit, at most
constexpr std::chrono::seconds linger{5};         // for the client to hang up after the end
constexpr unsigned char stdout_stream = 1;
constexpr unsigned char stderr_stream = 2;
constexpr unsigned char invalid_stream = 7;

void record_exit(server_context& ctx, const std::string& exec_id, int exit_code)
{
    {
        std::lock_guard lock(ctx.state->mutex);
        if (auto it = ctx.state->execs.find(exec_id); it != ctx.state->execs.end())
        {
            it->second.phase = exec_phase::exited;
            it->second.exit_code = exit_code;
        }
    }
    ctx.notify_change();
}

class exec_session
{
public:
    exec_session(std::shared_ptr<server_context> ctx, std::shared_ptr<connection> conn, host_child child,
                 exec_session_config config)
        : ctx_(std::move(ctx)),
          conn_(std::move(conn)),
          config_(std::move(config)),
          output_(ctx_->executor, child.take_output().release()),
          exit_watch_(ctx_->executor, child.take_pidfd().release()),
          linger_(ctx_->executor)
    {
        if (auto errors = child.take_errors())
            errors_.emplace(ctx_->executor, errors.release());
        if (auto input = child.take_input())
            input_.emplace(ctx_->executor, asio::local::stream_protocol(), input.release());
        child_.emplace(std::move(child));
    }

    task<void> run()
    {
        using namespace asio::experimental::awaitable_operators;
        if (conn_ && config_.stream_fault == fake_fault_kind::malformed_frame_header)
        {
            co_await conn_->write(frame_header(invalid_stream, 5) + "bogus");
            hang_up();
        }
        if (conn_ && conn_->is_open())
            co_await (output_then_end() && input_to_stdin());
        else
        {
            co_await pump_output();
            record_exit(*ctx_, config_.exec_id, exit_code());
        }
        if (conn_)
            conn_->close();
    }

private:
    void hang_up()
    {
        conn_->close();
        client_gone_ = true;
    }

    int exit_code() { return child_->try_reap().value_or(255); }

    // Output until the process exited, the exit code, the end of the stream; then a moment for the client
    // to hang up (closing with its bytes unread would reset the connection instead).
    task<void> output_then_end()
    {
        co_await pump_output();
        if (config_.stream_fault == fake_fault_kind::drop_connection && !client_gone_)
        {
            co_await conn_->write(frame_header(stdout_stream, 16));  // announced, never sent
            hang_up();
        }
        record_exit(*ctx_, config_.exec_id, exit_code());
        if (!client_gone_)
            conn_->shutdown_send();
        if (input_done_)
            co_return;
        linger_.expires_after(linger);
        co_await linger_.async_wait(use_tuple);
        if (!input_done_)
            conn_->close();
    }

    // The client's bytes go to stdin (or nowhere without AttachStdin) until it ends its side.
    task<void> input_to_stdin()
    {
        auto& early = conn_->buffer();
        if (early.size() > 0)
        {
            auto bytes = early.data();
            std::string first(static_cast<const char*>(bytes.data()), bytes.size());
            early.consume(early.size());
            co_await forward(first);
        }
        std::array<char, read_chunk> chunk;
        for (;;)
        {
            auto [ec, n] = co_await conn_->socket().async_read_some(asio::buffer(chunk), use_tuple);
            if (ec)
                break;
            co_await forward({chunk.data(), n});
        }
        if (input_)
        {
            boost::system::error_code ignored;
            input_->shutdown(asio::socket_base::shutdown_send, ignored);
            input_->close(ignored);
        }
        input_done_ = true;
        linger_.cancel();
    }

    task<void> forward(std::string_view bytes)
    {
        if (!input_ || !input_->is_open())
            co_return;
        auto [ec, n] =
            co_await asio::async_write(*input_, asio::buffer(bytes.data(), bytes.size()), use_tuple);
        if (ec)
        {
            boost::system::error_code ignored;
            input_->close(ignored);  // the command closed its stdin or exited
        }
    }

    // Reads stdout and stderr until the process exits, then takes what the pipes still hold.
    task<void> pump_output()
    {
        using asio::experimental::make_parallel_group;
        using asio::experimental::wait_for_one;
        constexpr auto readable = asio::posix::descriptor_base::wait_read;
        std::array<char, read_chunk> out_buffer;
        std::array<char, read_chunk> err_buffer;
        bool out_open = true;
        bool err_open = errors_.has_value();
        bool exited = false;
        while (!exited)
        {
            if (out_open && err_open)
            {
                auto [order, out_ec, out_n, err_ec, err_n, exit_ec] =
                    co_await make_parallel_group(
                        output_.async_read_some(asio::buffer(out_buffer), asio::deferred),
                        errors_->async_read_some(asio::buffer(err_buffer), asio::deferred),
                        exit_watch_.async_wait(readable, asio::deferred))
                        .async_wait(wait_for_one(), asio::use_awaitable);
                out_open = co_await take(out_ec, {out_buffer.data(), out_n}, stdout_stream);
                err_open = co_await take(err_ec, {err_buffer.data(), err_n}, stderr_stream);
                exited = exit_ec != asio::error::operation_aborted;
            }
            else if (out_open || err_open)
            {
                auto& pipe = out_open ? output_ : *errors_;
                auto& buffer = out_open ? out_buffer : err_buffer;
                auto [order, read_ec, n, exit_ec] =
                    co_await make_parallel_group(pipe.async_read_some(asio::buffer(buffer), asio::deferred),
                                                 exit_watch_.async_wait(readable, asio::deferred))
                        .async_wait(wait_for_one(), asio::use_awaitable);
                bool open =
                    co_await take(read_ec, {buffer.data(), n}, out_open ? stdout_stream : stderr_stream);
                (out_open ? out_open : err_open) = open;
                exited = exit_ec != asio::error::operation_aborted;
            }
            else
            {
                co_await exit_watch_.async_wait(readable, use_tuple);
                exited = true;
            }
        }
        co_await drain(output_, out_buffer, stdout_stream);
        if (errors_)
            co_await drain(*errors_, err_buffer, stderr_stream);
    }

    // Delivers a completed read; false once the pipe has ended.
    task<bool> take(const boost::system::error_code& ec, std::string_view data, unsigned char stream)
    {
        if (ec == asio::error::operation_aborted)
            co_return true;
        if (ec)
            co_return false;
        co_await deliver(stream, data);
        co_return true;
    }

    task<void> drain(asio::posix::stream_descriptor& pipe, std::array<char, read_chunk>& buffer,
                     unsigned char stream)
    {
        boost::system::error_code ec;
        pipe.non_blocking(true, ec);
        for (std::size_t taken = 0; !ec && taken < drain_limit;)
        {
            auto n = pipe.read_some(asio::buffer(buffer), ec);
            if (ec)
                break;
            taken += n;
            co_await deliver(stream, {buffer.data(), n});
        }
    }

    task<void> deliver(unsigned char stream, std::string_view data)
    {
        if (!conn_ || client_gone_ || data.empty())
            co_return;
        auto length = static_cast<std::uint32_t>(data.size());
        if (config_.stream_fault == fake_fault_kind::drop_connection)
        {
            co_await conn_->write(frame_header(stream, length) +
                                  std::string(data.substr(0, data.size() / 2)));
            hang_up();
            co_return;
        }
        std::string bytes =
            config_.tty ? std::string(data) : frame_header(stream, length) + std::string(data);
        if (!co_await conn_->write(bytes))
            client_gone_ = true;
    }

    std::shared_ptr<server_context> ctx_;
    std::shared_ptr<connection> conn_;
    exec_session_config config_;
    asio::posix::stream_descriptor output_;
    std::optional<asio::posix::stream_descriptor> errors_;
    asio::posix::stream_descriptor exit_watch_;
    std::optional<asio::local::stream_protocol::socket> input_;
    asio::steady_timer linger_;
    std::optional<host_child> child_;
    bool client_gone_{false};
    bool input_done_{false};
};

}  // namespace

std::string frame_header(unsigned char stream, std::uint32_t length)
{
    std::string header(8, '\0');
    header[0] = static_cast<char>(stream);
    header[4] = static_cast<char>((length >> 24) & 0xff);
    header[5] = static_cast<char>((length >> 16) & 0xff);
    header[6] = static_cast<char>((length >> 8) & 0xff);
    header[7] = static_cast<char>(length & 0xff);
    return header;
}

task<void> run_exec_session(std::shared_ptr<server_context> ctx, std::shared_ptr<connection> conn,
                            spawn_result spawned, exec_session_config config)
{
    if (!spawned.child)
    {
        if (conn)
        {
            auto length = static_cast<std::uint32_t>(spawned.failure.size());
            co_await conn->write(config.tty ? spawned.failure
                                            : frame_header(stdout_stream, length) + spawned.failure);
        }
        record_exit(*ctx, config.exec_id, spawned.exit_code);
        if (conn)
            conn->close();
        co_return;
    }
    exec_session session(ctx, std::move(conn), std::move(*spawned.child), std::move(config));
    co_await session.run();
}

}  // namespace agent_backends::test::docker_fake
