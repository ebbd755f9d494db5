// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/daytona/multipart_form.hpp"

#include <algorithm>
#include <cctype>

namespace agent_backends::test::daytona_fake {
namespace {

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

/// The value of parameter `name` in a header value (`form-data; name="file"; filename="a"`).
std::optional<std::string> parameter(std::string_view value, std::string_view name)
{
    auto lowered = lower(value);
    const auto key = std::string(name) + "=";
    std::size_t pos = 0;
    while ((pos = lowered.find(key, pos)) != std::string::npos)
    {
        bool starts_word = pos == 0 || lowered[pos - 1] == ';' || lowered[pos - 1] == ' ';
        pos += key.size();
        if (!starts_word)
            continue;
        if (pos < value.size() && value[pos] == '"')
        {
            auto end = value.find('"', pos + 1);
            if (end == std::string_view::npos)
                return std::nullopt;
            return std::string(value.substr(pos + 1, end - pos - 1));
        }
        auto end = value.find(';', pos);
        return std::string(
            value.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> multipart_field(std::string_view content_type, std::string_view body,
                                           std::string_view field)
{
    if (lower(content_type).rfind("multipart/form-data", 0) != 0)
        return std::nullopt;
    auto boundary = parameter(content_type, "boundary");
    if (!boundary || boundary->empty())
        return std::nullopt;
    const auto delimiter = "--" + *boundary;
    auto pos = body.find(delimiter);
    while (pos != std::string_view::npos)
    {
        pos += delimiter.size();
        if (body.substr(pos, 2) == "--")
            return std::nullopt;  // the closing delimiter
        if (body.substr(pos, 2) != "\r\n")
            return std::nullopt;
        pos += 2;
        auto headers_end = body.find("\r\n\r\n", pos);
        if (headers_end == std::string_view::npos)
            return std::nullopt;
        auto headers = body.substr(pos, headers_end - pos);
        auto content_start = headers_end + 4;
        auto next = body.find("\r\n" + delimiter, content_start);
        if (next == std::string_view::npos)
            return std::nullopt;
        std::optional<std::string> name;
        while (!headers.empty())
        {
            auto eol = headers.find("\r\n");
            auto line = headers.substr(0, eol);
            auto colon = line.find(':');
            if (colon != std::string_view::npos && lower(line.substr(0, colon)) == "content-disposition")
                name = parameter(line.substr(colon + 1), "name");
            if (eol == std::string_view::npos)
                break;
            headers.remove_prefix(eol + 2);
        }
        if (name == field)
            return std::string(body.substr(content_start, next - content_start));
        pos = next + 2;
    }
    return std::nullopt;
}

}  // namespace agent_backends::test::daytona_fake
