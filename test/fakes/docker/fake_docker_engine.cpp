// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/docker/fake_docker_engine.hpp"

#include "fakes/docker/engine_state.hpp"
#include "fakes/docker/listener.hpp"
#include "fakes/docker/server_context.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

#include <filesystem>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace asio = boost::asio;

namespace agent_backends::test::docker_fake {

/// Where the engine runs: a thread of its own, or a strand of the caller's executor.
class engine_runner
{
public:
    explicit engine_runner(std::shared_ptr<engine_state> state)
        : own_io_(std::make_unique<asio::io_context>(1)),
          work_(own_io_->get_executor()),
          strand_(asio::make_strand(asio::any_io_executor(own_io_->get_executor())))
    {
        listen(std::move(state));
        thread_ = std::thread([io = own_io_.get()] { io->run(); });
    }

    engine_runner(asio::any_io_executor ex, std::shared_ptr<engine_state> state)
        : strand_(asio::make_strand(std::move(ex)))
    {
        listen(std::move(state));
    }

    ~engine_runner() { stop(); }
    engine_runner(const engine_runner&) = delete;
    engine_runner& operator=(const engine_runner&) = delete;

    const std::string& url() const noexcept { return url_; }
    std::size_t open_connections() const
    {
        std::lock_guard lock(stop_mutex_);
        return ctx_ ? ctx_->open_connections() : 0;
    }

    void stop()
    {
        std::lock_guard lock(stop_mutex_);
        if (stopped_)
            return;
        stopped_ = true;
        if (own_io_)
        {
            // Close everything on the engine's thread, then end it; coroutines still suspended are destroyed
            // with the io_context, which closes their sockets and reaps their processes.
            std::promise<void> closed;
            asio::post(*strand_, [&] {
                ctx_->close_all();
                closed.set_value();
            });
            closed.get_future().wait();
            work_.reset();
            own_io_->stop();
            thread_.join();
            // Nothing may refer to the strand once its io_context is gone.
            ctx_.reset();
            strand_.reset();
            own_io_.reset();
        }
        else if (strand_->running_in_this_thread())
            ctx_->close_all();
        else
            asio::post(*strand_, [ctx = ctx_] { ctx->close_all(); });
        if (!socket_path_.empty())
        {
            std::error_code ignored;
            std::filesystem::remove(socket_path_, ignored);
        }
    }

private:
    void listen(std::shared_ptr<engine_state> state)
    {
        socket_path_ = state->options.socket_path;
        ctx_ = std::make_shared<server_context>(*strand_, std::move(state));
        url_ = start_listening(ctx_, socket_path_);
    }

    std::unique_ptr<asio::io_context> own_io_;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
    std::optional<asio::strand<asio::any_io_executor>> strand_;
    std::shared_ptr<server_context> ctx_;
    std::thread thread_;
    std::string url_;
    std::string socket_path_;
    mutable std::mutex stop_mutex_;
    bool stopped_{false};
};

}  // namespace agent_backends::test::docker_fake

namespace agent_backends::test {
namespace {

fake_container_info info_of(const docker_fake::container_record& c)
{
    return {c.id, c.name, c.image, c.status, c.exit_code, c.create_body, c.root_dir, c.exec_ids.size()};
}

}  // namespace

fake_docker_engine::fake_docker_engine(fake_docker_options opts)
    : state_(std::make_shared<docker_fake::engine_state>(std::move(opts))),
      runner_(std::make_unique<docker_fake::engine_runner>(state_))
{}

fake_docker_engine::fake_docker_engine(boost::asio::any_io_executor ex, fake_docker_options opts)
    : state_(std::make_shared<docker_fake::engine_state>(std::move(opts))),
      runner_(std::make_unique<docker_fake::engine_runner>(std::move(ex), state_))
{}

fake_docker_engine::~fake_docker_engine()
{
    runner_->stop();
}

std::string fake_docker_engine::url() const
{
    return runner_->url();
}

http_endpoint fake_docker_engine::endpoint() const
{
    return http_endpoint::parse(url());
}

void fake_docker_engine::add_image(std::string name)
{
    std::lock_guard lock(state_->mutex);
    state_->add_image(name);
}

std::vector<std::string> fake_docker_engine::images() const
{
    std::lock_guard lock(state_->mutex);
    std::vector<std::string> out;
    for (const auto& image : state_->images)
        out.push_back(image.tag);
    return out;
}

void fake_docker_engine::inject(fake_fault fault)
{
    std::lock_guard lock(state_->mutex);
    state_->faults.add(std::move(fault));
}

void fake_docker_engine::fail_next(std::string method, std::string path, unsigned status, std::string message)
{
    inject({.method = std::move(method),
            .path = std::move(path),
            .kind = fake_fault_kind::error_status,
            .status = status,
            .message = std::move(message)});
}

void fake_docker_engine::clear_faults()
{
    std::lock_guard lock(state_->mutex);
    state_->faults.clear();
}

void fake_docker_engine::fail_pulls(std::string message)
{
    std::lock_guard lock(state_->mutex);
    state_->pull_failure = std::move(message);
}

void fake_docker_engine::fail_builds(std::string message)
{
    std::lock_guard lock(state_->mutex);
    state_->build_failure = std::move(message);
}

std::vector<fake_container_info> fake_docker_engine::containers() const
{
    std::lock_guard lock(state_->mutex);
    std::vector<fake_container_info> out;
    for (const auto& [id, c] : state_->containers)
        out.push_back(info_of(c));
    return out;
}

std::optional<fake_container_info> fake_docker_engine::container(std::string_view id_or_name) const
{
    std::lock_guard lock(state_->mutex);
    if (auto* c = state_->find_container(id_or_name))
        return info_of(*c);
    return std::nullopt;
}

std::string fake_docker_engine::host_path(std::string_view container, std::string_view path) const
{
    std::lock_guard lock(state_->mutex);
    if (auto* c = state_->find_container(container))
        return state_->host_path(*c, path);
    return {};
}

std::vector<fake_request> fake_docker_engine::requests() const
{
    std::lock_guard lock(state_->mutex);
    return {state_->requests.begin(), state_->requests.end()};
}

std::size_t fake_docker_engine::open_connections() const
{
    return runner_->open_connections();
}

void fake_docker_engine::stop()
{
    runner_->stop();
}

}  // namespace agent_backends::test
