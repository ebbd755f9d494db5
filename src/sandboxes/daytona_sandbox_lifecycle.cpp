// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>

#include <agent_backends/detail/virtual_path.hpp>

#include "core/ignore_cancellation.hpp"
#include "sandboxes/daytona_json.hpp"
#include "sandboxes/daytona_sandbox_state.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <utility>

namespace asio = boost::asio;
using clock_type = std::chrono::steady_clock;

namespace agent_backends::detail {
namespace {

/// How long a deletion may take to show before stop stops watching it.
constexpr std::chrono::seconds deletion_watch{60};
/// Limit for the cleanup requests that run after a failure or a cancellation.
constexpr std::chrono::seconds cleanup_limit{30};
constexpr const char* default_daemon_dir = "/home/daytona";

std::string random_uuid()
{
    return boost::uuids::to_string(boost::uuids::random_generator()());
}

daytona_config config_of(const daytona_sandbox_options& opts)
{
    return opts.config ? *opts.config : daytona_config::from_environment();
}

/// Marks the sandbox lost and throws why.
[[noreturn]] void lose(daytona_sandbox_state& self, std::string_view remote_id, std::string_view why)
{
    auto message = "Sandbox " + std::string(remote_id) + " " + std::string(why) + "; start a new sandbox";
    self.set_lost(message);
    throw error(errc::unavailable, message);
}

std::string sandbox_target(std::string_view id_or_name)
{
    return "/sandbox/" + query_escape(id_or_name);
}

/// The remote sandbox, or nothing when the control plane does not know it (404).
task<std::optional<daytona_remote_sandbox>> find_remote(daytona_api& api, std::string id_or_name)
{
    const auto target = sandbox_target(id_or_name);
    auto res = co_await api.send("GET", target);
    if (res.status == 404)
        co_return std::nullopt;
    if (res.status != 200)
        api.refuse(res, "GET", target);
    auto sandbox = parse_remote_sandbox(res.body);
    if (!sandbox)
        api.malformed("GET", target, "not a Sandbox object");
    co_return sandbox;
}

bool is_deleted(std::string_view state)
{
    return state == "destroyed" || state == "destroying";
}

bool is_fatal(std::string_view state)
{
    return state == "error" || state == "build_failed";
}

std::string fatal_message(const daytona_remote_sandbox& sandbox)
{
    return "Daytona sandbox " + sandbox.id + " failed to start (" + sandbox.state + ")" +
           (sandbox.error_reason.empty() ? std::string() : ": " + sandbox.error_reason);
}

std::string whole_seconds(clock_type::duration d)
{
    return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(d).count()) + " s";
}

/// Polls until the sandbox is `started`; `error`/`build_failed`, deletion and the deadline end the wait.
task<daytona_remote_sandbox> wait_until_started(daytona_sandbox_state& self, daytona_remote_sandbox sandbox,
                                                clock_type::time_point deadline)
{
    asio::steady_timer pause(co_await asio::this_coro::executor);
    for (;;)
    {
        if (sandbox.state == "started")
            co_return sandbox;
        if (is_fatal(sandbox.state))
            throw error(errc::unavailable, fatal_message(sandbox));
        if (is_deleted(sandbox.state))
            throw error(errc::unavailable, "Daytona sandbox " + sandbox.id + " was deleted while starting");
        if (clock_type::now() >= deadline)
            throw error(errc::timed_out, "Daytona sandbox " + sandbox.id + " did not start within " +
                                             whole_seconds(std::chrono::seconds(self.opts.startup_timeout)) +
                                             " (state: " + sandbox.state + ")");
        pause.expires_at(std::min(deadline, clock_type::now() + self.opts.poll_interval));
        co_await pause.async_wait(asio::use_awaitable);
        auto now = co_await find_remote(self.api, sandbox.id);
        if (!now)
            throw error(errc::unavailable, "Daytona sandbox " + sandbox.id + " was deleted while starting");
        sandbox = std::move(*now);
    }
}

/// The toolbox client of a sandbox: `toolboxProxyUrl/<id>` (the proxy URL asked for when missing).
task<std::shared_ptr<daytona_api>> toolbox_of(daytona_sandbox_state& self, daytona_remote_sandbox sandbox)
{
    auto proxy = sandbox.toolbox_proxy_url;
    if (proxy.empty())
    {
        const auto target = sandbox_target(sandbox.id) + "/toolbox-proxy-url";
        auto res = co_await self.api.send("GET", target);
        if (res.status != 200)
            self.api.refuse(res, "GET", target);
        auto url = string_field_of(res.body, "url");
        if (!url || url->empty())
            self.api.malformed("GET", target, "no url");
        proxy = std::move(*url);
    }
    while (!proxy.empty() && proxy.back() == '/')
        proxy.pop_back();
    auto endpoint = http_endpoint::parse(proxy + "/" + query_escape(sandbox.id));
    co_return std::make_shared<daytona_api>(co_await asio::this_coro::executor, std::move(endpoint),
                                            "Daytona toolbox", self.config, self.opts.http);
}

/// The toolbox's own work dir (`GET /work-dir`).
task<std::string> daemon_work_dir(daytona_api& toolbox)
{
    auto res = co_await toolbox.send("GET", "/work-dir");
    if (res.status == 404)
        co_return default_daemon_dir;  // a daemon too old to say
    if (res.status != 200)
        toolbox.refuse(res, "GET", "/work-dir");
    auto dir = string_field_of(res.body, "dir");
    if (!dir || dir->empty() || !dir->starts_with('/'))
        toolbox.malformed("GET", "/work-dir", "no absolute dir");
    co_return lexically_normal_absolute(*dir);
}

/// Deletes a sandbox, treating "already gone" as done.
task<void> delete_remote(daytona_api& api, std::string id)
{
    const auto target = sandbox_target(id);
    auto res = co_await api.send("DELETE", target, {}, std::chrono::milliseconds(cleanup_limit));
    if (res.status >= 300 && res.status != 404)
        api.refuse(res, "DELETE", target);
}

/// Deletes, best effort and bounded, what a failed or cancelled start created: the sandbox when its id is
/// known, else any sandbox carrying our label (the create may have gone through unanswered).
task<void> clean_up_after_start(daytona_state_ptr self, std::string created_id, bool create_sent)
{
    co_await asio::this_coro::reset_cancellation_state(ignore_cancellation());
    try
    {
        if (!created_id.empty())
        {
            co_await delete_remote(self->api, created_id);
            co_return;
        }
        if (!create_sent)
            co_return;
        const auto target = "/sandbox?labels=" + query_escape(label_filter(self->id));
        auto res = co_await self->api.send("GET", target, {}, std::chrono::milliseconds(cleanup_limit));
        if (res.status != 200)
            co_return;
        if (auto found = parse_remote_sandbox_list(res.body))
            for (const auto& sandbox : *found)
                co_await delete_remote(self->api, sandbox.id);
    }
    catch (const error&)
    {
        // Best effort: the failure (or cancellation) that brought us here is what the caller hears of.
    }
}

/// Finds `attach_to`, starting it when stopped.
task<daytona_remote_sandbox> attach(daytona_sandbox_state& self)
{
    const auto& name = self.opts.attach_to;
    auto found = co_await find_remote(self.api, name);
    if (!found || is_deleted(found->state))
        throw error(errc::not_found, "Daytona sandbox '" + name + "' not found (attach_to)");
    const auto& state = found->state;
    if (state == "stopped" || state == "archived" || state == "paused")
    {
        const auto target = sandbox_target(found->id) + "/start";
        auto res = co_await self.api.send("POST", target);
        if (res.status >= 300)
            self.api.refuse(res, "POST", target);
        if (auto started = parse_remote_sandbox(res.body))
            found = std::move(*started);
        else
            found->state = "starting";
    }
    co_return std::move(*found);
}

/// Creates (or attaches to) the remote sandbox and waits until it runs.
task<remote_ptr> create_and_wait(daytona_state_ptr self, std::string& created_id, bool& create_sent)
{
    const auto deadline = clock_type::now() + self->opts.startup_timeout;
    daytona_remote_sandbox sandbox;
    const bool attached = !self->opts.attach_to.empty();
    if (attached)
        sandbox = co_await attach(*self);
    else
    {
        create_sent = true;
        auto res = co_await self->api.send("POST", "/sandbox",
                                           create_sandbox_body(self->opts, self->id, self->config.target));
        if (res.status >= 300)
            self->api.refuse(res, "POST", "/sandbox");
        auto created = parse_remote_sandbox(res.body);
        if (!created)
            self->api.malformed("POST", "/sandbox", "not a Sandbox object");
        sandbox = std::move(*created);
        created_id = sandbox.id;
    }
    sandbox = co_await wait_until_started(*self, std::move(sandbox), deadline);

    auto remote = std::make_shared<daytona_remote>();
    remote->id = sandbox.id;
    remote->attached = attached;
    remote->toolbox = co_await toolbox_of(*self, sandbox);
    remote->daemon_dir = co_await daemon_work_dir(*remote->toolbox);
    remote->work_dir = self->opts.work_dir.empty() ? remote->daemon_dir
                                                   : lexically_normal_absolute("/" + self->opts.work_dir);
    co_return remote;
}

/// Creates (or attaches to) the sandbox and waits until it runs; a failed or cancelled start deletes what
/// it created before it throws.
task<void> bring_up(daytona_state_ptr self)
{
    std::string created_id;
    bool create_sent = false;
    std::exception_ptr failure;
    try
    {
        self->set_remote(co_await create_and_wait(self, created_id, create_sent));
        co_return;
    }
    catch (...)
    {
        failure = std::current_exception();
    }
    if (!self->opts.attach_to.empty())
        create_sent = false;  // an attached sandbox is never ours to delete
    co_await asio::this_coro::reset_cancellation_state(ignore_cancellation());
    co_await clean_up_after_start(self, created_id, create_sent);
    std::rethrow_exception(failure);
}

task<remote_ptr> start_on_strand(daytona_state_ptr self)
{
    if (auto lost = self->lost_message(); !lost.empty())
        throw error(errc::unavailable, lost);
    if (auto remote = self->remote())
        co_return remote;
    auto attempt = self->attempt;
    if (!attempt || attempt->finished())
    {
        attempt = shared_start::launch(self->strand, bring_up(self));
        self->attempt = attempt;
    }
    co_await attempt->wait(true);
    if (attempt->failure())
        std::rethrow_exception(attempt->failure());
    auto remote = self->remote();
    if (!remote)
        throw error(errc::unavailable, "The sandbox was stopped while it was starting; start it again");
    co_return remote;
}

/// Polls until the sandbox is gone (bounded): stop returns once the deletion has happened.
task<void> watch_deletion(daytona_sandbox_state& self, std::string id)
{
    const auto deadline = clock_type::now() + deletion_watch;
    asio::steady_timer pause(co_await asio::this_coro::executor);
    while (clock_type::now() < deadline)
    {
        auto found = co_await find_remote(self.api, id);
        if (!found || found->state == "destroyed")
            co_return;
        pause.expires_after(self.opts.poll_interval);
        co_await pause.async_wait(asio::use_awaitable);
    }
}

task<void> stop_on_strand(daytona_state_ptr self)
{
    // Releasing must finish once begun, whatever the caller does meanwhile.
    co_await asio::this_coro::reset_cancellation_state(ignore_cancellation());
    if (self->attempt && !self->attempt->finished())
    {
        self->attempt->abort();  // it deletes what it made
        co_await self->attempt->wait(false);
    }
    auto jobs = self->jobs.take_all();
    const auto remote = self->remote();
    if (remote && remote->attached)
    {
        for (const auto& job : jobs)
            co_await job->end();  // the sandbox stays: its sessions must not
    }
    else
    {
        for (const auto& job : jobs)
            job->abandon();  // they end with the sandbox
    }
    if (remote && !remote->attached)
    {
        std::exception_ptr failed;
        try
        {
            co_await delete_remote(self->api, remote->id);
            co_await watch_deletion(*self, remote->id);
        }
        catch (const error&)
        {
            failed = std::current_exception();
        }
        if (failed)
        {
            for (const auto& job : jobs)
                self->jobs.add(job);
            std::rethrow_exception(failed);  // still known: stop can be tried again
        }
    }
    self->set_remote(nullptr);
    self->clear_lost();
    self->attempt.reset();
}

task<void> delete_detached(daytona_state_ptr self, std::string id)
{
    try
    {
        co_await delete_remote(self->api, std::move(id));
    }
    catch (const error&)
    {
        // Best effort: the owner is gone and nobody could be told.
    }
}

}  // namespace

