// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_COMMON_TLS_TEST_CERTIFICATES_HPP
#define AGENT_BACKENDS_TEST_FAKES_COMMON_TLS_TEST_CERTIFICATES_HPP

#include <string>

namespace agent_backends::test {

/// A throw-away CA, a server certificate it signed for `localhost` and `127.0.0.1`, and a client
/// certificate it signed, made with the openssl command-line tool (once per process).
struct tls_test_certificates
{
    bool available{false};  ///< False when the tool is missing or failed; `why_not` says why.
    std::string why_not;
    std::string ca_cert, server_cert, server_key, client_cert, client_key;  ///< PEM file paths.
    std::string ca_pem;                                                     ///< The CA certificate's text.
};

const tls_test_certificates& test_certificates();

}  // namespace agent_backends::test

#endif
