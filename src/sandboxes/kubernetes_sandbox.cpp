// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/sandboxes/kubernetes_sandbox.hpp>

#include "sandboxes/kubernetes_sandbox_state.hpp"

#include <utility>

namespace agent_backends {

// Every member hands owned copies of its arguments to a coroutine of the state, so the caller's views
// may die as soon as the call returns.

kubernetes_sandbox::kubernetes_sandbox(boost::asio::any_io_executor ex, kubernetes_sandbox_options opts)
    : state_(std::make_shared<detail::kubernetes_sandbox_state>(std::move(ex), std::move(opts)))
{}

kubernetes_sandbox::~kubernetes_sandbox()
{
    detail::delete_pod_in_background(*state_);
}

std::string_view kubernetes_sandbox::id() const
{
    return state_->id;
}

task<bool> kubernetes_sandbox::exists(std::string_view path)
{
    return detail::shell_exists(state_, std::string(path), state_->file_limits());
}

task<std::vector<file_info>> kubernetes_sandbox::ls(std::string_view path)
{
    return detail::core_ls(state_, std::string(path));
}

task<std::string> kubernetes_sandbox::read(std::string_view path, read_options opts)
{
    return detail::shell_read(state_, std::string(path), opts, state_->file_limits());
}

task<std::string> kubernetes_sandbox::read_bytes(std::string_view path)
{
    return detail::shell_read_bytes(state_, std::string(path), state_->file_limits());
}

task<write_result> kubernetes_sandbox::write(std::string_view path, std::string_view content)
{
    return detail::shell_write(state_, std::string(path), std::string(content), state_->file_limits());
}

task<edit_result> kubernetes_sandbox::edit(std::string_view path, edit_request request)
{
    return detail::shell_edit(state_, std::string(path), std::move(request), state_->file_limits());
}

task<std::vector<file_info>> kubernetes_sandbox::glob(std::string_view pattern, std::string_view path)
{
    return detail::core_glob(state_, std::string(pattern), std::string(path));
}

task<std::vector<grep_match>> kubernetes_sandbox::grep(grep_request request)
{
    return detail::core_grep(state_, std::move(request));
}

task<execute_response> kubernetes_sandbox::execute(std::string_view command, execute_options opts)
{
    return detail::core_execute(state_, std::string(command), std::move(opts));
}

task<std::shared_ptr<background_job>> kubernetes_sandbox::start_background(std::string_view command,
                                                                           execute_options opts)
{
    return detail::core_start_background(state_, std::string(command), std::move(opts));
}

task<void> kubernetes_sandbox::start()
{
    return detail::start_pod(state_);
}

task<void> kubernetes_sandbox::stop()
{
    return detail::stop_pod(state_);
}

task<bool> kubernetes_sandbox::is_alive()
{
    return detail::pod_is_alive(state_);
}

std::optional<std::chrono::steady_clock::time_point> kubernetes_sandbox::last_activity() const noexcept
{
    return state_->last_activity();
}

std::optional<std::chrono::seconds> kubernetes_sandbox::idle_timeout() const noexcept
{
    return state_->opts.idle_timeout;
}

const std::string& kubernetes_sandbox::pod_name() const noexcept
{
    return state_->pod_name;
}

const std::string& kubernetes_sandbox::namespace_name() const noexcept
{
    return state_->namespace_name;
}

std::string kubernetes_sandbox::exec_protocol() const
{
    return state_->api->exec_protocol();
}

}  // namespace agent_backends
