// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/kubernetes_exec.hpp"

#include <agent_backends/error.hpp>

#include "sandboxes/kubernetes_exec_protocol.hpp"

#include <boost/system/system_error.hpp>

#include <algorithm>
#include <utility>

namespace agent_backends::detail {
namespace {

/// Stdin goes out in messages of at most this many bytes.
constexpr std::size_t stdin_piece = 64 * 1024;

class kubernetes_process final : public container_process
{
public:
    kubernetes_process(websocket_stream stream, std::string pod)
        : stream_(std::make_unique<websocket_stream>(std::move(stream))),
          v5_(stream_->subprotocol() == exec_protocol_v5),
          pod_(std::move(pod))
    {}

    task<std::optional<process_output>> read() override
    {
        for (;;)
        {
            if (!stream_ || status_seen_)
                co_return std::nullopt;
            std::optional<websocket_message> message;
            try
            {
                message = co_await stream_->read();
            }
            catch (const error& e)
            {
                if (e.condition() == errc::protocol_error)
                    throw error(errc::protocol_error,
                                "The exec stream of pod " + pod_ + " broke: " + e.message());
                throw error(errc::unavailable,
                            "The exec stream of pod " + pod_ + " broke (connection lost): " + e.message());
            }
            if (!message)
                throw error(errc::unavailable,
                            "The exec stream of pod " + pod_ +
                                " ended without the command's exit status: connection lost");
            auto decoded = decode_exec_message(message->data);
            if (!decoded)
                throw error(errc::protocol_error,
                            "The exec stream of pod " + pod_ + " sent a message on an unknown channel " +
                                std::to_string(static_cast<unsigned char>(message->data[0])));
            switch (decoded->type)
            {
                case exec_message::kind::ignored:
                    continue;
                case exec_message::kind::stdout_data:
                    co_return process_output{output_stream::out, std::string(decoded->payload)};
                case exec_message::kind::stderr_data:
                    co_return process_output{output_stream::err, std::string(decoded->payload)};
                case exec_message::kind::status:
                    break;
            }
            auto status = parse_exec_status(decoded->payload);
            if (!status)
                throw error(errc::protocol_error, "The exec stream of pod " + pod_ +
                                                      " ended with a status that is not JSON: " +
                                                      std::string(decoded->payload.substr(0, 200)));
            if (!status->exit_code)
                throw error(errc::unavailable,
                            "The command could not run in pod " + pod_ + ": " + status->failure);
            exit_code_ = status->exit_code;
            status_seen_ = true;
            co_await finish_close_handshake();
        }
    }

    task<void> write_stdin(std::string data) override
    {
        writing_ = true;
        std::exception_ptr failed;
        try
        {
            std::string_view rest(data);
            while (!rest.empty() && stream_)
            {
                auto piece = rest.substr(0, std::min(rest.size(), stdin_piece));
                rest.remove_prefix(piece.size());
                co_await stream_->write(stdin_message(piece));
            }
        }
        catch (...)
        {
            failed = std::current_exception();
        }
        finish_writing();
        if (failed)
            std::rethrow_exception(failed);
    }

    task<void> close_stdin() override
    {
        if (!v5_ || !stream_)
            co_return;  // v4 has no way to: the command reads a bounded amount
        writing_ = true;
        std::exception_ptr failed;
        try
        {
            co_await stream_->write(stdin_close_message());
        }
        catch (...)
        {
            failed = std::current_exception();
        }
        finish_writing();
        if (failed)
            std::rethrow_exception(failed);
    }

    task<std::optional<int>> exit_code() override { co_return exit_code_; }

    void close() noexcept override
    {
        // A write may still be suspended inside the stream: it is closed when that write returns.
        if (writing_)
            close_requested_ = true;
        else
            stream_.reset();
    }

private:
    /// The server closes the WebSocket right after the status: its close frame is read (and answered),
    /// so both ends part cleanly. What comes instead no longer matters.
    task<void> finish_close_handshake()
    {
        try
        {
            while (co_await stream_->read())
            {}
        }
        catch (const error&)
        {
            // The command's result is known; a connection that broke now loses nothing.
        }
    }

    void finish_writing() noexcept
    {
        writing_ = false;
        if (close_requested_)
            stream_.reset();
    }

    std::unique_ptr<websocket_stream> stream_;
    bool v5_;
    std::string pod_;
    std::optional<int> exit_code_;
    bool status_seen_{false};
    bool writing_{false};
    bool close_requested_{false};
};

}  // namespace

kubernetes_container_exec::kubernetes_container_exec(std::shared_ptr<kubernetes_api> api,
                                                     std::string namespace_name, std::string pod,
                                                     std::string container)
    : api_(std::move(api)),
      namespace_(std::move(namespace_name)),
      pod_(std::move(pod)),
      container_(std::move(container))
{}

task<std::unique_ptr<container_process>> kubernetes_container_exec::start(process_spec spec)
{
    auto target = exec_target(namespace_, pod_, container_, spec.argv, spec.with_stdin);
    auto stream = co_await api_->open_exec(std::move(target));
    co_return std::make_unique<kubernetes_process>(std::move(stream), pod_);
}

bool kubernetes_container_exec::needs_bounded_stdin() const noexcept
{
    return api_->exec_protocol() != exec_protocol_v5;
}

}  // namespace agent_backends::detail
