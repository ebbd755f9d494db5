// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/daytona/fake_daytona.hpp"

#include "fakes/daytona/listener.hpp"
#include "fakes/daytona/server_context.hpp"
#include "fakes/daytona/server_state.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace asio = boost::asio;

namespace agent_backends::test::daytona_fake {

/// The server's thread and what runs on it.
class server_runner
{
public:
    explicit server_runner(std::shared_ptr<server_state> state)
        : io_(std::make_unique<asio::io_context>(1)), work_(io_->get_executor())
    {
        ctx_ = std::make_shared<server_context>(io_->get_executor(), state);
        url_ = start_listening(ctx_);
        {
            std::lock_guard lock(state->mutex);
            state->base_url = url_;
        }
        thread_ = std::thread([io = io_.get()] { io->run(); });
    }

    ~server_runner() { stop(); }
    server_runner(const server_runner&) = delete;
    server_runner& operator=(const server_runner&) = delete;

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
        // Close everything on the server's thread, then end it; coroutines still suspended are destroyed
        // with the io_context, which closes their sockets and reaps their processes.
        std::promise<void> closed;
        asio::post(*io_, [&] {
            ctx_->close_all();
            closed.set_value();
        });
        closed.get_future().wait();
        work_.reset();
        io_->stop();
        thread_.join();
        ctx_.reset();
        io_.reset();
    }

private:
    std::unique_ptr<asio::io_context> io_;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
    std::shared_ptr<server_context> ctx_;
    std::thread thread_;
    std::string url_;
    mutable std::mutex stop_mutex_;
    bool stopped_{false};
};

}  // namespace agent_backends::test::daytona_fake

namespace agent_backends::test {
namespace {

std::map<std::string, std::string> strings_of(const boost::json::object& o)
{
    std::map<std::string, std::string> out;
    for (const auto& [key, value] : o)
        if (value.is_string())
            out[std::string(key)] = std::string(value.as_string());
    return out;
}

fake_daytona_sandbox info_of(const daytona_fake::sandbox_record& s)
{
    return {s.id,
            s.name,
            s.state,
            s.error_reason,
            s.snapshot,
            s.create_body,
            strings_of(s.labels),
            strings_of(s.env),
            s.root_dir,
            s.executions,
            s.sessions.size()};
}

}  // namespace

fake_daytona::fake_daytona(fake_daytona_options opts)
    : state_(std::make_shared<daytona_fake::server_state>(std::move(opts))),
      runner_(std::make_unique<daytona_fake::server_runner>(state_))
{}

fake_daytona::~fake_daytona()
{
    runner_->stop();
}

std::string fake_daytona::url() const
{
    return runner_->url();
}

std::string fake_daytona::api_url() const
{
    return url() + "/api";
}

std::string fake_daytona::toolbox_url() const
{
    return url() + "/toolbox";
}

daytona_config fake_daytona::config() const
{
    daytona_config config;
    config.api_url = http_endpoint::parse(api_url());
    config.api_key = state_->options.api_key;
    return config;
}

void fake_daytona::fail_starts(std::string state, std::string reason)
{
    std::lock_guard lock(state_->mutex);
    state_->failing_state = std::move(state);
    state_->failing_reason = std::move(reason);
}

bool fake_daytona::remove_sandbox(std::string_view id_or_name)
{
    std::lock_guard lock(state_->mutex);
    auto* sandbox = state_->find(id_or_name);
    if (!sandbox)
        return false;
    state_->remove(sandbox->id);
    return true;
}

bool fake_daytona::set_state(std::string_view id_or_name, std::string state)
{
    std::lock_guard lock(state_->mutex);
    auto* sandbox = state_->find(id_or_name);
    if (!sandbox)
        return false;
    if (state != "started")
    {
        daytona_fake::server_state::kill_processes(*sandbox);
        sandbox->sessions.clear();
    }
    sandbox->state = std::move(state);
    return true;
}

std::string fake_daytona::host_path(std::string_view id_or_name, std::string_view path) const
{
    std::lock_guard lock(state_->mutex);
    auto* sandbox = state_->find(id_or_name);
    if (!sandbox)
        return {};
    return daytona_fake::server_state::host_path(*sandbox, state_->sandbox_path(path));
}

void fake_daytona::inject(fake_fault fault)
{
    std::lock_guard lock(state_->mutex);
    state_->faults.add(std::move(fault));
}

void fake_daytona::fail_next(std::string method, std::string path, unsigned status, std::string message)
{
    inject({.method = std::move(method),
            .path = std::move(path),
            .kind = fake_fault_kind::error_status,
            .status = status,
            .message = std::move(message)});
}

void fake_daytona::clear_faults()
{
    std::lock_guard lock(state_->mutex);
    state_->faults.clear();
}

std::vector<fake_daytona_sandbox> fake_daytona::sandboxes() const
{
    std::lock_guard lock(state_->mutex);
    std::vector<fake_daytona_sandbox> out;
    for (const auto& [id, sandbox] : state_->sandboxes)
        if (sandbox.state != "destroyed")
            out.push_back(info_of(sandbox));
    return out;
}

std::optional<fake_daytona_sandbox> fake_daytona::sandbox(std::string_view id_or_name) const
{
    std::lock_guard lock(state_->mutex);
    if (auto* sandbox = state_->find(id_or_name); sandbox && sandbox->state != "destroyed")
        return info_of(*sandbox);
    return std::nullopt;
}

std::vector<fake_request> fake_daytona::requests() const
{
    std::lock_guard lock(state_->mutex);
    return {state_->requests.begin(), state_->requests.end()};
}

std::vector<fake_daytona_exchange> fake_daytona::exchanges() const
{
    std::lock_guard lock(state_->mutex);
    return {state_->exchanges.begin(), state_->exchanges.end()};
}

std::size_t fake_daytona::open_connections() const
{
    return runner_->open_connections();
}

std::size_t fake_daytona::running_commands() const
{
    std::lock_guard lock(state_->mutex);
    return state_->live_processes;
}

void fake_daytona::stop()
{
    runner_->stop();
}

}  // namespace agent_backends::test
