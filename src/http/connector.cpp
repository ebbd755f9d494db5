// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "http/connector.hpp"

#include <agent_backends/error.hpp>

#include "http/tls_context.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/un.h>

namespace asio = boost::asio;

namespace agent_backends::detail {
namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// Cancellation is not a connection failure: it propagates as operation_aborted.
void throw_if_aborted(const boost::system::error_code& ec)
{
    if (ec == asio::error::operation_aborted)
        throw boost::system::system_error(ec);
}

[[noreturn]] void cannot_connect(const http_endpoint& ep, const std::string& reason,
                                 std::string_view hint =
                                     "Check that the service is running and the "
                                     "address is right.")
{
    throw error(errc::unavailable,
                "Cannot connect to " + ep.url() + ": " + reason + ". " + std::string(hint));
}

bool is_ip_literal(const std::string& host)
{
    boost::system::error_code ec;
    asio::ip::make_address(host, ec);
    return !ec;
}

}  // namespace

connector::connector(asio::any_io_executor ex, http_endpoint endpoint, asio::ssl::context* tls,
                     tls_options tls_opts)
    : ex_(std::move(ex)), endpoint_(std::move(endpoint)), tls_(tls), tls_opts_(std::move(tls_opts))
{}

task<std::unique_ptr<connection>> connector::connect() const
{
    switch (endpoint_.transport)
    {
        case http_transport::unix_socket: {
            if (endpoint_.socket_path.size() >= sizeof(sockaddr_un::sun_path))
                cannot_connect(endpoint_, "the socket path is longer than the system allows");
            unix_socket socket(ex_);
            auto [ec] =
                co_await socket.async_connect(unix_socket::endpoint_type(endpoint_.socket_path), use_tuple);
            throw_if_aborted(ec);
            if (ec)
                cannot_connect(endpoint_, ec.message());
            co_return make_connection(std::move(socket));
        }
        case http_transport::tcp:
            co_return make_connection(co_await connect_tcp());
        case http_transport::tls:
            co_return co_await connect_tls();
    }
    cannot_connect(endpoint_, "unknown transport");
}

task<tcp_socket> connector::connect_tcp() const
{
    using tcp = asio::ip::tcp;
    tcp_socket socket(ex_);
    boost::system::error_code ec;
    auto address = asio::ip::make_address(endpoint_.host, ec);
    if (!ec)
    {
        std::tie(ec) = co_await socket.async_connect(tcp::endpoint(address, endpoint_.port), use_tuple);
    }
    else
    {
        tcp::resolver resolver(ex_);
        auto [resolve_ec, results] =
            co_await resolver.async_resolve(endpoint_.host, std::to_string(endpoint_.port), use_tuple);
        throw_if_aborted(resolve_ec);
        if (resolve_ec)
            cannot_connect(endpoint_, "cannot resolve " + endpoint_.host + ": " + resolve_ec.message());
        std::tie(ec, std::ignore) = co_await asio::async_connect(socket, results, use_tuple);
    }
    throw_if_aborted(ec);
    if (ec)
        cannot_connect(endpoint_, ec.message());
    socket.set_option(tcp::no_delay(true), ec);  // requests are written whole; don't wait for ACKs
    co_return socket;
}

task<std::unique_ptr<connection>> connector::connect_tls() const
{
    auto stream = std::make_unique<tls_stream>(co_await connect_tcp(), *tls_);
    SSL* ssl = stream->native_handle();
    const std::string& name = tls_opts_.server_name.empty() ? endpoint_.host : tls_opts_.server_name;
    bool ip = is_ip_literal(name);
    if (!ip)
        ::SSL_set_tlsext_host_name(ssl, name.c_str());  // SNI carries names only
    if (tls_opts_.verify_peer)
    {
        if (ip)
            ::X509_VERIFY_PARAM_set1_ip_asc(::SSL_get0_param(ssl), name.c_str());
        else
            ::SSL_set1_host(ssl, name.c_str());
    }

    ::ERR_clear_error();
    auto [ec] = co_await stream->async_handshake(asio::ssl::stream_base::client, use_tuple);
    throw_if_aborted(ec);
    if (ec)
    {
        long verify = ::SSL_get_verify_result(ssl);
        auto openssl_reason = take_openssl_error();
        if (tls_opts_.verify_peer && verify != X509_V_OK)
            cannot_connect(endpoint_,
                           std::string("TLS certificate verification failed: ") +
                               ::X509_verify_cert_error_string(verify),
                           "Trust the server's CA (tls_options ca_file or ca_pem) or turn verify_peer off.");
        cannot_connect(endpoint_,
                       "TLS handshake failed: " + (openssl_reason.empty() ? ec.message() : openssl_reason));
    }
    co_return make_connection(std::move(stream));
}

}  // namespace agent_backends::detail
