// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_HTTP_TLS_CONTEXT_HPP
#define AGENT_BACKENDS_SRC_HTTP_TLS_CONTEXT_HPP

#include <agent_backends/http/tls_options.hpp>

#include <boost/asio/ssl/context.hpp>

#include <memory>
#include <string>

namespace agent_backends::detail {

/// A client TLS context per the options: TLS 1.2 or later, trust store, client certificate.
/// Throws error(invalid_argument) naming what cannot be loaded.
std::unique_ptr<boost::asio::ssl::context> make_tls_context(const tls_options& opts);

/// The reason OpenSSL gave for the last failure on this thread ("" when none), emptying its queue.
std::string take_openssl_error();

}  // namespace agent_backends::detail

#endif
