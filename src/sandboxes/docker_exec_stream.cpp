// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/docker_exec_stream.hpp"

#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/docker_engine.hpp>

#include <string_view>
#include <utility>

namespace agent_backends {

exec_stream::exec_stream(std::unique_ptr<detail::exec_stream_state> state) noexcept : state_(std::move(state))
{}
exec_stream::exec_stream(exec_stream&&) noexcept = default;
exec_stream& exec_stream::operator=(exec_stream&&) noexcept = default;
exec_stream::~exec_stream() = default;

task<std::optional<exec_output>> exec_stream::read()
{
    auto& s = *state_;
    if (s.held)
        co_return std::exchange(s.held, std::nullopt);
    for (;;)
    {
        // Hand out everything already received as one piece, as long as it comes from one stream.
        std::string_view input(s.buffer.data() + s.begin, s.end - s.begin);
        std::optional<exec_output> out;
        while (!s.held)
        {
            auto piece = s.decoder.next(input);
            if (!piece)
            {
                s.stream.close();
                throw error(errc::protocol_error,
                            "The output stream of exec " + s.exec_id.substr(0, 12) +
                                " is not in the multiplexed format (a bad frame header): "
                                "the engine may have written an error instead");
            }
            if (!*piece)
                break;
            if (!out)
                out = exec_output{(*piece)->stream, std::string((*piece)->data)};
            else if (out->stream == (*piece)->stream)
                out->data.append((*piece)->data);
            else
                s.held = exec_output{(*piece)->stream, std::string((*piece)->data)};
        }
        s.begin = s.end - input.size();
        if (out)
            co_return out;
        if (s.finished)
            co_return std::nullopt;
        auto n = co_await s.stream.read_some(s.buffer);
        s.begin = 0;
        s.end = n;
        if (n == 0)
        {
            s.finished = true;
            if (s.decoder.inside_frame())
                throw error(errc::protocol_error,
                            "The output stream of exec " + s.exec_id.substr(0, 12) + " ended inside a frame");
            co_return std::nullopt;
        }
    }
}

task<void> exec_stream::write_stdin(std::string data)
{
    co_await state_->stream.write(std::move(data));
}

task<void> exec_stream::close_stdin()
{
    co_await state_->stream.shutdown_send();
}

void exec_stream::close() noexcept
{
    if (state_)
        state_->stream.close();
}

}  // namespace agent_backends
