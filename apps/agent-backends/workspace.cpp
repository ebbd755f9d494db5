// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "workspace.hpp"

#include <agent_backends/local_backend.hpp>
#include <agent_backends/sandboxes/docker_engine.hpp>
#include <agent_backends/sandboxes/daytona_sandbox.hpp>
#include <agent_backends/sandboxes/docker_sandbox.hpp>
#include <agent_backends/sandboxes/kubernetes_config.hpp>
#include <agent_backends/sandboxes/kubernetes_sandbox.hpp>
#include <agent_backends/sandboxes/runtime_config.hpp>

#include <boost/asio/this_coro.hpp>

#include <exception>
#include <filesystem>

namespace asio = boost::asio;

namespace agent_backends::app {
namespace {

std::shared_ptr<sandbox> open_container(const workspace_request& request, asio::any_io_executor io)
{
    docker_sandbox_options opts{.engine = docker_engine::options_from_environment()};
    if (!request.runtime.empty())
    {
        opts.runtime = get_runtime(request.runtime);
        opts.work_dir = opts.runtime->work_dir;
    }
    else
        opts.image = request.image;
    if (!request.work_dir.empty())
        opts.work_dir = request.work_dir;
    opts.docker_host = request.docker_host.empty() ? docker_engine::endpoint_from_environment()
                                                   : http_endpoint::parse(request.docker_host);
    if (request.root_given)
    {
        // The directory is shared with the container at its work dir, so files outlive it.
        std::filesystem::create_directories(request.root);
        opts.volumes[std::filesystem::absolute(request.root).lexically_normal().string()] = opts.work_dir;
    }
    return std::make_shared<docker_sandbox>(io, std::move(opts));
}

// A pod of the cluster kubectl would use (KUBECONFIG, else ~/.kube/config; the service account in a pod).
std::shared_ptr<sandbox> open_pod(const workspace_request& request, asio::any_io_executor io)
{
    kubernetes_sandbox_options opts{.namespace_name = request.namespace_name};
    opts.cluster = request.kube_context.empty() ? kubernetes_config::from_environment()
                                                : kubernetes_config::from_kubeconfig({}, request.kube_context);
    if (!request.runtime.empty())
        opts.runtime = get_runtime(request.runtime);
    else
        opts.image = request.image;
    if (!request.work_dir.empty())
        opts.work_dir = request.work_dir;
    return std::make_shared<kubernetes_sandbox>(io, std::move(opts));
}

// A Daytona sandbox reached with DAYTONA_API_KEY (and DAYTONA_API_URL, DAYTONA_TARGET).
std::shared_ptr<sandbox> open_daytona(const workspace_request& request, asio::any_io_executor io)
{
    daytona_sandbox_options opts{.config = daytona_config::from_environment(),
                                 .snapshot = request.snapshot,
                                 .image = request.image,
                                 .work_dir = request.work_dir};
    return std::make_shared<daytona_sandbox>(io, std::move(opts));
}

}  // namespace

std::shared_ptr<sandbox> open_workspace(const workspace_request& request, bool execute, asio::any_io_executor io,
                                        asio::any_io_executor disk)
{
    switch (request.kind)
    {
        case sandbox_kind::docker:
            return open_container(request, std::move(io));
        case sandbox_kind::kubernetes:
            return open_pod(request, std::move(io));
        case sandbox_kind::daytona:
            return open_daytona(request, std::move(io));
        case sandbox_kind::local:
            break;
    }
    return std::make_shared<local_backend>(std::move(disk),
                                           local_backend_options{.root = request.root, .enable_execute = execute});
}

std::string describe_workspace(const workspace_request& request)
{
    auto source = request.runtime.empty() ? "image " + request.image : "runtime " + request.runtime;
    switch (request.kind)
    {
        case sandbox_kind::local:
            return "root " + request.root;
        case sandbox_kind::docker:
            return "docker " + source + (request.root_given ? ", " + request.root + " bound at its work dir" : "");
        case sandbox_kind::kubernetes:
            return "kubernetes pod, " + source +
                   (request.kube_context.empty() ? "" : ", context " + request.kube_context) +
                   (request.namespace_name.empty() ? "" : ", namespace " + request.namespace_name);
        case sandbox_kind::daytona:
            return "daytona sandbox, " + (request.snapshot.empty() ? request.image.empty() ? "default snapshot"
                                                                                           : "image " + request.image
                                                                   : "snapshot " + request.snapshot);
    }
    return {};
}

task<void> run_then_stop(std::shared_ptr<sandbox> workspace, task<void> body)
{
    std::exception_ptr outcome;
    try
    {
        co_await std::move(body);
    }
    catch (...)
    {
        outcome = std::current_exception();
    }
    // A signal cancelled the body; the container must still go.
    co_await asio::this_coro::reset_cancellation_state();
    co_await asio::this_coro::throw_if_cancelled(false);
    try
    {
        co_await workspace->stop();
    }
    catch (const std::exception&)
    {
        if (!outcome)
            outcome = std::current_exception();
    }
    if (outcome)
        std::rethrow_exception(outcome);
}

}  // namespace agent_backends::app
