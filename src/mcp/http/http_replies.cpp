// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/http/http_replies.hpp"

#include "mcp/http/message_text.hpp"

#include <boost/beast/http/field.hpp>

#include <utility>

namespace http = boost::beast::http;

namespace agent_backends::detail::mcp_http {

http_response make_reply(const http_request& req, http::status status, std::string body,
                         std::string_view content_type)
{
    http_response res(status, req.version());
    res.keep_alive(req.keep_alive());
    if (!content_type.empty())
        res.set(http::field::content_type, content_type);
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

http_response make_refusal(const http_request& req, http::status status, int code, std::string_view message)
{
    return make_reply(req, status, rpc_error_body(code, message), "application/json");
}

http_response make_json_answer(const http_request& req, std::string json, std::string_view session_id)
{
    auto res = make_reply(req, http::status::ok, std::move(json), "application/json");
    if (!session_id.empty())
        res.set(session_id_field, session_id);
    return res;
}

}  // namespace agent_backends::detail::mcp_http
