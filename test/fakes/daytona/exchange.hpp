// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_DAYTONA_EXCHANGE_HPP
#define AGENT_BACKENDS_TEST_FAKES_DAYTONA_EXCHANGE_HPP

// One request being answered, as the routes see it.
#include "fakes/daytona/replies.hpp"
#include "fakes/daytona/server_context.hpp"

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::test::daytona_fake {

using http_request_message = boost::beast::http::request<boost::beast::http::string_body>;

struct exchange
{
    std::shared_ptr<server_context> ctx;
    std::shared_ptr<connection> conn;
    http_request_message request;
    std::string method;
    std::string path;                                            ///< Percent-decoded, without the query.
    std::multimap<std::string, std::string, std::less<>> query;  ///< Decoded parameters.
    daytona_fake::plane plane{daytona_fake::plane::control};
    std::string sandbox_id;             ///< For the toolbox: the sandbox the path names.
    std::vector<std::string> segments;  ///< The path below `/api` or `/toolbox/{id}`, split at `/`.

    server_state& state() const noexcept { return *ctx->state; }

    /// The first value of a query parameter, or `fallback`.
    std::string param(std::string_view name, std::string_view fallback = {}) const;
    bool has_param(std::string_view name) const { return query.find(name) != query.end(); }

    /// A request header's value, or empty.
    std::string header(std::string_view name) const;

    /// The plane's error answer to this request.
    reply error(unsigned status, std::string_view message) const;
};

}  // namespace agent_backends::test::daytona_fake

#endif
