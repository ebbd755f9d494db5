// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/kubernetes/exec_session.hpp"

#include "fakes/kubernetes/api_state.hpp"
#include "fakes/kubernetes/replies.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <functional>

namespace asio = boost::asio;
namespace json = boost::json;

namespace agent_backends::test::kubernetes_fake {
namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t read_chunk = 32 * 1024;
constexpr std::size_t drain_limit = 1024 * 1024;  // output taken after the exit, at most
constexpr unsigned char stdin_channel = 0;
constexpr unsigned char stdout_channel = 1;
constexpr unsigned char stderr_channel = 2;
constexpr unsigned char status_channel = 3;
constexpr unsigned char resize_channel = 4;
constexpr unsigned char close_signal = 255;

std::string message(unsigned char channel, std::string_view payload = {})
{
    std::string out(1, static_cast<char>(channel));
    out.append(payload);
    return out;
}

// A started process's ends, shared between the session and, once the client has gone, the coroutine that
// lets it run to its end.
class exec_process
{
public:
    exec_process(const asio::any_io_executor& ex, host_child child)
        : output(ex, child.take_output().release()), exit_watch(ex, child.take_pidfd().release())
    {
        if (auto errors_fd = child.take_errors())
            errors.emplace(ex, errors_fd.release());
        if (auto input_fd = child.take_input())
            input.emplace(ex, asio::local::stream_protocol(), input_fd.release());
        child_.emplace(std::move(child));
    }

    asio::posix::stream_descriptor output;
    std::optional<asio::posix::stream_descriptor> errors;
    asio::posix::stream_descriptor exit_watch;
    std::optional<asio::local::stream_protocol::socket> input;

    int exit_code() { return child_->try_reap().value_or(255); }

    void close_input()
    {
        if (!input)
            return;
        boost::system::error_code ignored;
        input->shutdown(asio::socket_base::shutdown_send, ignored);
        input->close(ignored);
    }

    void cancel_reads()
    {
        boost::system::error_code ignored;
        output.cancel(ignored);
        if (errors)
            errors->cancel(ignored);
        exit_watch.cancel(ignored);
    }

private:
    std::optional<host_child> child_;
};

/// Moves a process's output on until it exits: to a client (`deliver`), or nowhere.
class output_pump
{
public:
    using sink = std::function<task<void>(unsigned char, std::string_view)>;

    /// Returns true once the process has exited (its output taken), false when `stop` was set first.
    static task<bool> run(exec_process& p, sink deliver, const bool& stop)
    {
        using asio::experimental::make_parallel_group;
        using asio::experimental::wait_for_one;
        constexpr auto readable = asio::posix::descriptor_base::wait_read;
        std::array<char, read_chunk> out_buffer;
        std::array<char, read_chunk> err_buffer;
        bool out_open = true;
        bool err_open = p.errors.has_value();
        bool exited = false;
        while (!exited)
        {
            if (stop)
                co_return false;
            if (out_open && err_open)
            {
                auto [order, out_ec, out_n, err_ec, err_n, exit_ec] =
                    co_await make_parallel_group(
                        p.output.async_read_some(asio::buffer(out_buffer), asio::deferred),
                        p.errors->async_read_some(asio::buffer(err_buffer), asio::deferred),
                        p.exit_watch.async_wait(readable, asio::deferred))
                        .async_wait(wait_for_one(), asio::use_awaitable);
                out_open = co_await take(out_ec, {out_buffer.data(), out_n}, stdout_channel, deliver);
                err_open = co_await take(err_ec, {err_buffer.data(), err_n}, stderr_channel, deliver);
                exited = !exit_ec;
            }
            else if (out_open || err_open)
            {
                auto& pipe = out_open ? p.output : *p.errors;
                auto& buffer = out_open ? out_buffer : err_buffer;
                auto [order, read_ec, n, exit_ec] =
                    co_await make_parallel_group(pipe.async_read_some(asio::buffer(buffer), asio::deferred),
                                                 p.exit_watch.async_wait(readable, asio::deferred))
                        .async_wait(wait_for_one(), asio::use_awaitable);
                bool open = co_await take(read_ec, {buffer.data(), n},
                                          out_open ? stdout_channel : stderr_channel, deliver);
                (out_open ? out_open : err_open) = open;
                exited = !exit_ec;
            }
            else
            {
                auto [ec] = co_await p.exit_watch.async_wait(readable, use_tuple);
                exited = !ec;
            }
        }
        co_await drain(p.output, out_buffer, stdout_channel, deliver);
        if (p.errors)
            co_await drain(*p.errors, err_buffer, stderr_channel, deliver);
        co_return true;
    }

private:
    // Delivers a completed read; false once the pipe has ended.
    static task<bool> take(const boost::system::error_code& ec, std::string_view data, unsigned char channel,
                           const sink& deliver)
    {
        if (ec == asio::error::operation_aborted)
            co_return true;
        if (ec)
            co_return false;
        co_await deliver(channel, data);
        co_return true;
    }

