// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/ensure_async.hpp>
#include <agent_backends/error.hpp>
#include <agent_backends/local_backend.hpp>

#include <cstdint>
#include <cstdio>
#include <random>

namespace asio = boost::asio;

namespace agent_backends {
namespace {

/// A random (version 4) UUID: `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`, y one of 8, 9, a, b.
std::string random_uuid()
{
    std::random_device device;
    std::uniform_int_distribution<unsigned> byte(0, 255);
    unsigned char b[16];
    for (auto& x : b)
        x = static_cast<unsigned char>(byte(device));
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
    char out[37];
    std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                  b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
                  b[14], b[15]);
    return out;
}

[[noreturn]] void throw_execution_disabled()
{
    throw error(errc::not_supported,
                "Shell execution is disabled for this backend. Construct it with "
                "enable_execute = true to enable.");
}

/// Fails when awaited, like any other failed operation (not when the task is created).
template <class T>
task<T> execution_disabled()
{
    throw_execution_disabled();
    co_return T{};
}

}  // namespace

local_backend::local_backend(asio::any_io_executor blocking_pool, local_backend_options opts)
    : directory_(std::make_shared<local_directory>(opts)),
      async_(ensure_async(directory_, std::move(blocking_pool))),
      id_(opts.sandbox_id.empty() ? random_uuid() : opts.sandbox_id)
{
    if (opts.enable_execute)
        processes_ = std::make_unique<local_processes>(directory_->root());
}

task<execute_response> local_backend::execute(std::string_view command, execute_options opts)
{
    if (!processes_)
        return execution_disabled<execute_response>();
    return processes_->execute(command, std::move(opts));  // copies the command at the call
}

task<std::shared_ptr<background_job>> local_backend::start_background(std::string_view command,
                                                                      execute_options opts)
{
    if (!processes_)
        return execution_disabled<std::shared_ptr<background_job>>();
    return processes_->start_background(command, std::move(opts));
}

task<void> local_backend::start()
{
    co_return;
}

task<void> local_backend::stop()
{
    if (processes_)
        co_await processes_->stop();
}

}  // namespace agent_backends
