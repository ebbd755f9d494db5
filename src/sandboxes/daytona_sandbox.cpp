// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/daytona_sandbox.hpp>

#include "sandboxes/daytona_sandbox_state.hpp"

#include <cstdlib>
#include <utility>

namespace agent_backends {
namespace {

std::string environment(const char* name)
{
    const char* value = std::getenv(name);
    return value ? std::string(value) : std::string();
}

}  // namespace

daytona_config daytona_config::from_environment()
{
    daytona_config config;
    config.api_key = environment("DAYTONA_API_KEY");
    if (config.api_key.empty())
        throw error(errc::invalid_argument,
                    "DAYTONA_API_KEY is not set: create an API key in the Daytona dashboard and export it, "
                    "or pass daytona_sandbox_options::config");
    if (auto url = environment("DAYTONA_API_URL"); !url.empty())
    {
        try
        {
            config.api_url = http_endpoint::parse(url);
        }
        catch (const error& e)
        {
            throw error(errc::invalid_argument, "DAYTONA_API_URL: " + e.message());
        }
    }
    config.target = environment("DAYTONA_TARGET");
    config.organization_id = environment("DAYTONA_ORGANIZATION_ID");
    return config;
}

// Every member hands owned copies of its arguments to a coroutine of the state, so the caller's views
// may die as soon as the call returns.

daytona_sandbox::daytona_sandbox(boost::asio::any_io_executor ex, daytona_sandbox_options opts)
    : state_(std::make_shared<detail::daytona_sandbox_state>(std::move(ex), std::move(opts)))
{}

daytona_sandbox::~daytona_sandbox()
{
    detail::release_in_background(state_);
}

std::string_view daytona_sandbox::id() const
{
    return state_->id;
}

task<bool> daytona_sandbox::exists(std::string_view path)
{
    return detail::sandbox_exists(state_, std::string(path));
}

task<std::vector<file_info>> daytona_sandbox::ls(std::string_view path)
{
    return detail::sandbox_ls(state_, std::string(path));
}

task<std::string> daytona_sandbox::read(std::string_view path, read_options opts)
{
    return detail::sandbox_read(state_, std::string(path), opts);
}

task<std::string> daytona_sandbox::read_bytes(std::string_view path)
{
    return detail::sandbox_read_bytes(state_, std::string(path));
}

task<write_result> daytona_sandbox::write(std::string_view path, std::string_view content)
{
    return detail::sandbox_write(state_, std::string(path), std::string(content));
}

task<edit_result> daytona_sandbox::edit(std::string_view path, edit_request request)
{
    return detail::sandbox_edit(state_, std::string(path), std::move(request));
}

task<std::vector<file_info>> daytona_sandbox::glob(std::string_view pattern, std::string_view path)
{
    return detail::sandbox_glob(state_, std::string(pattern), std::string(path));
}

task<std::vector<grep_match>> daytona_sandbox::grep(grep_request request)
{
    return detail::sandbox_grep(state_, std::move(request));
}

task<execute_response> daytona_sandbox::execute(std::string_view command, execute_options opts)
{
    return detail::sandbox_execute(state_, std::string(command), std::move(opts));
}

task<std::shared_ptr<background_job>> daytona_sandbox::start_background(std::string_view command,
                                                                        execute_options opts)
{
    return detail::sandbox_start_background(state_, std::string(command), std::move(opts));
}

task<void> daytona_sandbox::start()
{
    return detail::start_sandbox(state_);
}

task<void> daytona_sandbox::stop()
{
    return detail::stop_sandbox(state_);
}

task<bool> daytona_sandbox::is_alive()
{
    return detail::sandbox_is_alive(state_);
}

std::optional<std::chrono::steady_clock::time_point> daytona_sandbox::last_activity() const noexcept
{
    return state_->last_activity();
}

std::optional<std::chrono::seconds> daytona_sandbox::idle_timeout() const noexcept
{
    return state_->opts.idle_timeout;
}

std::string daytona_sandbox::remote_id() const
{
    auto remote = state_->remote();
    return remote ? remote->id : std::string();
}

}  // namespace agent_backends
