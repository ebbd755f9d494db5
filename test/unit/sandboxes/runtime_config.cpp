// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/runtime_config.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "sandboxes/runtime_image_tag.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace agent_backends;
using agent_backends::test::failure_of;

namespace {

runtime_config buildable(std::string name = "demo")
{
    return {.name = std::move(name), .base_image = "python:3.12-slim"};
}

// The message validate_runtime gives, after checking it is an invalid_argument.
std::string rejection(const runtime_config& runtime)
{
    auto f = failure_of([&] { validate_runtime(runtime); });
    BOOST_TEST(f.code == errc::invalid_argument);
    return f.message;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(runtime_config_tests)

BOOST_AUTO_TEST_CASE(builtins_are_the_five_presets)
{
    std::vector<std::string> names;
    for (const auto& r : builtin_runtimes())
    {
        names.push_back(r.name);
        BOOST_TEST(r.env_vars.empty());
        BOOST_TEST(!r.description.empty());
        BOOST_TEST(r.image.empty() != r.base_image.empty());
        BOOST_CHECK_NO_THROW(validate_runtime(r));
    }
    std::sort(names.begin(), names.end());
    BOOST_TEST((names == std::vector<std::string>{"node-minimal", "node-react", "python-datascience",
                                                  "python-minimal", "python-web"}));
}

BOOST_AUTO_TEST_CASE(get_runtime_returns_the_preset)
{
    auto minimal = get_runtime("python-minimal");
    BOOST_TEST(minimal.image == "python:3.12-slim");
    BOOST_TEST(minimal.work_dir == "/workspace");
    auto react = get_runtime("node-react");
    BOOST_TEST(react.base_image == "node:20-slim");
    BOOST_TEST((react.manager == package_manager::npm));
    BOOST_TEST(react.work_dir == "/app");
    BOOST_TEST(get_runtime("node-minimal").work_dir == "/app");
    BOOST_TEST((get_runtime("python-web").packages ==
                std::vector<std::string>{"fastapi", "uvicorn", "sqlalchemy", "httpx"}));
}

BOOST_AUTO_TEST_CASE(get_runtime_fails_not_found_listing_sorted_names)
{
    auto f = failure_of([] { get_runtime("cobol"); });
    BOOST_TEST(f.code == errc::not_found);
    BOOST_TEST(f.message ==
               "Unknown runtime 'cobol'. Available: node-minimal, node-react, python-datascience, "
               "python-minimal, python-web");
}

BOOST_AUTO_TEST_CASE(validation_accepts_package_specifiers_and_scopes)
{
    auto r = buildable();
    r.packages = {"numpy>=1.26", "@types/react", "requests[socks]", "a~=1.0", "pkg!=2", "x_y.z+local"};
    r.env_vars = {{"_PRIVATE", "a b"}, {"PATH2", ""}};
    r.work_dir = "/home/user/my project";
    BOOST_CHECK_NO_THROW(validate_runtime(r));
}

BOOST_AUTO_TEST_CASE(validation_rejects_bad_package_names_with_their_repr)
{
    auto r = buildable();
    r.packages = {"ok", "bad name"};
    BOOST_TEST(rejection(r) == "Invalid package name: 'bad name'");
    r.packages = {""};
    BOOST_TEST(rejection(r) == "Invalid package name: ''");
    r.packages = {"x;rm -rf /"};
    BOOST_TEST(rejection(r) == "Invalid package name: 'x;rm -rf /'");
    r.packages = {"-e"};
    BOOST_TEST(rejection(r) == "Invalid package name: '-e'");
    r.packages = {"it's"};
    BOOST_TEST(rejection(r) == "Invalid package name: \"it's\"");
    r.packages = {"tab\there"};
    BOOST_TEST(rejection(r) == "Invalid package name: 'tab\\there'");
}

BOOST_AUTO_TEST_CASE(validation_rejects_bad_environment_names_and_multiline_values)
{
    auto r = buildable();
    r.env_vars = {{"1ST", "x"}};
    BOOST_TEST(rejection(r) == "Invalid environment variable name: '1ST'");
    r.env_vars = {{"A-B", "x"}};
    BOOST_TEST(rejection(r) == "Invalid environment variable name: 'A-B'");
    r.env_vars = {{"", "x"}};
    BOOST_TEST(rejection(r) == "Invalid environment variable name: ''");
    r.env_vars = {{"KEY", "one\ntwo"}};
    BOOST_TEST(rejection(r) == "Environment variable 'KEY' value contains a newline");
    r.env_vars = {{"KEY", "one\rtwo"}};
    BOOST_TEST(rejection(r) == "Environment variable 'KEY' value contains a newline");
}

BOOST_AUTO_TEST_CASE(validation_lists_work_dir_metacharacters_sorted_by_repr)
{
    auto r = buildable();
    r.work_dir = "/w;$(x)";
    BOOST_TEST(rejection(r) == "work_dir contains disallowed shell metacharacters: '$', '(', ')', ';'");
    r.work_dir = "/a`b\n>c|d";
    BOOST_TEST(rejection(r) == "work_dir contains disallowed shell metacharacters: '>', '\\n', '`', '|'");
    r.work_dir = "/a&&b<\r";
    BOOST_TEST(rejection(r) == "work_dir contains disallowed shell metacharacters: '&', '<', '\\r'");
}

BOOST_AUTO_TEST_CASE(validation_rejects_multiline_setup_commands)
{
    auto r = buildable();
    r.setup_commands = {"apt-get update", "echo a\nRUN evil"};
    BOOST_TEST(rejection(r) == "setup command contains a newline");
    r.setup_commands = {"echo a\r"};
    BOOST_TEST(rejection(r) == "setup command contains a newline");
}

BOOST_AUTO_TEST_CASE(dockerfile_installs_pip_packages)
{
    BOOST_TEST(runtime_dockerfile(get_runtime("python-datascience")) ==
               "FROM python:3.12-slim\n"
               "RUN pip install --no-cache-dir pandas numpy matplotlib scikit-learn seaborn\n"
               "WORKDIR /workspace");
}

BOOST_AUTO_TEST_CASE(dockerfile_installs_npm_packages_in_the_work_dir)
{
    BOOST_TEST(runtime_dockerfile(get_runtime("node-react")) ==
               "FROM node:20-slim\n"
               "WORKDIR /app\n"
               "RUN npm install typescript vite react react-dom @types/react\n"
               "WORKDIR /app");
}

BOOST_AUTO_TEST_CASE(dockerfile_installs_apt_and_cargo_packages)
{
    auto r = buildable();
    r.base_image = "debian:12-slim";
    r.packages = {"git", "jq"};
    r.manager = package_manager::apt;
    BOOST_TEST(runtime_dockerfile(r) ==
               "FROM debian:12-slim\nRUN apt-get update && apt-get install -y git jq\nWORKDIR /workspace");
    r.base_image = "rust:1-slim";
    r.packages = {"ripgrep"};
    r.manager = package_manager::cargo;
    BOOST_TEST(runtime_dockerfile(r) == "FROM rust:1-slim\nRUN cargo install ripgrep\nWORKDIR /workspace");
}

BOOST_AUTO_TEST_CASE(dockerfile_orders_setup_packages_env_and_quotes_values)
{
    runtime_config r{
        .name = "custom",
        .base_image = "python:3.12-slim",
        .packages = {"requests", "numpy>=1.26"},
        .setup_commands = {"apt-get update", "echo 'ready' > /etc/motd"},
        .env_vars = {{"PLAIN", "value"}, {"SPACED", "hello world"}, {"QUOTED", "it's"}, {"EMPTY", ""}},
        .work_dir = "/srv/my app",
    };
    BOOST_TEST(runtime_dockerfile(r) ==
               "FROM python:3.12-slim\n"
               "RUN apt-get update\n"
               "RUN echo 'ready' > /etc/motd\n"
               "RUN pip install --no-cache-dir requests 'numpy>=1.26'\n"
               "ENV EMPTY=''\n"
               "ENV PLAIN=value\n"
               "ENV QUOTED='it'\"'\"'s'\n"
               "ENV SPACED='hello world'\n"
               "WORKDIR '/srv/my app'");
}

BOOST_AUTO_TEST_CASE(dockerfile_needs_a_base_image_and_a_valid_runtime)
{
    auto f = failure_of([] { runtime_dockerfile(get_runtime("python-minimal")); });
    BOOST_TEST(f.code == errc::invalid_argument);
    BOOST_TEST(f.message.find("python-minimal") != std::string::npos);

    auto r = buildable();
    r.work_dir = "/x;y";
    f = failure_of([&] { runtime_dockerfile(r); });
    BOOST_TEST(f.message == "work_dir contains disallowed shell metacharacters: ';'");
}

BOOST_AUTO_TEST_CASE(canonical_json_sorts_keys_and_writes_empty_images_as_null)
{
    runtime_config r{
        .name = "demo",
        .base_image = "python:3.12-slim",
        .packages = {"requests"},
        .setup_commands = {"echo hi"},
        .env_vars = {{"A", "1"}},
    };
    BOOST_TEST(detail::runtime_canonical_json(r) ==
               R"({"base_image":"python:3.12-slim","cache_image":true,"description":"","env_vars":{"A":"1"},)"
               R"("image":null,"name":"demo","package_manager":"pip","packages":["requests"],)"
               R"("setup_commands":["echo hi"],"work_dir":"/workspace"})");
    // md5 of that text, computed independently (Python hashlib), first 12 hex digits.
    BOOST_TEST(runtime_image_tag(r) == "agent-backends-runtime:demo-fa4077f1c254");
}

BOOST_AUTO_TEST_CASE(image_tag_changes_with_any_field_and_is_stable)
{
    const auto base = get_runtime("python-datascience");
    const auto tag = runtime_image_tag(base);
    BOOST_TEST(tag.rfind("agent-backends-runtime:python-datascience-", 0) == 0u);
    BOOST_TEST(tag.size() == std::string("agent-backends-runtime:python-datascience-").size() + 12);
    BOOST_TEST(runtime_image_tag(get_runtime("python-datascience")) == tag);

    std::vector<runtime_config> variants(8, base);
    variants[0].description = "other";
    variants[1].base_image = "python:3.13-slim";
    variants[2].packages.push_back("polars");
    variants[3].manager = package_manager::apt;
    variants[4].setup_commands = {"true"};
    variants[5].env_vars = {{"X", "1"}};
    variants[6].work_dir = "/w";
    variants[7].cache_image = false;
    std::vector<std::string> tags{tag};
    for (const auto& v : variants)
        tags.push_back(runtime_image_tag(v));
    std::sort(tags.begin(), tags.end());
    BOOST_TEST((std::adjacent_find(tags.begin(), tags.end()) == tags.end()));
}

BOOST_AUTO_TEST_CASE(image_tag_keeps_only_characters_a_tag_allows)
{
    auto r = buildable("My Runtime/v2");
    auto tag = runtime_image_tag(r);
    BOOST_TEST(tag.rfind("agent-backends-runtime:My-Runtime-v2-", 0) == 0u);
    r.name = std::string(300, 'n');
    tag = runtime_image_tag(r);
    BOOST_TEST(tag.size() - std::string("agent-backends-runtime:").size() <= 128u);
}

BOOST_AUTO_TEST_SUITE_END()
