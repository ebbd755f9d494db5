// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/daytona/exchange.hpp"

namespace agent_backends::test::daytona_fake {

std::string exchange::param(std::string_view name, std::string_view fallback) const
{
    auto it = query.find(name);
    return it == query.end() ? std::string(fallback) : it->second;
}

std::string exchange::header(std::string_view name) const
{
    auto it = request.find(boost::beast::string_view(name.data(), name.size()));
    if (it == request.end())
        return {};
    return std::string(it->value());
}

reply exchange::error(unsigned status, std::string_view message) const
{
    return error_reply(plane, status, message, path, method);
}

}  // namespace agent_backends::test::daytona_fake
