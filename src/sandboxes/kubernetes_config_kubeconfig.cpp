// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// Reading a kubeconfig file the way kubectl does, for one context.
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/kubernetes_config.hpp>

#include "core/base64.hpp"
#include "sandboxes/kubernetes_config_files.hpp"

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace agent_backends {
namespace {

namespace fs = std::filesystem;

/// The file being read, for messages and relative paths.
struct kubeconfig_file
{
    fs::path path;
    fs::path dir;
};

[[noreturn]] void invalid(const kubeconfig_file& f, const std::string& what)
{
    throw error(errc::invalid_argument, "Kubeconfig " + f.path.string() + ": " + what);
}

[[noreturn]] void missing(const kubeconfig_file& f, const std::string& what)
{
    throw error(errc::not_found, "Kubeconfig " + f.path.string() + ": " + what);
}

// A string field of a map; empty when absent or null.
std::string text_of(const YAML::Node& map, const char* key)
{
    if (!map.IsMap())
        return {};
    auto value = map[key];
    if (!value.IsDefined() || value.IsNull())
        return {};
    return value.as<std::string>();
}

bool bool_of(const YAML::Node& map, const char* key)
{
    if (!map.IsMap())
        return false;
    auto value = map[key];
    return value.IsDefined() && !value.IsNull() && value.as<bool>();
}

std::vector<std::string> names_in(const YAML::Node& list)
{
    std::vector<std::string> names;
    if (list.IsSequence())
        for (const auto& entry : list)
            names.push_back(text_of(entry, "name"));
    return names;
}

std::string listed(const std::vector<std::string>& names)
{
    if (names.empty())
        return "none";
    std::string out;
    for (const auto& name : names)
        out += (out.empty() ? "" : ", ") + name;
    return out;
}

// The `inner` map of the entry of `list` named `name` (`contexts[].context`, ...); nothing when absent.
std::optional<YAML::Node> entry_named(const YAML::Node& list, const std::string& name, const char* inner)
{
    if (!list.IsSequence())
        return std::nullopt;
    for (const auto& entry : list)
        if (text_of(entry, "name") == name)
            return entry[inner].IsDefined() ? entry[inner] : YAML::Node(YAML::NodeType::Map);
    return std::nullopt;
}

// A `-data` field: base64 of PEM text (line breaks inside are tolerated).
std::string decoded(const kubeconfig_file& f, const std::string& where, const char* field, std::string text)
{
    std::erase_if(text, [](char c) { return c == '\n' || c == '\r' || c == ' ' || c == '\t'; });
    auto bytes = detail::base64_decode(text);
    if (!bytes || bytes->empty())
        invalid(f, where + ": " + field + " is not base64");
    return *bytes;
}

// A path field, resolved against the kubeconfig's folder; the file must be readable now.
std::string readable_path(const kubeconfig_file& f, const std::string& where, const char* field,
                          const std::string& value)
{
    auto path = detail::resolve_against(f.dir, value);
    if (!detail::is_readable_file(path))
        invalid(f, where + ": " + field + " " + path.string() + " cannot be read");
    return path.string();
}

void read_cluster(const kubeconfig_file& f, const std::string& name, const YAML::Node& cluster,
                  kubernetes_config& out)
{
    std::string where = "cluster '" + name + "'";
    std::string server = text_of(cluster, "server");
    if (server.empty())
        invalid(f, where + " has no server");
    if (server.find("://") == std::string::npos)
        server = "https://" + server;  // kubectl's default scheme
    try
    {
        out.server = http_endpoint::parse(server);
    }
    catch (const error& e)
    {
        invalid(f, where + ": " + e.message());
    }
    // As kubectl: the `-data` field wins over the file.
    if (auto data = text_of(cluster, "certificate-authority-data"); !data.empty())
        out.tls.ca_pem = decoded(f, where, "certificate-authority-data", data);
    else if (auto file = text_of(cluster, "certificate-authority"); !file.empty())
        out.tls.ca_file = readable_path(f, where, "certificate-authority", file);
    out.tls.verify_peer = !bool_of(cluster, "insecure-skip-tls-verify");
    out.tls.server_name = text_of(cluster, "tls-server-name");
}

void refuse_plugins(const kubeconfig_file& f, const std::string& where, const YAML::Node& user)
{
    const char* use_instead =
        "; not supported: put a token (e.g. from `kubectl create token`) or a client "
        "certificate in the kubeconfig";
    if (user.IsMap() && user["exec"].IsDefined() && !user["exec"].IsNull())
        invalid(f, where + " gets its credentials from an exec plugin (command '" +
                       text_of(user["exec"], "command") + "')" + use_instead);
    if (user.IsMap() && user["auth-provider"].IsDefined() && !user["auth-provider"].IsNull())
        invalid(f, where + " gets its credentials from the auth provider '" +
                       text_of(user["auth-provider"], "name") + "'" + use_instead);
}

void read_user(const kubeconfig_file& f, const std::string& name, const YAML::Node& user,
               kubernetes_config& out)
{
    std::string where = "user '" + name + "'";
    refuse_plugins(f, where, user);
    out.token = text_of(user, "token");
    if (auto file = text_of(user, "tokenFile"); !file.empty())
        out.token_file = readable_path(f, where, "tokenFile", file);
    if (auto data = text_of(user, "client-certificate-data"); !data.empty())
        out.tls.client_cert_pem = decoded(f, where, "client-certificate-data", data);
    else if (auto file = text_of(user, "client-certificate"); !file.empty())
        out.tls.client_cert_file = readable_path(f, where, "client-certificate", file);
    if (auto data = text_of(user, "client-key-data"); !data.empty())
        out.tls.client_key_pem = decoded(f, where, "client-key-data", data);
    else if (auto file = text_of(user, "client-key"); !file.empty())
        out.tls.client_key_file = readable_path(f, where, "client-key", file);
    bool has_cert = !out.tls.client_cert_pem.empty() || !out.tls.client_cert_file.empty();
    bool has_key = !out.tls.client_key_pem.empty() || !out.tls.client_key_file.empty();
    if (has_cert != has_key)
        invalid(f,
                where + " has a client " + (has_cert ? "certificate but no key" : "key but no certificate"));
    out.username = text_of(user, "username");
    out.password = text_of(user, "password");
}

kubernetes_config read_context(const kubeconfig_file& f, const YAML::Node& root, std::string context_name)
{
    if (!root.IsNull() && !root.IsMap())
        invalid(f, "not a kubeconfig (the document is not a map)");
    if (context_name.empty())
        context_name = text_of(root, "current-context");
    auto contexts = names_in(root["contexts"]);
    if (context_name.empty())
        missing(f, "no current-context is set; name one of its contexts (" + listed(contexts) + ")");
    auto context = entry_named(root["contexts"], context_name, "context");
    if (!context)
        missing(f, "no context '" + context_name + "' (contexts: " + listed(contexts) + ")");

    kubernetes_config out;
    std::string where = "context '" + context_name + "'";
    std::string cluster_name = text_of(*context, "cluster");
    if (cluster_name.empty())
        invalid(f, where + " names no cluster");
    auto cluster = entry_named(root["clusters"], cluster_name, "cluster");
    if (!cluster)
        missing(f, where + " names the cluster '" + cluster_name +
                       "', which is not defined (clusters: " + listed(names_in(root["clusters"])) + ")");
    read_cluster(f, cluster_name, *cluster, out);

    if (std::string user_name = text_of(*context, "user"); !user_name.empty())
    {
        auto user = entry_named(root["users"], user_name, "user");
        if (!user)
            missing(f, where + " names the user '" + user_name +
                           "', which is not defined (users: " + listed(names_in(root["users"])) + ")");
        read_user(f, user_name, *user, out);
    }
    if (auto ns = text_of(*context, "namespace"); !ns.empty())
        out.namespace_name = ns;
    return out;
}

}  // namespace

kubernetes_config kubernetes_config::from_kubeconfig(const std::filesystem::path& path,
                                                     std::string_view context)
{
    kubeconfig_file f;
    f.path = path.empty() ? detail::default_kubeconfig_path() : path;
    f.dir = f.path.has_parent_path() ? f.path.parent_path() : fs::path(".");
    auto text = detail::read_config_file(f.path);
    if (!text)
    {
        std::error_code ec;
        if (fs::exists(f.path, ec))
            invalid(f, "the file cannot be read");
        throw error(errc::not_found,
                    "No kubeconfig file at " + f.path.string() +
                        (path.empty() ? " (the first file of $KUBECONFIG, else ~/.kube/config)" : ""));
    }
    YAML::Node root;
    try
    {
        root = YAML::Load(*text);
    }
    catch (const YAML::Exception& e)
    {
        invalid(f, std::string("not valid YAML: ") + e.what());
    }
    try
    {
        return read_context(f, root, std::string(context));
    }
    catch (const YAML::Exception& e)
    {
        invalid(f, std::string("unexpected content: ") + e.what());
    }
}

}  // namespace agent_backends
