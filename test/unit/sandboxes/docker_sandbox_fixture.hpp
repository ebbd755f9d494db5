// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_DOCKER_SANDBOX_FIXTURE_HPP
#define AGENT_BACKENDS_TEST_DOCKER_SANDBOX_FIXTURE_HPP

// A docker_sandbox on the test engine, shared by the tests of a suite (a container takes about a second
// to start): `BOOST_AUTO_TEST_SUITE(name, *boost::unit_test::fixture<shared_sandbox<tag>>())`, then in a
// test `auto* f = shared_sandbox<tag>::get(); if (!f) return;`.

#include <agent_backends/error.hpp>
#include <agent_backends/http/http_client.hpp>
#include <agent_backends/sandboxes/docker_engine.hpp>
#include <agent_backends/sandboxes/docker_sandbox.hpp>

#include "common/run_task.hpp"
#include "common/test_engine.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace agent_backends::test {

/// An io_context and an engine client on the test engine; runs tasks to completion on that context.
class engine_session
{
public:
    engine_session() : endpoint_(test_engine())
    {
        if (endpoint_)
            engine_ = std::make_shared<docker_engine>(io_.get_executor(), *endpoint_);
    }

    bool ready() const noexcept { return engine_ != nullptr; }
    const std::shared_ptr<docker_engine>& engine() const noexcept { return engine_; }
    const http_endpoint& endpoint() const { return *endpoint_; }
    boost::asio::io_context& io() noexcept { return io_; }

    /// Options for a sandbox on the test image (never pulled: there is no registry here).
    static docker_sandbox_options sandbox_options()
    {
        docker_sandbox_options opts;
        opts.image = test_image();
        opts.pull_missing_image = false;
        return opts;
    }

    /// Runs `t` to completion (or fails the test after two minutes); work left behind by other tasks
    /// (idle connections, background readers) does not keep it waiting.
    template <class T>
    T run(task<T> t)
    {
        return run_task_on(io_, std::move(t), std::chrono::minutes(2));
    }

    /// How many containers carry the label `agent-backends.sandbox=<sandbox_id>` (running or not).
    std::size_t containers_labelled(const std::string& sandbox_id)
    {
        http_client client(io_.get_executor(), *endpoint_);
        const std::string filter =
            "%7B%22label%22%3A%5B%22agent-backends.sandbox%3D" + sandbox_id + "%22%5D%7D";
        auto response = run(client.request({.target = "/containers/json?all=true&filters=" + filter}));
        BOOST_REQUIRE_EQUAL(response.status, 200u);
        return boost::json::parse(response.body).as_array().size();
    }

private:
    boost::asio::io_context io_;
    std::optional<http_endpoint> endpoint_;
    std::shared_ptr<docker_engine> engine_;
};

/// One started sandbox per suite (`Tag` tells suites apart), stopped when the suite ends.
template <class Tag>
class shared_sandbox : public engine_session
{
public:
    shared_sandbox()
    {
        if (!ready())
            return;
        box_ = std::make_unique<docker_sandbox>(engine(), sandbox_options());
        run(box_->start());
        instance_ = this;
    }

    ~shared_sandbox()
    {
        instance_ = nullptr;
        if (!box_)
            return;
        try
        {
            run(box_->stop());
        }
        catch (const std::exception& e)
        {
            BOOST_TEST_MESSAGE("stopping the shared sandbox failed: " << e.what());
        }
    }

    /// The suite's sandbox, or null when the engine is not running here (the reason is logged).
    static shared_sandbox* get() noexcept { return instance_; }

    docker_sandbox& box() noexcept { return *box_; }

private:
    std::unique_ptr<docker_sandbox> box_;
    static inline shared_sandbox* instance_ = nullptr;
};

}  // namespace agent_backends::test

#endif
