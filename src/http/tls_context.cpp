// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "http/tls_context.hpp"

#include <agent_backends/error.hpp>

#include <boost/asio/buffer.hpp>

#include <utility>

#include <openssl/err.h>
#include <openssl/ssl.h>

namespace asio = boost::asio;

namespace agent_backends::detail {
namespace {

[[noreturn]] void fail(const std::string& what, const boost::system::error_code& ec)
{
    auto reason = take_openssl_error();
    if (reason.empty())
        reason = ec.message();
    throw error(errc::invalid_argument, "Cannot load the TLS " + what + ": " + reason);
}

}  // namespace

std::string take_openssl_error()
{
    std::string reason;
    while (unsigned long code = ::ERR_get_error())
    {
        if (!reason.empty())
            continue;  // keep the earliest, drain the rest
        char text[256];
        ::ERR_error_string_n(code, text, sizeof text);
        const char* r = ::ERR_reason_error_string(code);
        reason = r ? r : text;
    }
    return reason;
}

std::unique_ptr<asio::ssl::context> make_tls_context(const tls_options& opts)
{
    ::ERR_clear_error();
    auto ctx = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
    ::SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
    boost::system::error_code ec;

    // Asio's error_code overloads return nothing: each step is checked through `ec`.
    auto check = [&](const std::string& what) {
        if (ec)
            fail(what, ec);
    };
    if (opts.verify_peer)
    {
        ctx->set_verify_mode(asio::ssl::verify_peer);
        if (opts.ca_file.empty() && opts.ca_pem.empty())
        {
            ctx->set_default_verify_paths(ec);
            check("system CA store");
        }
        if (!opts.ca_file.empty())
        {
            ctx->load_verify_file(opts.ca_file, ec);
            check("CA file " + opts.ca_file);
        }
        if (!opts.ca_pem.empty())
        {
            ctx->add_certificate_authority(asio::buffer(opts.ca_pem), ec);
            check("CA certificate (ca_pem)");
        }
    }
    else
    {
        ctx->set_verify_mode(asio::ssl::verify_none);
    }

    if (!opts.client_cert_file.empty())
    {
        ctx->use_certificate_chain_file(opts.client_cert_file, ec);
        check("client certificate " + opts.client_cert_file);
    }
    if (!opts.client_key_file.empty())
    {
        ctx->use_private_key_file(opts.client_key_file, asio::ssl::context::pem, ec);
        check("client key " + opts.client_key_file);
    }
    if (!opts.client_cert_pem.empty())
    {
        ctx->use_certificate_chain(asio::buffer(opts.client_cert_pem), ec);
        check("client certificate (client_cert_pem)");
    }
    if (!opts.client_key_pem.empty())
    {
        ctx->use_private_key(asio::buffer(opts.client_key_pem), asio::ssl::context::pem, ec);
        check("client key (client_key_pem)");
    }
    return ctx;
}

}  // namespace agent_backends::detail
