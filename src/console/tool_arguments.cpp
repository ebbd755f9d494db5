// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "console/tool_arguments.hpp"

#include <agent_backends/error.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace agent_backends::detail {
namespace {

[[noreturn]] void refuse(std::string message)
{
    throw error(errc::invalid_argument, std::move(message));
}

std::string quoted_list(const std::vector<std::string>& names)
{
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "'" : ", '") + n + "'";
    return out;
}

std::string plain_list(const std::vector<std::string>& names)
{
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

// The offending value as JSON, short enough for one line of an error message.
std::string shown(const boost::json::value& v)
{
    std::string text;
    if (v.is_double())
    {
        std::ostringstream out;  // 1.5, not JSON's 1.5E0
        out << v.get_double();
        text = out.str();
    }
    else
        text = boost::json::serialize(v);
    constexpr std::size_t max_shown = 60;
    if (text.size() > max_shown)
        text = text.substr(0, max_shown) + "...";
    return text;
}

boost::json::object parse_object(const tool_spec& tool, std::string_view json)
{
    auto first = json.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    boost::json::stream_parser parser;
    boost::system::error_code ec;
    auto consumed = parser.write(json.data(), json.size(), ec);
    if (!ec)
        parser.finish(ec);
    if (ec)
        refuse("Invalid JSON arguments for tool '" + tool.name + "': " + ec.message() + " at offset " +
               std::to_string(consumed));
    auto value = parser.release();
    if (!value.is_object())
        refuse("Arguments for tool '" + tool.name + "' must be a JSON object, got " + shown(value));
    return std::move(value.as_object());
}

std::optional<std::int64_t> as_integer(const boost::json::value& v)
{
    if (v.is_int64())
        return v.get_int64();
    if (v.is_uint64())
    {
        if (v.get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return std::nullopt;
        return static_cast<std::int64_t>(v.get_uint64());
    }
    if (v.is_double())
    {
        // 10.0 is an integer to a model; 10.5 is not.
        double d = v.get_double();
        if (std::trunc(d) != d || std::abs(d) > 9.0e15)
            return std::nullopt;
        return static_cast<std::int64_t>(d);
    }
    if (v.is_string())
    {
        std::string_view s = v.get_string();
        auto begin = s.find_first_not_of(" \t");
        auto end = s.find_last_not_of(" \t");
        if (begin == std::string_view::npos)
            return std::nullopt;
        s = s.substr(begin, end - begin + 1);
        if (!s.empty() && s.front() == '+')
            s.remove_prefix(1);
        std::int64_t out = 0;
        auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        if (ec != std::errc() || ptr != s.data() + s.size() || s.empty())
            return std::nullopt;
        return out;
    }
    return std::nullopt;
}

std::optional<bool> as_boolean(const boost::json::value& v)
{
    if (v.is_bool())
        return v.get_bool();
    if (v.is_string())
    {
        if (v.get_string() == "true")
            return true;
        if (v.get_string() == "false")
            return false;
    }
    return std::nullopt;
}

std::string_view expected(parameter_type t)
{
    switch (t)
    {
    case parameter_type::string: return "a string";
    case parameter_type::integer: return "an integer";
    case parameter_type::boolean: return "a boolean";
    }
    return "a value";
}

argument_value check_value(const tool_spec& tool, const parameter_spec& p, const boost::json::value& v)
{
    auto mistyped = [&]() -> argument_value {
        refuse("Argument '" + p.name + "' of tool '" + tool.name + "' must be " +
               std::string(expected(p.type)) + ", got " + shown(v));
    };
    switch (p.type)
    {
    case parameter_type::string: {
        if (!v.is_string())
            return mistyped();
        std::string s(v.get_string());
        if (!p.choices.empty() && std::find(p.choices.begin(), p.choices.end(), s) == p.choices.end())
            refuse("Argument '" + p.name + "' of tool '" + tool.name + "' must be one of " +
                   plain_list(p.choices) + ", got " + shown(v));
        return s;
    }
    case parameter_type::integer: {
        auto i = as_integer(v);
        if (!i)
            return mistyped();
        if (p.minimum && *i < *p.minimum)
            refuse("Argument '" + p.name + "' of tool '" + tool.name + "' must be at least " +
                   std::to_string(*p.minimum) + ", got " + std::to_string(*i));
        return *i;
    }
    case parameter_type::boolean: {
        auto b = as_boolean(v);
        if (!b)
            return mistyped();
        return *b;
    }
    }
    return mistyped();
}

}  // namespace

tool_arguments::tool_arguments(const tool_spec& tool, std::string_view json)
{
    auto given = parse_object(tool, json);

    std::vector<std::string> unknown;
    for (const auto& entry : given)
    {
        auto known = std::find_if(tool.parameters.begin(), tool.parameters.end(),
                                  [&](const parameter_spec& p) { return p.name == entry.key(); });
        if (known == tool.parameters.end())
            unknown.emplace_back(entry.key());
    }
    if (!unknown.empty())
    {
        std::vector<std::string> accepted;
        for (const auto& p : tool.parameters)
            accepted.push_back(p.name);
        refuse(std::string(unknown.size() == 1 ? "Unknown argument " : "Unknown arguments ") +
               quoted_list(unknown) + " for tool '" + tool.name +
               "'. Accepted arguments: " + plain_list(accepted));
    }

    std::vector<std::string> missing;
    for (const auto& p : tool.parameters)
        if (p.required && !given.contains(p.name))
            missing.push_back(p.name);
    if (!missing.empty())
        refuse(
            std::string(missing.size() == 1 ? "Missing required argument " : "Missing required arguments ") +
            quoted_list(missing) + " for tool '" + tool.name + "'");

    for (const auto& p : tool.parameters)
    {
        const auto* v = given.if_contains(p.name);
        // An optional argument sent as null means "not given": models often spell it that way.
        if (!v || (v->is_null() && !p.required))
            values_.emplace(p.name, p.default_value);
        else
            values_.emplace(p.name, check_value(tool, p, *v));
    }
}

const argument_value& tool_arguments::at(std::string_view name) const
{
    auto it = values_.find(name);
    if (it == values_.end())
        throw std::logic_error("console tool reads an argument it does not declare: " + std::string(name));
    return it->second;
}

const std::string& tool_arguments::string(std::string_view name) const
{
    return std::get<std::string>(at(name));
}

std::optional<std::string> tool_arguments::optional_string(std::string_view name) const
{
    const auto& v = at(name);
    if (const auto* s = std::get_if<std::string>(&v))
        return *s;
    return std::nullopt;
}

std::int64_t tool_arguments::integer(std::string_view name) const
{
    return std::get<std::int64_t>(at(name));
}

std::optional<std::int64_t> tool_arguments::optional_integer(std::string_view name) const
{
    const auto& v = at(name);
    if (const auto* i = std::get_if<std::int64_t>(&v))
        return *i;
    return std::nullopt;
}

bool tool_arguments::boolean(std::string_view name) const
{
    return std::get<bool>(at(name));
}

}  // namespace agent_backends::detail
