// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_DOCKER_EXCHANGE_HPP
#define AGENT_BACKENDS_TEST_FAKES_DOCKER_EXCHANGE_HPP

// One request being answered, as the routes see it.
#include "fakes/docker/connection.hpp"
#include "fakes/docker/fake_docker_engine.hpp"
#include "fakes/docker/server_context.hpp"

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::test::docker_fake {

using http_request_message = boost::beast::http::request<boost::beast::http::string_body>;

struct exchange
{
    std::shared_ptr<server_context> ctx;
    std::shared_ptr<connection> conn;
    http_request_message request;
    std::string method;
    std::string path;                   ///< Percent-decoded, without the version prefix and the query.
    std::vector<std::string> segments;  ///< `path` split at `/`.
    std::multimap<std::string, std::string, std::less<>> query;  ///< Decoded parameters.
    std::optional<fake_fault_kind> stream_fault;                 ///< A fault the exec stream acts out itself.
    bool corrupt_json{false};                                    ///< Answer with a body that is not JSON.

    engine_state& state() const noexcept { return *ctx->state; }
    const fake_docker_options& options() const noexcept { return ctx->state->options; }

    /// The first value of a query parameter, or `fallback`.
    std::string param(std::string_view name, std::string_view fallback = {}) const;

    /// Every value of a query parameter.
    std::vector<std::string> params(std::string_view name) const;

    /// A boolean query parameter as the engine reads it (`1`, `true`, `True`).
    bool flag(std::string_view name) const;

    /// A request header's value, or empty.
    std::string header(std::string_view name) const;
};

}  // namespace agent_backends::test::docker_fake

#endif