    static task<void> drain(asio::posix::stream_descriptor& pipe, std::array<char, read_chunk>& buffer,
                            unsigned char channel, const sink& deliver)
    {
        boost::system::error_code ec;
        pipe.non_blocking(true, ec);
        for (std::size_t taken = 0; !ec && taken < drain_limit;)
        {
            auto n = pipe.read_some(asio::buffer(buffer), ec);
            if (ec)
                break;
            taken += n;
            co_await deliver(channel, {buffer.data(), n});
        }
    }
};

task<void> discard_until_exit(std::shared_ptr<exec_process> p)
{
    const bool never = false;
    co_await output_pump::run(
        *p, [](unsigned char, std::string_view) -> task<void> { co_return; }, never);
}

class exec_session
{
public:
    exec_session(std::shared_ptr<server_context> ctx, std::shared_ptr<connection> conn,
                 std::unique_ptr<exec_socket> socket, exec_session_config config)
        : ctx_(std::move(ctx)), conn_(std::move(conn)), socket_(std::move(socket)), config_(std::move(config))
    {}

    task<void> run(std::optional<spawn_result> spawned)
    {
        using namespace asio::experimental::awaitable_operators;
        if (config_.stream_fault == fake_fault_kind::stall)
        {
            while (co_await socket_->receive())
            {}
            co_return;
        }
        if (config_.stream_fault == fake_fault_kind::malformed_frame_header)
        {
            // FIN with all three reserved bits set and opcode 3, which RFC 6455 leaves undefined.
            co_await socket_->send_raw(std::string("\xF3\x00", 2));
            conn_->close();
            co_return;
        }
        if (!spawned || !spawned->child)
        {
            co_await socket_->send(message(first_channel()));
            co_await finish(start_failure_json(spawned ? spawned->failure : std::string("no process")));
            while (co_await socket_->receive())
            {}
            co_return;
        }
        process_ = std::make_shared<exec_process>(ctx_->executor, std::move(*spawned->child));
        co_await (output_then_status() && client_input());
    }

private:
    unsigned char first_channel() const
    {
        return config_.stdout_wanted   ? stdout_channel
               : config_.stderr_wanted ? stderr_channel
                                       : status_channel;
    }

    task<void> output_then_status()
    {
        if (!co_await socket_->send(message(first_channel())))
            client_left();
        auto deliver = [this](unsigned char channel, std::string_view data) {
            return to_client(channel, data);
        };
        bool exited = co_await output_pump::run(*process_, deliver, client_gone_);
        if (!exited || client_gone_)
        {
            // The process runs on without a client.
            asio::co_spawn(ctx_->executor, discard_until_exit(process_), asio::detached);
            co_return;
        }
        auto code = process_->exit_code();
        if (config_.stream_fault == fake_fault_kind::drop_connection)
        {
            client_left();
            co_return;
        }
        co_await finish(exit_status_json(config_.command, code));
    }

    // Channel 3, then the close handshake.
    task<void> finish(std::string status)
    {
        if (config_.stream_fault == fake_fault_kind::invalid_json)
            status = invalid_json_body();
        finished_ = true;
        if (co_await socket_->send(message(status_channel, status)))
            co_await socket_->close_normally();
    }