daytona_sandbox_state::daytona_sandbox_state(asio::any_io_executor ex, daytona_sandbox_options options)
    : opts(std::move(options)),
      config(config_of(opts)),
      id(opts.sandbox_id.empty() ? random_uuid() : opts.sandbox_id),
      strand(asio::make_strand(ex)),
      api(ex, config.api_url, "Daytona API", config, opts.http)
{}

remote_ptr daytona_sandbox_state::remote() const
{
    std::lock_guard lock(mutex_);
    return remote_;
}

void daytona_sandbox_state::set_remote(remote_ptr remote)
{
    std::lock_guard lock(mutex_);
    remote_ = std::move(remote);
}

void daytona_sandbox_state::set_lost(std::string message)
{
    std::lock_guard lock(mutex_);
    lost_message_ = std::move(message);
}

std::string daytona_sandbox_state::lost_message() const
{
    std::lock_guard lock(mutex_);
    return lost_message_;
}

void daytona_sandbox_state::clear_lost()
{
    std::lock_guard lock(mutex_);
    lost_message_.clear();
}

void daytona_sandbox_state::touch() noexcept
{
    last_activity_.store(clock_type::now().time_since_epoch().count(), std::memory_order_relaxed);
}

std::optional<clock_type::time_point> daytona_sandbox_state::last_activity() const noexcept
{
    auto ticks = last_activity_.load(std::memory_order_relaxed);
    if (ticks == 0)
        return std::nullopt;
    return clock_type::time_point(clock_type::duration(ticks));
}

