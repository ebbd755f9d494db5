// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/with_timeout.hpp>

#include <agent_backends/detail/virtual_path.hpp>

#include "core/ignore_cancellation.hpp"
#include "sandboxes/kubernetes_exec.hpp"
#include "sandboxes/kubernetes_pod.hpp"
#include "sandboxes/kubernetes_sandbox_state.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <algorithm>
#include <utility>

namespace asio = boost::asio;
using clock_type = std::chrono::steady_clock;

namespace agent_backends::detail {
namespace {

constexpr std::chrono::milliseconds first_poll{100};
constexpr std::chrono::milliseconds max_poll{1000};
constexpr std::chrono::seconds cleanup_limit{30};  ///< For deleting a pod, and for waiting until it is gone.

std::string random_uuid()
{
    return boost::uuids::to_string(boost::uuids::random_generator()());
}

std::string sandbox_id_of(const kubernetes_sandbox_options& opts)
{
    return opts.sandbox_id.empty() ? random_uuid() : opts.sandbox_id;
}

std::string work_dir_of(const kubernetes_sandbox_options& opts)
{
    const auto& dir = opts.runtime ? opts.runtime->work_dir : opts.work_dir;
    return lexically_normal_absolute(dir.empty() ? "/" : dir);
}

kubernetes_config cluster_of(const kubernetes_sandbox_options& opts)
{
    return opts.cluster ? *opts.cluster : kubernetes_config::from_environment();
}

std::string image_of(const kubernetes_sandbox_options& opts)
{
    if (!opts.runtime || opts.runtime->image.empty())
    {
        if (opts.runtime && !opts.runtime->base_image.empty())
            throw error(errc::invalid_argument,
                        "Runtime '" + opts.runtime->name + "' names only a base image (" +
                            opts.runtime->base_image +
                            "), and a pod cannot build one: give the runtime an image built beforehand");
        return opts.image;
    }
    return opts.runtime->image;
}

std::string seconds_text(std::chrono::seconds s)
{
    return std::to_string(s.count()) + " s";
}

/// Marks the sandbox lost and throws why.
[[noreturn]] void lose(kubernetes_sandbox_state& self, const std::string& why)
{
    auto message = "Sandbox pod " + self.pod_name + " " + why + "; start a new sandbox";
    self.set_lost(message);
    throw error(errc::unavailable, message);
}

pod_manifest_input manifest_of(const kubernetes_sandbox_state& self)
{
    const auto& opts = self.opts;
    pod_manifest_input in;
    in.name = self.pod_name;
    in.namespace_name = self.namespace_name;
    in.container_name = opts.container_name;
    in.image = self.image;
    in.work_dir = self.work_dir;
    if (opts.runtime)
        in.env = opts.runtime->env_vars;
    for (const auto& [key, value] : opts.env)
        in.env[key] = value;
    in.labels = opts.labels;
    in.labels[std::string(sandbox_label)] = label_value_from(self.id);
    in.cpu_request = opts.cpu_request;
    in.cpu_limit = opts.cpu_limit;
    in.memory_request = opts.memory_request;
    in.memory_limit = opts.memory_limit;
    in.image_pull_policy = opts.image_pull_policy;
    in.service_account = opts.service_account;
    in.active_deadline = opts.active_deadline;
    return in;
}

task<void> pause_for(std::chrono::milliseconds d)
{
    asio::steady_timer timer(co_await asio::this_coro::executor, d);
    co_await timer.async_wait(asio::use_awaitable);
}

/// Polls the pod until it runs; `last` keeps what it said last, for a timeout message.
task<void> wait_until_running(kubernetes_state_ptr self, std::shared_ptr<std::string> last)
{
    auto interval = first_poll;
    for (;;)
    {
        auto body = co_await self->api->get_pod(self->namespace_name, self->pod_name);
        if (!body)
            throw error(errc::unavailable, "Pod " + self->pod_name + " was deleted while it was starting");
        auto progress = read_pod_progress(*body, self->opts.container_name);
        if (!progress)
            throw error(errc::protocol_error, "The API server described pod " + self->pod_name +
                                                  " with something that is not a pod");
        *last = progress->phase.empty() ? progress->detail : progress->phase + ": " + progress->detail;
        switch (progress->where)
        {
            case pod_progress::state::running:
                co_return;
            case pod_progress::state::failed:
                throw error(errc::unavailable,
                            "Pod " + self->pod_name + " cannot start: " + progress->detail);
            case pod_progress::state::ended:
                throw error(errc::unavailable,
                            "Pod " + self->pod_name + " ended before it ran: " + progress->detail);
            case pod_progress::state::pending:
                break;
        }
        co_await pause_for(interval);
        interval = std::min(interval * 2, max_poll);
    }
}

task<void> create_and_wait(kubernetes_state_ptr self, std::shared_ptr<std::string> last)
{
    self->pod_created = true;  // from here on it may exist, even when the answer never comes
    bool taken = false;
    std::string refusal;
    try
    {
        co_await self->api->create_pod(self->namespace_name, pod_manifest(manifest_of(*self)));
    }
    catch (const api_refusal& e)
    {
        self->pod_created = false;  // answered: the server did not make it (409: someone else did)
        if (e.status() != 409)
            throw;
        taken = true;
        refusal = e.message();
    }
    if (taken)
        throw error(errc::invalid_argument, "Pod " + self->pod_name + " already exists in namespace " +
                                                self->namespace_name +
                                                " and is not this sandbox's: choose another pod_name or "
                                                "sandbox_id, or delete that pod (" +
                                                refusal + ")");
    co_await wait_until_running(self, std::move(last));
}

/// Deletes the pod, bounded; errors are left to whoever deletes it next. Await it with the cancellation
/// state reset.
task<void> delete_quietly(kubernetes_state_ptr self)
{
    try
    {
        co_await with_timeout(self->api->delete_pod(self->namespace_name, self->pod_name, 0), cleanup_limit);
        self->pod_created = false;
    }
    catch (const error&)
    {
        // Still recorded as created: stop tries again.
    }
}

/// Creates the pod and waits until it runs; a pod it made but could not bring up is deleted before the
/// failure (or the cancellation) is thrown.
task<void> bring_up(kubernetes_state_ptr self)
{
    auto last = std::make_shared<std::string>("no status yet");
    std::exception_ptr failure;
    try
    {
        co_await with_timeout(create_and_wait(self, last), self->opts.startup_timeout);
        self->set_running(true);
        co_return;
    }
    catch (const error& e)
    {
        if (e.condition() == errc::timed_out)
            failure = std::make_exception_ptr(
                error(errc::timed_out, "Pod " + self->pod_name + " did not start within " +
                                           seconds_text(self->opts.startup_timeout) + " (last seen " + *last +
                                           "); it was deleted"));
        else
            failure = std::current_exception();
    }
    catch (...)
    {
        failure = std::current_exception();  // cancelled: every waiter gave up, or stop came
    }
    // From here on nothing may be interrupted: the pod must not outlive the failed start.
    co_await asio::this_coro::reset_cancellation_state(ignore_cancellation());
    if (self->pod_created)
        co_await delete_quietly(self);
    std::rethrow_exception(failure);
}

task<void> start_on_strand(kubernetes_state_ptr self)
{
    if (auto lost = self->lost_message(); !lost.empty())
        throw error(errc::unavailable, lost);
    if (self->running())
        co_return;
    auto attempt = self->attempt;
    if (!attempt || attempt->finished())
    {
        attempt = shared_start::launch(self->strand, bring_up(self));
        self->attempt = attempt;
    }
    co_await attempt->wait(true);
    if (attempt->failure())
        std::rethrow_exception(attempt->failure());
    if (!self->running())
        throw error(errc::unavailable, "The sandbox was stopped while it was starting; start it again");
}

/// Polls until the pod is gone, bounded; a pod that lingers is the cluster's to finish deleting.
task<void> wait_until_gone(kubernetes_state_ptr self)
{
    const auto give_up = clock_type::now() + cleanup_limit;
    auto interval = first_poll;
    while (clock_type::now() < give_up)
    {
        try
        {
            if (!co_await self->api->get_pod(self->namespace_name, self->pod_name))
                co_return;
        }
        catch (const error&)
        {
            co_return;  // the API server does not answer: nothing more to learn from it
        }
        co_await pause_for(interval);
        interval = std::min(interval * 2, max_poll);
    }
}

task<void> stop_on_strand(kubernetes_state_ptr self)
{
    // Releasing must finish once begun, whatever the caller does meanwhile.
    co_await asio::this_coro::reset_cancellation_state(ignore_cancellation());
    if (self->attempt && !self->attempt->finished())
    {
        self->attempt->abort();
        co_await self->attempt->wait(false);
    }
    if (self->pod_created)
    {
        bool existed = co_await self->api->delete_pod(self->namespace_name, self->pod_name, 0);
        self->pod_created = false;
        if (existed)
            co_await wait_until_gone(self);
    }
    self->set_running(false);
    self->clear_lost();
    self->attempt.reset();
    self->jobs.abandon_all();  // their output ended with the pod; nobody waits for more
    self->api->close_idle_connections();
}

task<void> delete_detached(std::shared_ptr<kubernetes_api> api, std::string namespace_name, std::string pod)
{
    try
    {
        co_await api->delete_pod(std::move(namespace_name), std::move(pod), 0);
    }
    catch (const error&)
    {
        // Best effort: the owner is gone and nobody could be told.
    }
}

}  // namespace

kubernetes_sandbox_state::kubernetes_sandbox_state(asio::any_io_executor ex,
                                                   kubernetes_sandbox_options options)
    : shell_sandbox_core(ex, sandbox_id_of(options), work_dir_of(options)),
      opts(std::move(options)),
      api(std::make_shared<kubernetes_api>(ex, cluster_of(opts), opts.http)),
      namespace_name(!opts.namespace_name.empty()             ? opts.namespace_name
                     : !api->cluster().namespace_name.empty() ? api->cluster().namespace_name
                                                              : std::string("default")),
      pod_name(!opts.pod_name.empty() ? opts.pod_name : pod_name_from("agent-sandbox-" + id.substr(0, 12))),
      image(image_of(opts)),
      strand(asio::make_strand(ex))
{}

bool kubernetes_sandbox_state::running() const
{
    std::lock_guard lock(mutex_);
    return running_;
}

void kubernetes_sandbox_state::set_running(bool value)
{
    std::lock_guard lock(mutex_);
    running_ = value;
}

shell_file_limits kubernetes_sandbox_state::file_limits() const noexcept
{
    return {.max_read_bytes = opts.max_read_bytes, .timeout = opts.http.request_timeout};
}

task<std::shared_ptr<container_exec>> kubernetes_sandbox_state::ensure_started()
{
    auto self = shared_from_this();
    co_await start_pod(self);
    co_return std::make_shared<kubernetes_container_exec>(self->api, self->namespace_name, self->pod_name,
                                                          self->opts.container_name);
}

task<void> kubernetes_sandbox_state::throw_if_lost(std::string)
{
    auto self = shared_from_this();
    auto body = co_await self->api->get_pod(self->namespace_name, self->pod_name);
    if (!body)
        lose(*self, "is gone");
    auto progress = read_pod_progress(*body, self->opts.container_name);
    if (progress && progress->where != pod_progress::state::running &&
        progress->where != pod_progress::state::pending)
        lose(*self, "is not running (" + progress->phase + ": " + progress->detail + ")");
}

task<void> start_pod(kubernetes_state_ptr self)
{
    self->touch();
    if (auto lost = self->lost_message(); !lost.empty())
        throw error(errc::unavailable, lost);
    if (self->running())
        co_return;
    auto strand = self->strand;
    co_await asio::co_spawn(strand, start_on_strand(std::move(self)), asio::use_awaitable);
}

task<void> stop_pod(kubernetes_state_ptr self)
{
    auto strand = self->strand;
    co_await asio::co_spawn(strand, stop_on_strand(std::move(self)), asio::use_awaitable);
}

task<bool> pod_is_alive(kubernetes_state_ptr self)
{
    if (!self->running() || !self->lost_message().empty())
        co_return false;
    std::optional<std::string> body;
    try
    {
        body = co_await self->api->get_pod(self->namespace_name, self->pod_name);
    }
    catch (const error&)
    {
        co_return false;  // the API server does not answer: no command can run either
    }
    if (!body)
    {
        self->set_lost("Sandbox pod " + self->pod_name + " is gone; start a new sandbox");
        co_return false;
    }
    auto progress = read_pod_progress(*body, self->opts.container_name);
    co_return progress && progress->where == pod_progress::state::running;
}

void delete_pod_in_background(const kubernetes_sandbox_state& self)
{
    if (!self.pod_created)
        return;
    asio::co_spawn(self.api->get_executor(), delete_detached(self.api, self.namespace_name, self.pod_name),
                   asio::detached);
}

}  // namespace agent_backends::detail
