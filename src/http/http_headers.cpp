// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/http/http_headers.hpp>

#include "http/text.hpp"

#include <algorithm>

namespace agent_backends {

void http_headers::add(std::string name, std::string value)
{
    fields_.emplace_back(std::move(name), std::move(value));
}

void http_headers::set(std::string name, std::string value)
{
    erase(name);
    add(std::move(name), std::move(value));
}

std::size_t http_headers::erase(std::string_view name)
{
    return std::erase_if(fields_, [&](const field& f) { return detail::iequals(f.first, name); });
}

std::optional<std::string_view> http_headers::find(std::string_view name) const
{
    for (const auto& [n, v] : fields_)
        if (detail::iequals(n, name))
            return std::string_view(v);
    return std::nullopt;
}

}  // namespace agent_backends
