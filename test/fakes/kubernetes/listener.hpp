// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_KUBERNETES_LISTENER_HPP
#define AGENT_BACKENDS_TEST_FAKES_KUBERNETES_LISTENER_HPP

#include "fakes/kubernetes/server_context.hpp"

#include <boost/asio/ssl/context.hpp>

#include <memory>
#include <string>

namespace agent_backends::test::kubernetes_fake {

/// Binds 127.0.0.1 on a free port and starts accepting on the context's executor; every connection (after
/// a TLS handshake when `tls` is given, which must outlive the server) is served until it ends or the server
/// stops. Returns the server's URL. Throws `boost::system::system_error` when the port cannot be bound.
std::string start_listening(const std::shared_ptr<server_context>& ctx, boost::asio::ssl::context* tls);

}  // namespace agent_backends::test::kubernetes_fake

#endif
