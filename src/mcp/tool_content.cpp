// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/tool_content.hpp"

#include "core/base64.hpp"

#include <boost/json/array.hpp>

#include <utility>

namespace json = boost::json;

namespace agent_backends::detail {
namespace {

json::object text_item(std::string_view text)
{
    return {{"type", "text"}, {"text", text}};
}

bool is_unreserved(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~' || c == '/';
}

}  // namespace

std::string file_uri(std::string_view path)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string uri = "file://";
    if (path.empty() || path.front() != '/')
        uri += '/';
    for (unsigned char c : path)
    {
        if (is_unreserved(c))
            uri += static_cast<char>(c);
        else
        {
            uri += '%';
            uri += hex[c >> 4];
            uri += hex[c & 15];
        }
    }
    return uri;
}

json::object call_tool_result(const tool_result& r, std::string_view path)
{
    json::array content;
    content.push_back(text_item(r.text));
    if (r.content)
    {
        const auto& bytes = *r.content;
        if (bytes.mime_type.rfind("image/", 0) == 0)
            content.push_back(json::object{
                {"type", "image"}, {"data", base64_encode(bytes.data)}, {"mimeType", bytes.mime_type}});
        else
            content.push_back(json::object{{"type", "resource"},
                                           {"resource", json::object{{"uri", file_uri(path)},
                                                                     {"mimeType", bytes.mime_type},
                                                                     {"blob", base64_encode(bytes.data)}}}});
    }
    json::object out;
    out["content"] = std::move(content);
    out["isError"] = r.is_error;
    return out;
}

json::object call_tool_error(std::string text)
{
    json::array content;
    content.push_back(text_item(text));
    return {{"content", std::move(content)}, {"isError", true}};
}

}  // namespace agent_backends::detail
