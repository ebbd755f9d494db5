// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_HTTP_CONNECTOR_HPP
#define AGENT_BACKENDS_SRC_HTTP_CONNECTOR_HPP

#include <agent_backends/http/http_endpoint.hpp>
#include <agent_backends/http/tls_options.hpp>
#include <agent_backends/task.hpp>

#include "http/connection.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ssl/context.hpp>

#include <memory>

namespace agent_backends::detail {

/// Opens connections to one endpoint: resolve, connect, and for TLS the handshake with SNI and
/// certificate and host name verification.
class connector
{
public:
    /// `tls` is used for TLS endpoints only and must outlive the connector.
    connector(boost::asio::any_io_executor ex, http_endpoint endpoint, boost::asio::ssl::context* tls,
              tls_options tls_opts);

    /// A new connection. Throws error(unavailable) naming the endpoint and the reason (for a failed
    /// certificate check, OpenSSL's verification message); system_error(operation_aborted) on cancellation.
    task<std::unique_ptr<connection>> connect() const;

    const http_endpoint& endpoint() const noexcept { return endpoint_; }

private:
    task<tcp_socket> connect_tcp() const;
    task<std::unique_ptr<connection>> connect_tls() const;

    boost::asio::any_io_executor ex_;
    http_endpoint endpoint_;
    boost::asio::ssl::context* tls_;
    tls_options tls_opts_;
};

}  // namespace agent_backends::detail

#endif
