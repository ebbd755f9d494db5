// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_HTTP_TEST_SUPPORT_HPP
#define AGENT_BACKENDS_TEST_HTTP_TEST_SUPPORT_HPP

#include <agent_backends/http/http_client.hpp>

#include "common/temp_dir.hpp"
#include "http_test_server.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/system/system_error.hpp>

#include <exception>
#include <memory>
#include <string>

namespace agent_backends::test {

/// A server of the given transport (its unix socket in a temp dir) and a client for it.
struct http_pair
{
    http_pair(boost::asio::any_io_executor ex, test_server::transport kind, test_server::handler_type handler,
              http_client_options opts = {}, boost::asio::ssl::context* tls = nullptr)
        : server(ex, kind, std::move(handler), dir.str() + "/http.sock", tls),
          client(ex, server.endpoint(), opts)
    {}

    temp_dir dir;
    test_server server;
    http_client client;
};

/// True when `fn` throws operation_aborted.
template <class F>
bool throws_operation_aborted(F&& fn)
{
    try
    {
        fn();
    }
    catch (const boost::system::system_error& e)
    {
        return e.code() == boost::asio::error::operation_aborted;
    }
    return false;
}

/// Same for an exception already caught.
inline bool is_operation_aborted(std::exception_ptr e)
{
    try
    {
        if (e)
            std::rethrow_exception(e);
    }
    catch (const boost::system::system_error& err)
    {
        return err.code() == boost::asio::error::operation_aborted;
    }
    catch (...)
    {}
    return false;
}

/// A handler that answers every request on the connection with `reply`.
inline test_server::handler_type answer_every_request(std::string reply)
{
    return [reply](server_connection& c) -> task<void> {
        while (co_await c.read_request())
            co_await c.write(reply);
    };
}

inline const char* transport_name(test_server::transport kind)
{
    return kind == test_server::transport::tcp ? "tcp" : "unix";
}

}  // namespace agent_backends::test

#endif
