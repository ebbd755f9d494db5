// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/runtime_config.hpp>

#include <agent_backends/detail/virtual_path.hpp>

#include "core/ignore_cancellation.hpp"
#include "sandboxes/docker_sandbox_state.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <filesystem>
#include <map>
#include <utility>

namespace asio = boost::asio;
using clock_type = std::chrono::steady_clock;

namespace agent_backends::detail {
namespace {

/// The label that marks a container as a sandbox's, valued with the sandbox id.
constexpr const char* sandbox_label = "agent-backends.sandbox";

// Keeps the container running, and exits on SIGTERM: as PID 1 a shell ignores signals it has no trap
// for, and `wait` returns as soon as a trapped one arrives (the engine's polite stop needs no grace).
constexpr const char* keep_alive_script = "trap 'exit 0' TERM INT; while :; do sleep 86400 & wait $!; done";

constexpr std::chrono::seconds named_stop_grace{10};

std::string random_uuid()
{
    return boost::uuids::to_string(boost::uuids::random_generator()());
}

std::string absolute_work_dir(const docker_sandbox_options& opts)
{
    const auto& dir = opts.runtime ? opts.runtime->work_dir : opts.work_dir;
    return lexically_normal_absolute(dir.empty() ? "/" : dir);
}

/// Marks the sandbox lost and throws why.
[[noreturn]] void lose(docker_sandbox_state& self, std::string_view container_id, std::string_view why)
{
    auto message = "Sandbox container " + std::string(short_container_id(container_id)) + " " +
                   std::string(why) + "; start a new sandbox";
    self.set_lost(message);
    throw error(errc::unavailable, message);
}

container_spec spec_for(const docker_sandbox_state& self, std::string image)
{
    const auto& opts = self.opts;
    container_spec spec;
    spec.image = std::move(image);
    spec.command = {"sh", "-c", keep_alive_script};
    std::map<std::string, std::string> env;
    if (opts.runtime)
        env = opts.runtime->env_vars;
    for (const auto& [key, value] : opts.env)
        env[key] = value;
    for (const auto& [key, value] : env)
        spec.env.push_back(key + "=" + value);
    spec.working_dir = self.work_dir;
    spec.user = opts.user;
    spec.labels = opts.labels;
    spec.labels[sandbox_label] = self.id;
    for (const auto& [host, container] : opts.volumes)
        spec.binds.push_back(std::filesystem::absolute(host).lexically_normal().string() + ":" + container +
                             ":rw");
    spec.memory_bytes = opts.memory_bytes;
    spec.cpus = opts.cpus;
    spec.pids_limit = opts.pids_limit;
    spec.network_mode = opts.network_mode;
    spec.name = opts.container_name;
    spec.no_new_privileges = true;
    return spec;
}

/// The named container when it exists and could be (re)started; empty when one must be created.
task<std::optional<std::string>> reattach(docker_engine& engine, std::string name)
{
    container_state state;
    bool exists = true;
    try
    {
        state = co_await engine.inspect_container(name);
    }
    catch (const error& e)
    {
        if (e.condition() != errc::not_found)
            throw;
        exists = false;
    }
    if (!exists)
        co_return std::nullopt;
    const auto id = state.id.empty() ? name : state.id;
    if (state.running)
        co_return id;
    if (state.status == "created" || state.status == "exited" || state.status == "paused")
    {
        co_await engine.start_container(id);
        co_return id;
    }
    co_await engine.remove_container(id, true);  // dead, or being removed: made anew
    co_return std::nullopt;
}

task<std::string> create_container(docker_engine& engine, const container_spec& spec, bool pull_missing)
{
    bool missing = false;
    try
    {
        co_return co_await engine.create_container(spec);
    }
    catch (const error& e)
    {
        if (e.condition() != errc::not_found)
            throw;
        if (!pull_missing)
            throw error(errc::not_found, "Image '" + spec.image +
                                             "' is not present in the container engine and pulling is off "
                                             "(pull_missing_image)");
        missing = true;
    }
    std::string pull_failure;
    if (missing)
    {
        try
        {
            co_await engine.pull_image(spec.image);
        }
        catch (const error& e)
        {
            pull_failure = e.message();
        }
    }
    if (!pull_failure.empty())
        throw error(errc::not_found,
                    "Image '" + spec.image +
                        "' is not present in the container engine and could not be pulled: " + pull_failure);
    co_return co_await engine.create_container(spec);
}

/// Creates (or reattaches to) the container and starts it; returns its id.
task<std::string> create_and_start(state_ptr self)
{
    auto& engine = *self->engine;
    const auto& opts = self->opts;
    if (!opts.container_name.empty())
    {
        if (auto found = co_await reattach(engine, opts.container_name))
            co_return *found;
    }
    // A runtime naming neither an image nor a base image only sets the work dir and environment.
    bool builds_image = opts.runtime && (!opts.runtime->image.empty() || !opts.runtime->base_image.empty());
    auto image = builds_image ? co_await ensure_runtime_image(engine, *opts.runtime) : opts.image;
    const auto spec = spec_for(*self, std::move(image));
    auto id = co_await create_container(engine, spec, opts.pull_missing_image);
    std::exception_ptr failed;
    try
    {
        co_await engine.start_container(id);
    }
    catch (const error&)
    {
        failed = std::current_exception();
    }
    if (failed)
    {
        try
        {
            co_await engine.remove_container(id, true);  // a container that cannot start is of no use
        }
        catch (const error&)
        {
            // Reported below is why it did not start; this removal is a courtesy.
        }
        std::rethrow_exception(failed);
    }
    co_return id;
}

/// Runs one attempt to completion whatever happens to the callers waiting for it, so a container it
/// creates is always recorded (and so removed by stop), never left behind half-known.
task<void> run_attempt(state_ptr self, std::shared_ptr<start_attempt> attempt)
{
    try
    {
        self->set_container_id(co_await create_and_start(self));
    }
    catch (...)
    {
        attempt->failure = std::current_exception();  // every waiter rethrows it
    }
    attempt->finished = true;
    attempt->done_signal.cancel();
}

/// Waits for an attempt to finish; `cancellable`: the caller's cancellation ends the wait.
task<void> wait_for(std::shared_ptr<start_attempt> attempt, bool cancellable)
{
    while (!attempt->finished)
    {
        boost::system::error_code ec;  // operation_aborted: either finished, or the caller cancelled
        co_await attempt->done_signal.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        auto state = co_await asio::this_coro::cancellation_state;
        if (cancellable && !attempt->finished && state.cancelled() != asio::cancellation_type::none)
            throw boost::system::system_error(asio::error::operation_aborted);
    }
}

task<std::string> start_on_strand(state_ptr self)
{
    if (auto lost = self->lost_message(); !lost.empty())
        throw error(errc::unavailable, lost);
    if (auto id = self->container_id(); !id.empty())
        co_return id;
    auto attempt = self->attempt;
    if (!attempt || attempt->finished)
    {
        attempt = std::make_shared<start_attempt>(self->strand);
        self->attempt = attempt;
        asio::co_spawn(self->strand, run_attempt(self, attempt), asio::detached);
    }
    co_await wait_for(attempt, true);
    if (attempt->failure)
        std::rethrow_exception(attempt->failure);
    auto id = self->container_id();
    if (id.empty())
        throw error(errc::unavailable, "The sandbox was stopped while it was starting; start it again");
    co_return id;
}

task<void> stop_on_strand(state_ptr self)
{
    // Releasing must finish once begun, whatever the caller does meanwhile.
    co_await asio::this_coro::reset_cancellation_state(ignore_cancellation());
    if (self->attempt && !self->attempt->finished)
        co_await wait_for(self->attempt, false);
    const auto id = self->container_id();
    if (!id.empty())
    {
        bool named = !self->opts.container_name.empty();
        std::exception_ptr failed;
        try
        {
            if (named)
                co_await self->engine->stop_container(id, named_stop_grace);
            else
                co_await self->engine->remove_container(id, true);
        }
        catch (const error& e)
        {
            if (e.condition() != errc::not_found)
                failed = std::current_exception();
        }
        if (failed)
            std::rethrow_exception(failed);  // still known: stop can be tried again
    }
    self->set_container_id({});
    self->clear_lost();
    self->attempt.reset();
    self->jobs.abandon_all();  // their output ended with the container; nobody waits for more
}

task<void> release_detached(std::shared_ptr<docker_engine> engine, std::string id, bool named)
{
    try
    {
        if (named)
            co_await engine->stop_container(id, named_stop_grace);
        else
            co_await engine->remove_container(id, true);
    }
    catch (const error&)
    {
        // Best effort: the owner is gone and nobody could be told.
    }
}

}  // namespace

start_attempt::start_attempt(const asio::any_io_executor& strand)
    : done_signal(strand, clock_type::time_point::max())
{}

docker_sandbox_state::docker_sandbox_state(std::shared_ptr<docker_engine> engine_client,
                                           docker_sandbox_options options)
    : shell_sandbox_core(engine_client->get_executor(),
                         options.sandbox_id.empty() ? random_uuid() : options.sandbox_id,
                         absolute_work_dir(options)),
      engine(std::move(engine_client)),
      opts(std::move(options)),
      strand(asio::make_strand(engine->get_executor()))
{}

std::string docker_sandbox_state::container_id() const
{
    std::lock_guard lock(mutex_);
    return container_id_;
}

void docker_sandbox_state::set_container_id(std::string container)
{
    std::lock_guard lock(mutex_);
    container_id_ = std::move(container);
}

task<std::shared_ptr<container_exec>> docker_sandbox_state::ensure_started()
{
    auto self = shared_from_this();
    auto id = co_await ensure_container(self);
    co_return std::make_shared<docker_container_exec>(self->engine, std::move(id));
}

task<void> docker_sandbox_state::throw_if_lost(std::string target)
{
    co_await throw_if_container_lost(shared_from_this(), std::move(target));
}

std::string_view short_container_id(std::string_view container_id) noexcept
{
    return container_id.substr(0, 12);
}

task<std::string> ensure_container(state_ptr self)
{
    self->touch();
    if (auto lost = self->lost_message(); !lost.empty())
        throw error(errc::unavailable, lost);
    if (auto id = self->container_id(); !id.empty())
        co_return id;
    auto strand = self->strand;
    co_return co_await asio::co_spawn(strand, start_on_strand(std::move(self)), asio::use_awaitable);
}

task<void> start_sandbox(state_ptr self)
{
    co_await ensure_container(std::move(self));
}

task<void> stop_sandbox(state_ptr self)
{
    auto strand = self->strand;
    co_await asio::co_spawn(strand, stop_on_strand(std::move(self)), asio::use_awaitable);
}

task<bool> sandbox_is_alive(state_ptr self)
{
    const auto id = self->container_id();
    if (id.empty() || !self->lost_message().empty())
        co_return false;
    bool running = false;
    try
    {
        running = (co_await self->engine->inspect_container(id)).running;
    }
    catch (const error&)
    {
        running = false;  // gone, or the engine does not answer: either way no command can run
    }
    co_return running;
}

task<void> throw_if_container_lost(state_ptr self, std::string container_id)
{
    container_state state;
    bool gone = false;
    try
    {
        state = co_await self->engine->inspect_container(container_id);
    }
    catch (const error& e)
    {
        if (e.condition() != errc::not_found)
            throw;
        gone = true;
    }
    if (gone)
        lose(*self, container_id, "is gone (removed outside this sandbox)");
    if (!state.running)
        lose(*self, container_id, "is not running (" + state.status + ")");
}

void release_in_background(const docker_sandbox_state& self)
{
    auto id = self.container_id();
    if (id.empty() || !self.lost_message().empty())
        return;
    asio::co_spawn(self.engine->get_executor(),
                   release_detached(self.engine, std::move(id), !self.opts.container_name.empty()),
                   asio::detached);
}

}  // namespace agent_backends::detail
