// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_UNIT_DAYTONA_DAYTONA_TEST_SUPPORT_HPP
#define AGENT_BACKENDS_TEST_UNIT_DAYTONA_DAYTONA_TEST_SUPPORT_HPP

// A fake Daytona per test and sandbox options that reach it, with short polls so tests stay fast.
#include <agent_backends/sandboxes/daytona_sandbox.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "fakes/common/fault_plan.hpp"
#include "fakes/daytona/fake_daytona.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <thread>

namespace agent_backends::test {

using namespace std::chrono_literals;

inline daytona_sandbox_options daytona_options(const fake_daytona& fake, daytona_sandbox_options opts = {})
{
    opts.config = fake.config();
    opts.poll_interval = std::chrono::milliseconds(10);
    if (opts.startup_timeout == std::chrono::seconds(180))
        opts.startup_timeout = std::chrono::seconds(10);
    return opts;
}

/// The create body the fake received for the only sandbox it has.
inline boost::json::value only_create_body(const fake_daytona& fake)
{
    auto all = fake.sandboxes();
    BOOST_REQUIRE_EQUAL(all.size(), 1u);
    return boost::json::parse(all.front().create_body);
}

/// Polls `condition` every 10 ms until it holds or `limit` passes (for effects the server applies on its
/// own thread after answering); returns whether it held.
inline task<bool> eventually(std::function<bool()> condition, std::chrono::milliseconds limit = 5s)
{
    boost::asio::steady_timer pause(co_await boost::asio::this_coro::executor);
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!condition())
    {
        if (std::chrono::steady_clock::now() >= deadline)
            co_return false;
        pause.expires_after(10ms);
        co_await pause.async_wait(boost::asio::use_awaitable);
    }
    co_return true;
}

/// \ref eventually for code outside a coroutine (after an io_context has finished, say).
inline bool eventually_here(const std::function<bool()>& condition, std::chrono::milliseconds limit = 5s)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!condition())
    {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

/// How many requests the fake read with this method whose path matches `pattern` (`*` one segment).
inline std::size_t count_requests(const fake_daytona& fake, std::string_view method, std::string_view pattern)
{
    std::size_t n = 0;
    for (const auto& r : fake.requests())
        if (r.method == method && path_matches(pattern, r.path))
            ++n;
    return n;
}

}  // namespace agent_backends::test

#endif
