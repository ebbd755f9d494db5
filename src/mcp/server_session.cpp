// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/server_session.hpp"

#include "mcp/call_log.hpp"
#include "mcp/protocol_version.hpp"

#include <boost/asio/error.hpp>
#include <boost/json/array.hpp>
#include <boost/system/system_error.hpp>

#include <algorithm>
#include <array>
#include <exception>
#include <utility>

namespace asio = boost::asio;
namespace json = boost::json;

namespace agent_backends::detail {
namespace {

// A client declares form elicitation with `elicitation: {}` (2025-06-18) or `elicitation: {form: {}}` (later
// revisions, which also allow URL-only clients).
bool declares_form_elicitation(const json::object& capabilities)
{
    const json::value* e = capabilities.if_contains("elicitation");
    if (!e || !e->is_object())
        return false;
    const auto& modes = e->get_object();
    return modes.empty() || modes.contains("form");
}

std::string string_member(const json::object& obj, std::string_view key)
{
    const json::value* v = obj.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

std::shared_ptr<mcp_session> make_server_session(std::shared_ptr<const mcp_server_state> server)
{
    return std::make_shared<server_session>(std::move(server));
}

server_session::server_session(std::shared_ptr<const mcp_server_state> server) : server_(std::move(server))
{
    if (server_->options.log)
        server_->options.log("session start " + server_->options.name + " " + server_->version);
}

task<std::optional<std::string>> server_session::handle(std::string message, mcp_message_sink interim)
{
    auto self = shared_from_this();  // the session outlives the transport's reference while a call runs
    auto start = std::chrono::steady_clock::now();
    handled_message log;
    rpc_message msg = parse_rpc_message(message);
    message = std::string();  // a large message is not kept for the length of a long call
    const bool is_request = msg.kind == rpc_kind::request;
    const json::value id = msg.id;
    std::optional<std::string> answer;
    std::optional<std::string> failure;
    try
    {
        answer = co_await dispatch(std::move(msg), std::move(interim), log);
    }
    catch (const boost::system::system_error& e)
    {
        if (e.code() == asio::error::operation_aborted)
        {
            log.outcome = "cancelled";
            write_log(log, start);
            throw;
        }
        failure = e.what();
    }
    catch (const std::exception& e)
    {
        failure = e.what();
    }
    // Never thrown on purpose: whatever it was, a request still gets an answer.
    if (failure && is_request)
        answer =
            answer_error(rpc_message{.id = id}, rpc_code::internal_error, "Internal error: " + *failure, log);
    else if (failure)
        log.outcome = "error " + std::to_string(rpc_code::internal_error);
    write_log(log, start);
    co_return answer;
}

task<std::optional<std::string>> server_session::dispatch(rpc_message msg, mcp_message_sink interim,
                                                          handled_message& log)
{
    switch (msg.kind)
    {
        case rpc_kind::invalid:
            log.method = "invalid";
            co_return answer_error(msg, msg.error_code, msg.error_message, log);
        case rpc_kind::response:
            log.method = "response";
            take_response(msg, log);
            co_return std::nullopt;
        case rpc_kind::notification:
            log.method = msg.method;
            take_notification(msg);
            co_return std::nullopt;
        case rpc_kind::request:
            break;
    }

    log.method = msg.method;
    if (closed_)
        co_return answer_error(msg, rpc_code::invalid_request, "Invalid Request: the session is closed", log);
    if (msg.method == "initialize")
        co_return initialize(msg, log);
    if (msg.method == "ping")
        co_return rpc_result(msg.id, json::object());
    if (!initialized_)
        co_return answer_error(msg, rpc_code::invalid_request,
                               "Invalid Request: the session is not initialized; send \"initialize\" first",
                               log);
    if (msg.method == "tools/list")
        co_return rpc_result(msg.id, server_->tools_list);
    if (msg.method == "tools/call")
        co_return co_await call_tool(std::move(msg), std::move(interim), log);
    if (msg.method == "logging/setLevel")
        co_return set_log_level(msg, log);
    co_return answer_error(msg, rpc_code::method_not_found, "Method not found: " + msg.method, log);
}

std::string server_session::answer_error(const rpc_message& msg, int code, std::string_view message,
                                         handled_message& log)
{
    log.outcome = "error " + std::to_string(code);
    return rpc_error(msg.id, code, message);
}

std::string server_session::initialize(const rpc_message& msg, handled_message& log)
{
    if (initialized_)
        return answer_error(msg, rpc_code::invalid_request,
                            "Invalid Request: the session is already initialized", log);
    static const json::object no_capabilities;
    const json::value* caps = msg.params.if_contains("capabilities");
    client_elicitation_ =
        declares_form_elicitation(caps && caps->is_object() ? caps->get_object() : no_capabilities);
    protocol_version_ = std::string(negotiate_protocol_version(string_member(msg.params, "protocolVersion")));
    if (const json::value* info = msg.params.if_contains("clientInfo"); info && info->is_object())
        log.subject = string_member(info->get_object(), "name");
    initialized_ = true;

    const auto& opts = server_->options;
    json::object server_info{{"name", opts.name}, {"version", server_->version}};
    if (!opts.title.empty())
        server_info["title"] = opts.title;
    json::object result;
    result["protocolVersion"] = protocol_version_;
    result["capabilities"] =
        json::object{{"tools", json::object{{"listChanged", false}}}, {"logging", json::object()}};
    result["serverInfo"] = std::move(server_info);
    result["instructions"] = server_->instructions;
    return rpc_result(msg.id, std::move(result));
}

std::string server_session::set_log_level(const rpc_message& msg, handled_message& log)
{
    static constexpr std::array<std::string_view, 8> levels{"debug", "info",     "notice", "warning",
                                                            "error", "critical", "alert",  "emergency"};
    std::string level = string_member(msg.params, "level");
    if (std::find(levels.begin(), levels.end(), level) == levels.end())
        return answer_error(msg, rpc_code::invalid_params,
                            "Invalid params: \"level\" must be one of debug, info, notice, warning, error, "
                            "critical, alert, emergency",
                            log);
    log.subject = level;
    log_level_ = std::move(level);
    return rpc_result(msg.id, json::object());
}

void server_session::take_response(const rpc_message& msg, handled_message& log)
{
    if (!msg.id.is_string())
        return;
    log.subject = std::string(msg.id.get_string());
    auto it = awaited_.find(log.subject);
    if (it == awaited_.end())
        return;  // late (timed out) or unknown: nobody waits any more
    if (!msg.is_error_response)
        it->second->result = msg.result;
    else
        log.outcome = "error";
    it->second->arrived.set();
}

void server_session::take_notification(const rpc_message& msg)
{
    if (msg.method == "notifications/cancelled")
    {
        const json::value* id = msg.params.if_contains("requestId");
        if (!id || !is_valid_rpc_id(*id))
            return;
        if (auto it = running_.find(rpc_id_key(*id)); it != running_.end())
            it->second->set();
    }
    // notifications/initialized and anything else need nothing from us.
}

void server_session::close()
{
    closed_ = true;
    for (auto& [key, trigger] : running_)
        trigger->set();
    for (auto& [key, answer] : awaited_)
        answer->arrived.set();
}

void server_session::write_log(const handled_message& log, std::chrono::steady_clock::time_point start) const
{
    if (server_->options.log)
        server_->options.log(
            call_log_line(log.method, log.subject, std::chrono::steady_clock::now() - start, log.outcome));
}

}  // namespace agent_backends::detail
