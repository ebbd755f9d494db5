// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/state_backend.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <iostream>

int main()
{
    boost::asio::io_context io;
    agent_backends::state_backend files;
    boost::asio::co_spawn(
        io,
        [&]() -> agent_backends::task<void> {
            co_await files.write("/hello.txt", "installed");
            std::cout << co_await files.read_bytes("/hello.txt") << "\n";
        },
        boost::asio::detached);
    io.run();
}
