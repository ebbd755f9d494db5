// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/common/tls_test_certificates.hpp"

#include "common/temp_dir.hpp"

#include <cstdlib>

namespace agent_backends::test {
namespace {

bool run(const std::string& command)
{
    return std::system((command + " >/dev/null 2>&1").c_str()) == 0;
}

tls_test_certificates generate(const temp_dir& dir)
{
    tls_test_certificates c;
    if (!run("openssl version"))
    {
        c.why_not = "the openssl command-line tool is not installed";
        return c;
    }
    auto d = dir.str() + "/";
    c.ca_cert = d + "ca.pem";
    c.server_cert = d + "server.pem";
    c.server_key = d + "server.key";
    c.client_cert = d + "client.pem";
    c.client_key = d + "client.key";
    const std::string key = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    dir.write("server.ext", "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    dir.write("client.ext", "extendedKeyUsage=clientAuth\n");
    bool ok = run("openssl req -x509" + key + " -keyout " + d + "ca.key -out " + c.ca_cert +
                  " -days 2 -subj /CN=agent-backends-test-ca") &&
              run("openssl req" + key + " -keyout " + c.server_key + " -out " + d +
                  "server.csr -subj /CN=localhost") &&
              run("openssl x509 -req -in " + d + "server.csr -CA " + c.ca_cert + " -CAkey " + d +
                  "ca.key -CAcreateserial -days 2 -out " + c.server_cert + " -extfile " + d + "server.ext") &&
              run("openssl req" + key + " -keyout " + c.client_key + " -out " + d +
                  "client.csr -subj /CN=client") &&
              run("openssl x509 -req -in " + d + "client.csr -CA " + c.ca_cert + " -CAkey " + d +
                  "ca.key -CAcreateserial -days 2 -out " + c.client_cert + " -extfile " + d + "client.ext");
    if (!ok)
    {
        c.why_not = "openssl failed to generate the test certificates";
        return c;
    }
    c.ca_pem = dir.read("ca.pem");
    c.available = true;
    return c;
}

}  // namespace

const tls_test_certificates& test_certificates()
{
    static const temp_dir dir;
    static const tls_test_certificates certificates = generate(dir);
    return certificates;
}

}  // namespace agent_backends::test
