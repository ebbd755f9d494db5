// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_KUBERNETES_FIXTURE_HPP
#define AGENT_BACKENDS_TEST_KUBERNETES_FIXTURE_HPP

// A fake Kubernetes API server, an io_context to drive sandboxes on, and a temporary directory that is
// the pods' work dir: the fake runs pods as host processes, so container paths are host paths.

#include <agent_backends/sandboxes/kubernetes_sandbox.hpp>

#include "common/run_task.hpp"
#include "common/temp_dir.hpp"
#include "fakes/kubernetes/fake_kubernetes_api.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include <errno.h>
#include <signal.h>
#include <sys/types.h>
#include <time.h>

namespace agent_backends::test {

class pod_session
{
public:
    explicit pod_session(fake_kubernetes_options opts = {}) : api_(std::move(opts)) {}

    fake_kubernetes_api& api() noexcept { return api_; }
    boost::asio::io_context& io() noexcept { return io_; }
    const temp_dir& dir() const noexcept { return dir_; }

    /// Options for a sandbox on the fake, working in the temporary directory.
    kubernetes_sandbox_options options() const
    {
        kubernetes_sandbox_options opts;
        opts.cluster = api_.config();
        opts.image = "busybox:1.36";
        opts.work_dir = dir_.str();
        opts.startup_timeout = std::chrono::seconds(30);
        return opts;
    }

    std::unique_ptr<kubernetes_sandbox> make_box() { return make_box(options()); }
    std::unique_ptr<kubernetes_sandbox> make_box(kubernetes_sandbox_options opts)
    {
        return std::make_unique<kubernetes_sandbox>(io_.get_executor(), std::move(opts));
    }

    /// Runs `t` to completion (or fails after two minutes); work left behind by other tasks (idle
    /// connections, readers of abandoned streams) does not keep it waiting.
    template <class T>
    T run(task<T> t)
    {
        return run_task_on(io_, std::move(t), std::chrono::minutes(2));
    }

    /// Lets queued work (detached deletions, closing connections) run for a moment.
    void settle(std::chrono::milliseconds d = std::chrono::milliseconds(200))
    {
        io_.restart();
        io_.run_for(d);
    }

    /// Whether the fake sees no open connection within five seconds (it notices closed ones a little
    /// after the fact).
    bool connections_close_soon()
    {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (api_.open_connections() != 0)
        {
            if (std::chrono::steady_clock::now() > deadline)
                return false;
            settle(std::chrono::milliseconds(50));
        }
        return true;
    }

private:
    temp_dir dir_;
    fake_kubernetes_api api_;
    boost::asio::io_context io_;
};

/// One started sandbox per suite (`Tag` tells suites apart), stopped when the suite ends.
template <class Tag>
class shared_pod : public pod_session
{
public:
    shared_pod()
    {
        box_ = make_box();
        run(box_->start());
        instance_ = this;
    }

    ~shared_pod()
    {
        instance_ = nullptr;
        try
        {
            run(box_->stop());
        }
        catch (const std::exception& e)
        {
            BOOST_TEST_MESSAGE("stopping the shared sandbox failed: " << e.what());
        }
        box_.reset();
    }

    static shared_pod& get() noexcept { return *instance_; }
    kubernetes_sandbox& box() noexcept { return *box_; }

private:
    std::unique_ptr<kubernetes_sandbox> box_;
    static inline shared_pod* instance_ = nullptr;
};

/// Whether process `pid` is gone within five seconds (a killed process lingers until its parent reaps it).
inline bool process_gone_soon(pid_t pid)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (::kill(pid, 0) == 0 || errno != ESRCH)
    {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        struct timespec nap
        {
            0, 20'000'000
        };
        ::nanosleep(&nap, nullptr);
    }
    return true;
}

}  // namespace agent_backends::test

#endif
