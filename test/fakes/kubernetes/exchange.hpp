// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_KUBERNETES_EXCHANGE_HPP
#define AGENT_BACKENDS_TEST_FAKES_KUBERNETES_EXCHANGE_HPP

// One request being answered, as the routes see it.
#include "fakes/kubernetes/connection.hpp"
#include "fakes/kubernetes/server_context.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::test::kubernetes_fake {

struct exchange
{
    std::shared_ptr<server_context> ctx;
    std::shared_ptr<connection> conn;
    http_request_message request;
    std::string method;
    std::string target;                                          ///< As received.
    std::string path;                                            ///< Percent-decoded, without the query.
    std::vector<std::string> segments;                           ///< `path` split at `/`.
    std::multimap<std::string, std::string, std::less<>> query;  ///< Decoded parameters.
    std::optional<fake_fault_kind> stream_fault;                 ///< A fault an exec acts out itself.
    bool corrupt_json{false};                                    ///< Answer with a body that is not JSON.

    api_state& state() const noexcept { return *ctx->state; }
    const fake_kubernetes_options& options() const noexcept { return ctx->state->options; }

    /// The first value of a query parameter, or `fallback`.
    std::string param(std::string_view name, std::string_view fallback = {}) const;

    /// Every value of a query parameter, in order.
    std::vector<std::string> params(std::string_view name) const;

    /// A boolean query parameter as the API server reads it (`true`, `1`).
    bool flag(std::string_view name) const;

    /// A request header's value, or empty.
    std::string header(std::string_view name) const;

    /// True when the client asked for a `meta.k8s.io` `Table` (`Accept: application/json;as=Table;...`).
    bool wants_table() const;
};

}  // namespace agent_backends::test::kubernetes_fake

#endif