task<remote_ptr> ensure_started(daytona_state_ptr self)
{
    self->touch();
    if (auto lost = self->lost_message(); !lost.empty())
        throw error(errc::unavailable, lost);
    if (auto remote = self->remote())
        co_return remote;
    auto strand = self->strand;
    co_return co_await asio::co_spawn(strand, start_on_strand(std::move(self)), asio::use_awaitable);
}

task<void> start_sandbox(daytona_state_ptr self)
{
    co_await ensure_started(std::move(self));
}

task<void> stop_sandbox(daytona_state_ptr self)
{
    auto strand = self->strand;
    co_await asio::co_spawn(strand, stop_on_strand(std::move(self)), asio::use_awaitable);
}

task<bool> sandbox_is_alive(daytona_state_ptr self)
{
    const auto remote = self->remote();
    if (!remote || !self->lost_message().empty())
        co_return false;
    try
    {
        auto found = co_await find_remote(self->api, remote->id);
        co_return found && found->state == "started";
    }
    catch (const error&)
    {
        co_return false;  // the API does not answer: either way no command can run
    }
}

task<void> throw_if_lost(daytona_state_ptr self, remote_ptr remote)
{
    auto found = co_await find_remote(self->api, remote->id);
    if (!found || is_deleted(found->state))
        lose(*self, remote->id, "is gone (deleted outside this sandbox)");
    if (found->state != "started")
        lose(*self, remote->id, "is not running (" + found->state + ")");
}

task<http_response> toolbox_call(daytona_state_ptr self, remote_ptr remote, http_request req,
                                 std::initializer_list<unsigned> expected)
{
    const auto method = req.method;
    const auto target = req.target;
    auto res = co_await on_remote(self, remote, remote->toolbox->send(std::move(req)));
    if (res.status < 300 || std::find(expected.begin(), expected.end(), res.status) != expected.end())
        co_return res;
    co_await throw_if_lost(self, remote);
    remote->toolbox->refuse(res, method, target);
}

void release_in_background(daytona_state_ptr self)
{
    const auto remote = self->remote();
    if (!remote || remote->attached || !self->lost_message().empty())
        return;
    auto strand = self->strand;
    asio::co_spawn(strand, delete_detached(std::move(self), remote->id), asio::detached);
}

}  // namespace agent_backends::detail
