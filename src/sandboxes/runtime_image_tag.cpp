// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/runtime_image_tag.hpp"

#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/runtime_config.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstdio>
#include <string>

#include <openssl/evp.h>

namespace agent_backends {
namespace detail {
namespace {

const char* manager_name(package_manager m) noexcept
{
    switch (m)
    {
        case package_manager::pip:
            return "pip";
        case package_manager::npm:
            return "npm";
        case package_manager::apt:
            return "apt";
        case package_manager::cargo:
            return "cargo";
    }
    return "pip";
}

boost::json::value optional_string(const std::string& s)
{
    return s.empty() ? boost::json::value(nullptr) : boost::json::value(s);
}

boost::json::array string_array(const std::vector<std::string>& items)
{
    boost::json::array out;
    for (const auto& item : items)
        out.emplace_back(item);
    return out;
}

std::string md5_hex(std::string_view data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_md5(), nullptr) != 1 || size == 0)
        throw error(errc::unavailable,
                    "MD5 is not available from OpenSSL here; cannot name the runtime image");
    std::string hex;
    for (unsigned int i = 0; i < size; ++i)
    {
        char buf[3];
        std::snprintf(buf, sizeof buf, "%02x", digest[i]);
        hex += buf;
    }
    return hex;
}

// A tag holds [A-Za-z0-9_.-], at most 128 characters, and does not start with '.' or '-'.
std::string tag_safe(std::string_view name)
{
    std::string out;
    for (char c : name)
    {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        c == '_' || c == '.' || c == '-';
        out += ok ? c : '-';
    }
    if (out.empty() || out.front() == '.' || out.front() == '-')
        out.insert(0, "r");
    constexpr std::size_t max_name = 128 - 13;  // room for "-" and 12 hex digits
    if (out.size() > max_name)
        out.resize(max_name);
    return out;
}

}  // namespace

std::string runtime_canonical_json(const runtime_config& runtime)
{
    // boost::json::object keeps insertion order: the keys go in sorted.
    boost::json::object env;
    for (const auto& [key, value] : runtime.env_vars)
        env[key] = value;
    boost::json::object o;
    o["base_image"] = optional_string(runtime.base_image);
    o["cache_image"] = runtime.cache_image;
    o["description"] = runtime.description;
    o["env_vars"] = std::move(env);
    o["image"] = optional_string(runtime.image);
    o["name"] = runtime.name;
    o["package_manager"] = manager_name(runtime.manager);
    o["packages"] = string_array(runtime.packages);
    o["setup_commands"] = string_array(runtime.setup_commands);
    o["work_dir"] = runtime.work_dir;
    return boost::json::serialize(o);
}

}  // namespace detail

std::string runtime_image_tag(const runtime_config& runtime)
{
    auto digest = detail::md5_hex(detail::runtime_canonical_json(runtime));
    return std::string(detail::runtime_image_repository) + ":" + detail::tag_safe(runtime.name) + "-" +
           digest.substr(0, 12);
}

}  // namespace agent_backends
