// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/json_rpc.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <utility>

namespace json = boost::json;

namespace agent_backends::detail {
namespace {

rpc_message invalid(int code, std::string message, json::value id = nullptr)
{
    rpc_message m;
    m.kind = rpc_kind::invalid;
    m.error_code = code;
    m.error_message = std::move(message);
    m.id = std::move(id);
    return m;
}

}  // namespace

bool is_valid_rpc_id(const json::value& id) noexcept
{
    return id.is_string() || id.is_int64() || id.is_uint64();
}

rpc_message parse_rpc_message(std::string_view text)
{
    boost::system::error_code ec;
    json::value doc = json::parse(text, ec);
    if (ec)
        return invalid(rpc_code::parse_error, "Parse error: " + ec.message());
    if (doc.is_array())
        return invalid(rpc_code::invalid_request, "Invalid Request: batches are not supported");
    if (!doc.is_object())
        return invalid(rpc_code::invalid_request, "Invalid Request: a message must be a JSON object");

    auto& obj = doc.get_object();
    const json::value* id = obj.if_contains("id");
    json::value usable_id = id && is_valid_rpc_id(*id) ? *id : json::value(nullptr);

    const json::value* version = obj.if_contains("jsonrpc");
    if (!version || !version->is_string() || version->get_string() != "2.0")
        return invalid(rpc_code::invalid_request, "Invalid Request: \"jsonrpc\" must be \"2.0\"", usable_id);
    if (id && id->is_null() && !obj.contains("method") && obj.contains("error"))
    {
        // The client could not read one of our messages; JSON-RPC never answers a response.
        rpc_message m;
        m.kind = rpc_kind::response;
        m.is_error_response = true;
        return m;
    }
    if (id && !is_valid_rpc_id(*id))
        return invalid(rpc_code::invalid_request, "Invalid Request: \"id\" must be a string or an integer");

    rpc_message m;
    m.id = usable_id;
    if (const json::value* method = obj.if_contains("method"))
    {
        if (!method->is_string())
            return invalid(rpc_code::invalid_request, "Invalid Request: \"method\" must be a string",
                           usable_id);
        m.method = std::string(method->get_string());
        m.kind = id ? rpc_kind::request : rpc_kind::notification;
        if (const json::value* params = obj.if_contains("params"); params && !params->is_null())
        {
            if (params->is_object())
                m.params = params->get_object();
            else if (m.kind == rpc_kind::request)
                return invalid(rpc_code::invalid_params, "Invalid params: \"params\" must be an object",
                               usable_id);
        }
        return m;
    }
    if (id && (obj.contains("result") || obj.contains("error")))
    {
        m.kind = rpc_kind::response;
        if (const json::value* result = obj.if_contains("result"))
            m.result = *result;
        else
            m.is_error_response = true;
        return m;
    }
    return invalid(rpc_code::invalid_request,
                   "Invalid Request: a message needs a \"method\" (or a \"result\" or "
                   "\"error\" with an \"id\")",
                   usable_id);
}

std::string rpc_result(const json::value& id, json::value result)
{
    json::object out;
    out["jsonrpc"] = "2.0";
    out["id"] = id;
    out["result"] = std::move(result);
    return json::serialize(out);
}

std::string rpc_error(const json::value& id, int code, std::string_view message)
{
    json::object error;
    error["code"] = code;
    error["message"] = message;
    json::object out;
    out["jsonrpc"] = "2.0";
    out["id"] = id;
    out["error"] = std::move(error);
    return json::serialize(out);
}

std::string rpc_notification(std::string_view method, json::object params)
{
    json::object out;
    out["jsonrpc"] = "2.0";
    out["method"] = method;
    out["params"] = std::move(params);
    return json::serialize(out);
}

std::string rpc_request(const json::value& id, std::string_view method, json::object params)
{
    json::object out;
    out["jsonrpc"] = "2.0";
    out["id"] = id;
    out["method"] = method;
    out["params"] = std::move(params);
    return json::serialize(out);
}

std::string rpc_id_key(const json::value& id)
{
    return json::serialize(id);
}

}  // namespace agent_backends::detail
