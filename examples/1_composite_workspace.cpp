// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
//
// An agent's workspace as an agent server would embed it: a local directory as the default backend and an
// in-memory scratch area at /memories/, behind one composite, driven from a coroutine.
//
//   usage: 1_composite_workspace [WORKSPACE_DIR]     (default: ./workspace, created if missing)

#include <agent_backends/composite_backend.hpp>
#include <agent_backends/error.hpp>
#include <agent_backends/local_backend.hpp>
#include <agent_backends/state_backend.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include <exception>
#include <iostream>
#include <memory>

namespace asio = boost::asio;
using namespace agent_backends;

task<void> agent_session(backend& workspace)
{
    // Files land where their path routes them: /memories/ in memory, everything else on disk.
    co_await workspace.write("/src/greet.py", "def greet(name):\n    return 'Hello, ' + name\n");
    co_await workspace.write("/memories/plan.md", "1. write greet\n2. rename greet to welcome\n");

    std::cout << "--- read /src/greet.py\n" << co_await workspace.read("/src/greet.py") << "\n";

    auto edited = co_await workspace.edit("/src/greet.py", {.old_string = "def greet", .new_string = "def welcome"});
    std::cout << "--- edited " << edited.path << " (" << edited.occurrences << " occurrence)\n";

    std::cout << "--- glob **/*.{py,md}\n";
    for (const auto& f : co_await workspace.glob("**/*.{py,md}"))
        std::cout << f.path << " (" << f.size.value_or(0) << " bytes)\n";

    std::cout << "--- grep welcome|greet\n";
    for (const auto& m : co_await workspace.grep({.pattern = "welcome|greet"}))
        std::cout << m.path << ":" << m.line_number << ": " << m.line << "\n";

    std::cout << "--- ls /\n";
    for (const auto& e : co_await workspace.ls("/"))
        std::cout << e.name << (e.is_dir ? "/" : "") << "\n";

    try
    {
        co_await workspace.read("/memories/missing.md");
    }
    catch (const error& e)  // errors carry a message written for the model
    {
        std::cout << "--- expected error: " << e.what() << "\n";
    }
}

int main(int argc, char** argv)
{
    asio::io_context io;             // the agent server's event loop
    asio::thread_pool blocking(2);   // disk work runs here, never on `io`

    auto disk = std::make_shared<local_backend>(
        blocking.get_executor(), local_backend_options{.root = argc > 1 ? argv[1] : "workspace"});
    composite_backend workspace(disk, {{"/memories/", std::make_shared<state_backend>()}});

    std::exception_ptr failure;
    asio::co_spawn(io, agent_session(workspace), [&](std::exception_ptr e) { failure = e; });
    io.run();
    if (failure)
    {
        try
        {
            std::rethrow_exception(failure);
        }
        catch (const std::exception& e)
        {
            std::cerr << "error: " << e.what() << "\n";
            return 1;
        }
    }
    std::cout << "workspace root: " << disk->root() << "\n";
}
