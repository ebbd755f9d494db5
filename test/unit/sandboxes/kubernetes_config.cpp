// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/kubernetes_config.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "common/temp_dir.hpp"
#include "core/base64.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <optional>
#include <string>

#include <stdlib.h>

using namespace agent_backends;
using namespace agent_backends::test;
namespace fs = std::filesystem;

namespace {

const std::string ca_pem = "-----BEGIN CERTIFICATE-----\nMIIBfake-ca\n-----END CERTIFICATE-----\n";
const std::string cert_pem = "-----BEGIN CERTIFICATE-----\nMIIBfake-client\n-----END CERTIFICATE-----\n";
const std::string key_pem = "-----BEGIN PRIVATE KEY-----\nMIIEfake-key\n-----END PRIVATE KEY-----\n";

// Sets (or with nullptr unsets) an environment variable for the scope, then restores it.
class scoped_env
{
public:
    scoped_env(const char* name, const char* value) : name_(name)
    {
        if (const char* old = std::getenv(name))
            old_ = old;
        if (value)
            ::setenv(name, value, 1);
        else
            ::unsetenv(name);
    }
    ~scoped_env()
    {
        if (old_)
            ::setenv(name_, old_->c_str(), 1);
        else
            ::unsetenv(name_);
    }
    scoped_env(const scoped_env&) = delete;
    scoped_env& operator=(const scoped_env&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

// A kubeconfig with two contexts: `dev` (current; token, relative CA file, namespace) and `prod` (data
// fields, client certificate, insecure).
std::string two_contexts()
{
    return "apiVersion: v1\n"
           "kind: Config\n"
           "current-context: dev\n"
           "clusters:\n"
           "- name: dev-cluster\n"
           "  cluster:\n"
           "    server: https://10.0.0.1:6443\n"
           "    certificate-authority: certs/ca.crt\n"
           "    tls-server-name: api.dev.internal\n"
           "- name: prod-cluster\n"
           "  cluster:\n"
           "    server: https://prod.example.com/k8s\n"
           "    certificate-authority-data: " +
           detail::base64_encode(ca_pem) +
           "\n"
           "    insecure-skip-tls-verify: true\n"
           "contexts:\n"
           "- name: dev\n"
           "  context:\n"
           "    cluster: dev-cluster\n"
           "    user: dev-user\n"
           "    namespace: agents\n"
           "- name: prod\n"
           "  context:\n"
           "    cluster: prod-cluster\n"
           "    user: prod-user\n"
           "users:\n"
           "- name: dev-user\n"
           "  user:\n"
           "    token: dev-token\n"
           "- name: prod-user\n"
           "  user:\n"
           "    client-certificate-data: " +
           detail::base64_encode(cert_pem) +
           "\n"
           "    client-key-data: " +
           detail::base64_encode(key_pem) + "\n";
}

// A kubeconfig whose only context uses `cluster` and `user` (YAML maps, indented by 4).
std::string single(const std::string& cluster, const std::string& user = "    token: t\n",
                   const std::string& context_extra = "")
{
    return "current-context: only\n"
           "clusters:\n"
           "- name: c\n"
           "  cluster:\n" +
           cluster +
           "contexts:\n"
           "- name: only\n"
           "  context:\n"
           "    cluster: c\n"
           "    user: u\n" +
           context_extra +
           "users:\n"
           "- name: u\n"
           "  user:\n" +
           user;
}

const std::string plain_cluster = "    server: https://k8s.example.com:6443\n";

// Writes `content` as `config` in a fresh folder (with certs/ca.crt beside it) and reads it.
struct kubeconfig_dir
{
    explicit kubeconfig_dir(const std::string& content)
    {
        dir.write("config", content);
        dir.write("certs/ca.crt", ca_pem);
    }
    fs::path file() const { return dir.path() / "config"; }
    kubernetes_config load(std::string_view context = {}) const
    {
        return kubernetes_config::from_kubeconfig(file(), context);
    }

    temp_dir dir;
};

// The error reading `content` fails with, after checking its code.
std::string rejection(const std::string& content, errc expected, std::string_view context = {})
{
    kubeconfig_dir k(content);
    auto f = failure_of([&] { k.load(context); });
    BOOST_TEST(f.code == expected, f.message);
    return f.message;
}

bool contains(const std::string& text, std::string_view part)
{
    return text.find(part) != std::string::npos;
}

// `kubectl config view --minify --raw -o json` for a file and context, or nothing when kubectl is missing.
std::optional<boost::json::value> kubectl_view(const fs::path& file, const std::string& context)
{
    std::string command = "kubectl config view --kubeconfig '" + file.string() + "' --minify --raw -o json";
    if (!context.empty())
        command += " --context '" + context + "'";
    command += " 2>/dev/null";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        return std::nullopt;
    std::string out;
    char buffer[4096];
    while (auto n = std::fread(buffer, 1, sizeof buffer, pipe))
        out.append(buffer, n);
    int status = ::pclose(pipe);
    if (status != 0 || out.empty())
        return std::nullopt;
    return boost::json::parse(out);
}

std::string json_text(const boost::json::value& v, std::initializer_list<std::string_view> path)
{
    const boost::json::value* at = &v;
    for (auto key : path)
    {
        if (at->is_array())
            at = &at->as_array().at(0);
        const auto* object = at->if_object();
        if (!object || !object->contains(key))
            return {};
        at = &object->at(key);
    }
    if (at->is_bool())
        return at->as_bool() ? "true" : "false";
    return at->is_string() ? std::string(at->as_string()) : std::string();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kubernetes_config_tests)

BOOST_AUTO_TEST_CASE(current_context_gives_server_ca_file_token_and_namespace)
{
    kubeconfig_dir k(two_contexts());
    auto c = k.load();
    BOOST_TEST(c.server.url() == "https://10.0.0.1:6443");
    BOOST_TEST(c.tls.ca_file == (k.dir.path() / "certs/ca.crt").string());  // relative to the kubeconfig
    BOOST_TEST(c.tls.ca_pem.empty());
    BOOST_TEST(c.tls.verify_peer);
    BOOST_TEST(c.tls.server_name == "api.dev.internal");
    BOOST_TEST(c.token == "dev-token");
    BOOST_TEST(c.token_file.empty());
    BOOST_TEST(c.namespace_name == "agents");
}

BOOST_AUTO_TEST_CASE(a_named_context_wins_over_current_context)
{
    kubeconfig_dir k(two_contexts());
    auto c = k.load("prod");
    BOOST_TEST(c.server.url() == "https://prod.example.com:443/k8s");
    BOOST_TEST(c.server.base_path == "/k8s");
    BOOST_TEST(c.tls.ca_pem == ca_pem);
    BOOST_TEST(c.tls.ca_file.empty());
    BOOST_TEST(!c.tls.verify_peer);  // insecure-skip-tls-verify
    BOOST_TEST(c.tls.client_cert_pem == cert_pem);
    BOOST_TEST(c.tls.client_key_pem == key_pem);
    BOOST_TEST(c.token.empty());
    BOOST_TEST(c.namespace_name == "default");
}

BOOST_AUTO_TEST_CASE(data_fields_win_over_file_fields)
{
    kubeconfig_dir k(single(plain_cluster +
                            "    certificate-authority: certs/ca.crt\n"
                            "    certificate-authority-data: " +
                            detail::base64_encode(ca_pem) + "\n"));
    auto c = k.load();
    BOOST_TEST(c.tls.ca_pem == ca_pem);
    BOOST_TEST(c.tls.ca_file.empty());
}

BOOST_AUTO_TEST_CASE(client_certificate_files_and_token_file_resolve_against_the_kubeconfig)
{
    kubeconfig_dir k(single(plain_cluster,
                            "    client-certificate: tls/client.crt\n"
                            "    client-key: tls/client.key\n"
                            "    tokenFile: token\n"));
    k.dir.write("tls/client.crt", cert_pem);
    k.dir.write("tls/client.key", key_pem);
    k.dir.write("token", "rotating-token\n");
    auto c = k.load();
    BOOST_TEST(c.tls.client_cert_file == (k.dir.path() / "tls/client.crt").string());
    BOOST_TEST(c.tls.client_key_file == (k.dir.path() / "tls/client.key").string());
    BOOST_TEST(c.token_file == k.dir.path() / "token");
    BOOST_TEST(c.tls.client_cert_pem.empty());
}

BOOST_AUTO_TEST_CASE(absolute_paths_stay_as_written)
{
    temp_dir elsewhere;
    elsewhere.write("ca.pem", ca_pem);
    kubeconfig_dir k(single(plain_cluster + "    certificate-authority: " + elsewhere.str() + "/ca.pem\n"));
    BOOST_TEST(k.load().tls.ca_file == elsewhere.str() + "/ca.pem");
}

BOOST_AUTO_TEST_CASE(basic_authentication_is_kept)
{
    kubeconfig_dir k(single(plain_cluster, "    username: admin\n    password: s3cret\n"));
    auto c = k.load();
    BOOST_TEST(c.username == "admin");
    BOOST_TEST(c.password == "s3cret");
    BOOST_TEST(c.token.empty());
}

BOOST_AUTO_TEST_CASE(server_forms_plain_http_ipv6_and_without_scheme)
{
    BOOST_TEST(kubeconfig_dir(single("    server: http://127.0.0.1:8001\n")).load().server.url() ==
               "http://127.0.0.1:8001");
    auto v6 = kubeconfig_dir(single("    server: https://[fd00::1]:6443\n")).load();
    BOOST_TEST(v6.server.host == "fd00::1");
    BOOST_TEST(v6.server.port == 6443);
    BOOST_TEST(kubeconfig_dir(single("    server: k8s.local:6443\n")).load().server.url() ==
               "https://k8s.local:6443");
}

BOOST_AUTO_TEST_CASE(a_context_without_user_has_no_credentials)
{
    kubeconfig_dir k(
        "current-context: anon\n"
        "clusters: [{name: c, cluster: {server: 'https://1.2.3.4'}}]\n"
        "contexts: [{name: anon, context: {cluster: c, namespace: sandbox}}]\n");
    auto c = k.load();
    BOOST_TEST(c.server.url() == "https://1.2.3.4:443");
    BOOST_TEST(c.token.empty());
    BOOST_TEST(c.username.empty());
    BOOST_TEST(c.namespace_name == "sandbox");
}

BOOST_AUTO_TEST_CASE(kubeconfig_variable_names_the_file_and_its_first_entry_counts)
{
    kubeconfig_dir first(two_contexts());
    kubeconfig_dir second(single("    server: https://second.example.com\n"));
    std::string list = ":" + first.file().string() + ":" + second.file().string();
    scoped_env kubeconfig("KUBECONFIG", list.c_str());
    BOOST_TEST(kubernetes_config::from_kubeconfig().server.url() == "https://10.0.0.1:6443");
    BOOST_TEST(kubernetes_config::from_kubeconfig({}, "prod").server.host == "prod.example.com");
}

BOOST_AUTO_TEST_CASE(without_kubeconfig_variable_the_home_kube_config_is_read)
{
    temp_dir home;
    home.write(".kube/config", single("    server: https://home.example.com\n"));
    scoped_env kubeconfig("KUBECONFIG", nullptr);
    scoped_env home_var("HOME", home.str().c_str());
    BOOST_TEST(kubernetes_config::from_kubeconfig().server.host == "home.example.com");
    fs::remove(home.path() / ".kube/config");
    std::string message;
    BOOST_TEST(error_of([] { kubernetes_config::from_kubeconfig(); }, message) == errc::not_found);
    BOOST_TEST(message == "No kubeconfig file at " + home.str() +
                              "/.kube/config (the first file of $KUBECONFIG, else ~/.kube/config)");
}

BOOST_AUTO_TEST_CASE(a_missing_or_unparsable_file_is_refused_with_its_name)
{
    temp_dir dir;
    std::string message;
    BOOST_TEST(error_of([&] { kubernetes_config::from_kubeconfig(dir.path() / "absent"); }, message) ==
               errc::not_found);
    BOOST_TEST(message == "No kubeconfig file at " + dir.str() + "/absent");

    message = rejection("clusters: [unclosed\n", errc::invalid_argument);
    BOOST_TEST(contains(message, "/config: not valid YAML: "), message);
    message = rejection("- just\n- a list\n", errc::invalid_argument);
    BOOST_TEST(contains(message, "not a kubeconfig"), message);
    message = rejection(
        "current-context: only\nclusters: {c: 1}\ncontexts: [{name: only, context: "
        "{cluster: c}}]\n",
        errc::not_found);
    BOOST_TEST(contains(message, "names the cluster 'c', which is not defined (clusters: none)"), message);
}

BOOST_AUTO_TEST_CASE(context_cluster_and_user_must_exist)
{
    auto message = rejection(two_contexts(), errc::not_found, "staging");
    BOOST_TEST(contains(message, ": no context 'staging' (contexts: dev, prod)"), message);

    std::string no_current = two_contexts();
    no_current.replace(no_current.find("current-context: dev"), 20, "current-context: \"\"");
    message = rejection(no_current, errc::not_found);
    BOOST_TEST(contains(message, "no current-context is set; name one of its contexts (dev, prod)"), message);

    std::string wrong_cluster = two_contexts();
    wrong_cluster.replace(wrong_cluster.find("cluster: dev-cluster"), 20, "cluster: gone-cluster");
    message = rejection(wrong_cluster, errc::not_found);
    BOOST_TEST(contains(message,
                        "context 'dev' names the cluster 'gone-cluster', which is not defined "
                        "(clusters: dev-cluster, prod-cluster)"),
               message);

    std::string wrong_user = two_contexts();
    wrong_user.replace(wrong_user.find("user: dev-user"), 14, "user: nobody");
    message = rejection(wrong_user, errc::not_found);
    BOOST_TEST(contains(message, "context 'dev' names the user 'nobody', which is not defined"), message);

    message =
        rejection("current-context: x\ncontexts: [{name: x, context: {user: u}}]\n", errc::invalid_argument);
    BOOST_TEST(contains(message, "context 'x' names no cluster"), message);
}

BOOST_AUTO_TEST_CASE(malformed_fields_are_invalid_arguments_naming_the_field)
{
    auto message = rejection(single("    insecure-skip-tls-verify: true\n"), errc::invalid_argument);
    BOOST_TEST(contains(message, "cluster 'c' has no server"), message);
    message = rejection(single("    server: ftp://example.com\n"), errc::invalid_argument);
    BOOST_TEST(contains(message, "cluster 'c': "), message);
    message = rejection(single(plain_cluster + "    certificate-authority-data: '%%% not base64'\n"),
                        errc::invalid_argument);
    BOOST_TEST(contains(message, "cluster 'c': certificate-authority-data is not base64"), message);
    message = rejection(single(plain_cluster + "    certificate-authority: missing/ca.crt\n"),
                        errc::invalid_argument);
    BOOST_TEST(contains(message, "certificate-authority "), message);
    BOOST_TEST(contains(message, "/missing/ca.crt cannot be read"), message);
    message = rejection(single(plain_cluster, "    tokenFile: /nonexistent/token\n"), errc::invalid_argument);
    BOOST_TEST(contains(message, "user 'u': tokenFile /nonexistent/token cannot be read"), message);
    message = rejection(
        single(plain_cluster, "    client-certificate-data: " + detail::base64_encode(cert_pem) + "\n"),
        errc::invalid_argument);
    BOOST_TEST(contains(message, "user 'u' has a client certificate but no key"), message);
    message = rejection(single("    server: [not, a, string]\n"), errc::invalid_argument);
    BOOST_TEST(contains(message, "unexpected content"), message);
}

BOOST_AUTO_TEST_CASE(credential_plugins_are_refused)
{
    auto message = rejection(single(plain_cluster,
                                    "    exec:\n"
                                    "      apiVersion: client.authentication.k8s.io/v1beta1\n"
                                    "      command: aws\n"
                                    "      args: [eks, get-token]\n"),
                             errc::invalid_argument);
    BOOST_TEST(contains(message,
                        "user 'u' gets its credentials from an exec plugin (command 'aws'); not "
                        "supported: put a token"),
               message);
    message =
        rejection(single(plain_cluster, "    auth-provider:\n      name: gcp\n"), errc::invalid_argument);
    BOOST_TEST(contains(message, "user 'u' gets its credentials from the auth provider 'gcp'"), message);
}

BOOST_AUTO_TEST_CASE(in_cluster_reads_the_service_account_and_the_service_variables)
{
    temp_dir account;
    account.write("token", "pod-token");
    account.write("ca.crt", ca_pem);
    account.write("namespace", "agents\n");
    {
        scoped_env host("KUBERNETES_SERVICE_HOST", "10.96.0.1");
        scoped_env port("KUBERNETES_SERVICE_PORT", "443");
        auto c = kubernetes_config::in_cluster(account.path());
        BOOST_TEST(c.server.url() == "https://10.96.0.1:443");
        BOOST_TEST(c.token_file == account.path() / "token");
        BOOST_TEST(c.tls.ca_file == account.str() + "/ca.crt");
        BOOST_TEST(c.tls.verify_peer);
        BOOST_TEST(c.namespace_name == "agents");
    }
    {
        scoped_env host("KUBERNETES_SERVICE_HOST", "fd00:10:96::1");
        scoped_env port("KUBERNETES_SERVICE_PORT", "6443");
        auto c = kubernetes_config::in_cluster(account.path());
        BOOST_TEST(c.server.host == "fd00:10:96::1");
        BOOST_TEST(c.server.url() == "https://[fd00:10:96::1]:6443");
        fs::remove(account.path() / "namespace");
        BOOST_TEST(kubernetes_config::in_cluster(account.path()).namespace_name == "default");
        fs::remove(account.path() / "token");
        std::string message;
        BOOST_TEST(error_of([&] { kubernetes_config::in_cluster(account.path()); }, message) ==
                   errc::not_found);
        BOOST_TEST(contains(message, "no readable token at " + account.str() + "/token"), message);
    }
    scoped_env host("KUBERNETES_SERVICE_HOST", nullptr);
    std::string message;
    BOOST_TEST(error_of([&] { kubernetes_config::in_cluster(account.path()); }, message) == errc::not_found);
    BOOST_TEST(contains(message, "Not running in a Kubernetes pod"), message);
}

BOOST_AUTO_TEST_CASE(from_environment_outside_a_pod_reads_the_kubeconfig)
{
    if (fs::exists("/var/run/secrets/kubernetes.io/serviceaccount/token"))
    {
        BOOST_TEST_MESSAGE("skipped: this process runs in a Kubernetes pod");
        return;
    }
    kubeconfig_dir k(two_contexts());
    scoped_env kubeconfig("KUBECONFIG", k.file().c_str());
    scoped_env host("KUBERNETES_SERVICE_HOST", "10.96.0.1");  // set, but no service account token here
    scoped_env port("KUBERNETES_SERVICE_PORT", "443");
    BOOST_TEST(kubernetes_config::from_environment().token == "dev-token");
}

BOOST_AUTO_TEST_CASE(agrees_with_kubectl_config_view)
{
    kubeconfig_dir k(two_contexts());
    for (std::string context : {"", "prod"})
    {
        BOOST_TEST_CONTEXT("context '" << context << "'")
        {
            auto view = kubectl_view(k.file(), context);
            if (!view)
            {
                BOOST_TEST_MESSAGE("skipped: kubectl is not available");
                return;
            }
            auto ours = k.load(context);
            auto server = json_text(*view, {"clusters", "cluster", "server"});
            BOOST_TEST((http_endpoint::parse(server) == ours.server), server);
            BOOST_TEST(json_text(*view, {"clusters", "cluster", "tls-server-name"}) == ours.tls.server_name);
            BOOST_TEST((json_text(*view, {"clusters", "cluster", "insecure-skip-tls-verify"}) == "true") ==
                       !ours.tls.verify_peer);
            auto ca_file = json_text(*view, {"clusters", "cluster", "certificate-authority"});
            BOOST_TEST((ca_file.empty() ? "" : (k.dir.path() / ca_file).string()) == ours.tls.ca_file);
            auto ca_data = json_text(*view, {"clusters", "cluster", "certificate-authority-data"});
            BOOST_TEST(detail::base64_decode(ca_data).value_or("") == ours.tls.ca_pem);
            BOOST_TEST(json_text(*view, {"users", "user", "token"}) == ours.token);
            auto cert_data = json_text(*view, {"users", "user", "client-certificate-data"});
            BOOST_TEST(detail::base64_decode(cert_data).value_or("") == ours.tls.client_cert_pem);
            auto ns = json_text(*view, {"contexts", "context", "namespace"});
            BOOST_TEST((ns.empty() ? "default" : ns) == ours.namespace_name);
        }
    }
    BOOST_TEST(!kubectl_view(k.file(), "staging"));  // kubectl refuses an unknown context as we do
}

BOOST_AUTO_TEST_SUITE_END()
