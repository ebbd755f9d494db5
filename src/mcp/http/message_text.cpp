// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/http/message_text.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace agent_backends::detail::mcp_http {

message_outline outline_message(std::string_view body)
{
    boost::system::error_code ec;
    auto value = boost::json::parse(body, ec);
    if (ec)
        return {};
    message_outline outline{.well_formed = true};
    if (const auto* object = value.if_object())
    {
        const auto* method = object->if_contains("method");
        bool has_id = object->contains("id");
        outline.request = method && method->is_string() && has_id;
        outline.initialize = outline.request && method->get_string() == "initialize";
    }
    return outline;
}

std::string rpc_error_body(int code, std::string_view message)
{
    boost::json::object error{{"code", code}, {"message", message}};
    return boost::json::serialize(
        boost::json::object{{"jsonrpc", "2.0"}, {"error", std::move(error)}, {"id", nullptr}});
}

std::string sse_event(std::string_view json)
{
    std::string event = "event: message\n";
    event.reserve(json.size() + 32);
    for (;;)
    {
        auto end = json.find_first_of("\r\n");
        event += "data: ";
        event += json.substr(0, end);
        event += '\n';
        if (end == std::string_view::npos)
            break;
        // CRLF counts as one line break.
        json.remove_prefix(end + (json.compare(end, 2, "\r\n") == 0 ? 2 : 1));
    }
    event += '\n';
    return event;
}

}  // namespace agent_backends::detail::mcp_http