    task<void> to_client(unsigned char channel, std::string_view data)
    {
        if (client_gone_ || data.empty())
            co_return;
        if ((channel == stdout_channel && !config_.stdout_wanted) ||
            (channel == stderr_channel && !config_.stderr_wanted))
            co_return;
        if (!co_await socket_->send(message(channel, data)))
        {
            client_left();
            co_return;
        }
        if (config_.stream_fault == fake_fault_kind::drop_connection)
            client_left();  // some output, then the connection breaks
    }

    // The client's messages: stdin data, the v5 stdin close, resizes (ignored). When they end before the
    // status went out, the client has gone.
    task<void> client_input()
    {
        while (auto m = co_await socket_->receive())
        {
            if (m->empty())
                continue;
            auto channel = static_cast<unsigned char>((*m)[0]);
            if (channel == stdin_channel)
                co_await to_stdin(std::string_view(*m).substr(1));
            else if (channel == close_signal && config_.v5 && m->size() >= 2 && (*m)[1] == stdin_channel)
                process_->close_input();
            else if (channel == resize_channel)
                continue;
        }
        process_->close_input();
        if (!finished_)
            client_left();
    }

    task<void> to_stdin(std::string_view bytes)
    {
        auto& input = process_->input;
        if (!input || !input->is_open() || bytes.empty())
            co_return;
        auto [ec, n] =
            co_await asio::async_write(*input, asio::buffer(bytes.data(), bytes.size()), use_tuple);
        if (ec)
            process_->close_input();  // the command closed its stdin or exited
    }

    void client_left()
    {
        if (client_gone_)
            return;
        client_gone_ = true;
        conn_->close();
        if (process_)
            process_->cancel_reads();  // wakes the pump, which hands the process over
    }

    std::shared_ptr<server_context> ctx_;
    std::shared_ptr<connection> conn_;
    std::unique_ptr<exec_socket> socket_;
    exec_session_config config_;
    std::shared_ptr<exec_process> process_;
    bool client_gone_{false};
    bool finished_{false};
};

std::string command_text(const std::vector<std::string>& command)
{
    std::string out = "[";
    for (std::size_t i = 0; i < command.size(); ++i)
        out += (i ? " " : "") + command[i];
    return out + "]";
}

}  // namespace

std::string exit_status_json(const std::vector<std::string>& command, int exit_code)
{
    if (exit_code == 0)
        return json::serialize(json::object{{"metadata", json::object{}}, {"status", "Success"}});
    auto code = std::to_string(exit_code);
    return json::serialize(json::object{
        {"metadata", json::object{}},
        {"status", "Failure"},
        {"message", "command terminated with non-zero exit code: error executing command " +
                        command_text(command) + ", exit code " + code},
        {"reason", "NonZeroExitCode"},
        {"details",
         json::object{{"causes", json::array{json::object{{"reason", "ExitCode"}, {"message", code}}}}}}});
}

std::string start_failure_json(std::string_view runtime_text)
{
    while (!runtime_text.empty() && (runtime_text.back() == '\n' || runtime_text.back() == '\r'))
        runtime_text.remove_suffix(1);
    auto text = "error executing command in container: failed to exec in container: failed to start exec \"" +
                api_state::random_uid() + "\": " + std::string(runtime_text);
    return json::serialize(
        json::object{{"metadata", json::object{}},
                     {"status", "Failure"},
                     {"message", "Internal error occurred: " + text},
                     {"reason", "InternalError"},
                     {"details", json::object{{"causes", json::array{json::object{{"message", text}}}}}},
                     {"code", 500}});
}

task<void> run_exec_session(std::shared_ptr<server_context> ctx, std::shared_ptr<connection> conn,
                            std::unique_ptr<exec_socket> socket, std::optional<spawn_result> spawned,
                            exec_session_config config)
{
    exec_session session(std::move(ctx), std::move(conn), std::move(socket), std::move(config));
    co_await session.run(std::move(spawned));
}

}  // namespace agent_backends::test::kubernetes_fake
