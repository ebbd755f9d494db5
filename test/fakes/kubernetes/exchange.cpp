// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/kubernetes/exchange.hpp"

namespace agent_backends::test::kubernetes_fake {

std::string exchange::param(std::string_view name, std::string_view fallback) const
{
    auto it = query.find(name);
    return it == query.end() ? std::string(fallback) : it->second;
}

std::vector<std::string> exchange::params(std::string_view name) const
{
    std::vector<std::string> out;
    auto [first, last] = query.equal_range(name);
    for (auto it = first; it != last; ++it)
        out.push_back(it->second);
    return out;
}

bool exchange::flag(std::string_view name) const
{
    auto value = param(name);
    return value == "true" || value == "1" || value == "True" || value == "TRUE";
}

std::string exchange::header(std::string_view name) const
{
    auto it = request.find(boost::beast::string_view(name.data(), name.size()));
    if (it == request.end())
        return {};
    return std::string(it->value());
}

bool exchange::wants_table() const
{
    // The first acceptable media type decides; kubectl lists the Table forms first.
    auto accept = header("Accept");
    auto first = accept.substr(0, accept.find(','));
    return first.find("as=Table") != std::string::npos;
}

}  // namespace agent_backends::test::kubernetes_fake
