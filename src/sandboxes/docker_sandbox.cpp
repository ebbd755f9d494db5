// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/sandboxes/docker_sandbox.hpp>

#include "sandboxes/docker_sandbox_state.hpp"

#include <utility>

namespace agent_backends {
namespace {

std::shared_ptr<docker_engine> own_engine(boost::asio::any_io_executor ex, const docker_sandbox_options& opts)
{
    auto endpoint = opts.docker_host ? *opts.docker_host : docker_engine::endpoint_from_environment();
    return std::make_shared<docker_engine>(std::move(ex), std::move(endpoint), opts.engine);
}

}  // namespace

// Every member hands owned copies of its arguments to a coroutine of the state, so the caller's views
// may die as soon as the call returns.

docker_sandbox::docker_sandbox(boost::asio::any_io_executor ex, docker_sandbox_options opts)
    : docker_sandbox(own_engine(std::move(ex), opts), std::move(opts))
{}

docker_sandbox::docker_sandbox(std::shared_ptr<docker_engine> engine, docker_sandbox_options opts)
    : state_(std::make_shared<detail::docker_sandbox_state>(std::move(engine), std::move(opts)))
{}

docker_sandbox::~docker_sandbox()
{
    detail::release_in_background(*state_);
}

std::string_view docker_sandbox::id() const
{
    return state_->id;
}

task<bool> docker_sandbox::exists(std::string_view path)
{
    return detail::sandbox_exists(state_, std::string(path));
}

task<std::vector<file_info>> docker_sandbox::ls(std::string_view path)
{
    return detail::core_ls(state_, std::string(path));
}

task<std::string> docker_sandbox::read(std::string_view path, read_options opts)
{
    return detail::sandbox_read(state_, std::string(path), opts);
}

task<std::string> docker_sandbox::read_bytes(std::string_view path)
{
    return detail::sandbox_read_bytes(state_, std::string(path));
}

task<write_result> docker_sandbox::write(std::string_view path, std::string_view content)
{
    return detail::sandbox_write(state_, std::string(path), std::string(content));
}

task<edit_result> docker_sandbox::edit(std::string_view path, edit_request request)
{
    return detail::sandbox_edit(state_, std::string(path), std::move(request));
}

task<std::vector<file_info>> docker_sandbox::glob(std::string_view pattern, std::string_view path)
{
    return detail::core_glob(state_, std::string(pattern), std::string(path));
}

task<std::vector<grep_match>> docker_sandbox::grep(grep_request request)
{
    return detail::core_grep(state_, std::move(request));
}

task<execute_response> docker_sandbox::execute(std::string_view command, execute_options opts)
{
    return detail::core_execute(state_, std::string(command), std::move(opts));
}

task<std::shared_ptr<background_job>> docker_sandbox::start_background(std::string_view command,
                                                                       execute_options opts)
{
    return detail::core_start_background(state_, std::string(command), std::move(opts));
}

task<void> docker_sandbox::start()
{
    return detail::start_sandbox(state_);
}

task<void> docker_sandbox::stop()
{
    return detail::stop_sandbox(state_);
}

task<bool> docker_sandbox::is_alive()
{
    return detail::sandbox_is_alive(state_);
}

std::optional<std::chrono::steady_clock::time_point> docker_sandbox::last_activity() const noexcept
{
    return state_->last_activity();
}

std::optional<std::chrono::seconds> docker_sandbox::idle_timeout() const noexcept
{
    return state_->opts.idle_timeout;
}

std::string docker_sandbox::container_id() const
{
    return state_->container_id();
}

docker_engine& docker_sandbox::engine() noexcept
{
    return *state_->engine;
}

}  // namespace agent_backends
