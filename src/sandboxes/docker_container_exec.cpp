// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/docker_container_exec.hpp"

#include <agent_backends/error.hpp>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <chrono>
#include <utility>

namespace asio = boost::asio;
using clock_type = std::chrono::steady_clock;

namespace agent_backends::detail {
namespace {

// After the output ended the engine may still report the exec running for a moment: ask again soon,
// then less often, for about two seconds in all.
constexpr std::chrono::milliseconds first_exit_code_poll{2};
constexpr std::chrono::milliseconds max_exit_code_poll{50};
constexpr std::chrono::milliseconds exit_code_patience{2000};

class docker_process final : public container_process
{
public:
    docker_process(std::shared_ptr<docker_engine> engine, std::string exec_id, exec_stream stream)
        : engine_(std::move(engine)), exec_id_(std::move(exec_id)), stream_(std::move(stream))
    {}

    task<std::optional<process_output>> read() override
    {
        auto piece = co_await stream_.read();
        if (!piece)
            co_return std::nullopt;
        // The engine's own error text (frame type 3) is shown as what the command wrote on stderr.
        auto kind =
            piece->stream == exec_stream_kind::stdout_stream ? output_stream::out : output_stream::err;
        co_return process_output{kind, std::move(piece->data)};
    }

    task<void> write_stdin(std::string data) override { co_await stream_.write_stdin(std::move(data)); }

    task<void> close_stdin() override { co_await stream_.close_stdin(); }

    task<std::optional<int>> exit_code() override
    {
        asio::steady_timer pause(co_await asio::this_coro::executor);
        auto interval = first_exit_code_poll;
        const auto give_up = clock_type::now() + exit_code_patience;
        for (;;)
        {
            exec_state state;
            bool known = true;
            try
            {
                state = co_await engine_->inspect_exec(exec_id_);
            }
            catch (const error&)
            {
                known = false;  // the container went away with its execs
            }
            if (!known)
                co_return std::nullopt;
            if (!state.running)
                co_return state.exit_code;
            if (clock_type::now() >= give_up)
                co_return std::nullopt;
            pause.expires_after(interval);
            co_await pause.async_wait(asio::use_awaitable);
            interval = std::min(interval * 2, max_exit_code_poll);
        }
    }

    void close() noexcept override { stream_.close(); }

private:
    std::shared_ptr<docker_engine> engine_;
    std::string exec_id_;
    exec_stream stream_;
};

}  // namespace

docker_container_exec::docker_container_exec(std::shared_ptr<docker_engine> engine, std::string container_id)
    : engine_(std::move(engine)), container_id_(std::move(container_id))
{}

task<std::unique_ptr<container_process>> docker_container_exec::start(process_spec spec)
{
    auto exec_id = co_await engine_->create_exec(container_id_, {.command = std::move(spec.argv),
                                                                 .working_dir = std::move(spec.start_dir),
                                                                 .attach_stdin = spec.with_stdin});
    auto stream = co_await engine_->start_exec(exec_id);
    co_return std::make_unique<docker_process>(engine_, std::move(exec_id), std::move(stream));
}

}  // namespace agent_backends::detail
