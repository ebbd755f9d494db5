// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// A permission rule that says `ask` becomes an `elicitation/create` request to the client; its answer comes
// back as a later message (server_session::take_response).
#include "mcp/server_session.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/system/system_error.hpp>

#include <utility>

namespace asio = boost::asio;
namespace json = boost::json;

namespace agent_backends::detail {
namespace {

std::string permission_question(permission_operation op, std::string_view target, std::string_view reason)
{
    std::string q = "Allow ";
    q += to_string(op);
    q += " on '";
    q += target;
    q += "'?";
    if (!reason.empty())
    {
        q += " Reason: ";
        q += reason;
    }
    return q;
}

// The answer approves when the person accepted. The requested schema has no fields, so accepting is the
// whole answer.
bool approves(const json::value& result)
{
    if (!result.is_object())
        return false;
    const json::value* action = result.get_object().if_contains("action");
    return action && action->is_string() && action->get_string() == "accept";
}

}  // namespace

permission_ask_callback server_session::permission_asker(mcp_message_sink interim)
{
    // Not a coroutine: the views are copied while the caller's buffers are still alive.
    return [self = shared_from_this(), interim = std::move(interim)](
               permission_operation op, std::string_view target, std::string_view reason) {
        return self->ask_client(interim, op, std::string(target), std::string(reason));
    };
}

task<bool> server_session::ask_client(mcp_message_sink interim, permission_operation op, std::string target,
                                      std::string reason)
{
    if (closed_ || !interim)
        co_return false;
    std::string id = "elicit-" + std::to_string(++elicitations_);
    auto answer = std::make_shared<awaited_answer>(co_await asio::this_coro::executor);
    awaited_.emplace(id, answer);
    struct unregister
    {
        server_session* session;
        const std::string& id;
        ~unregister() { session->awaited_.erase(id); }
    } registration{this, id};

    json::object schema{{"type", "object"}, {"properties", json::object()}};
    json::object params{{"message", permission_question(op, target, reason)},
                        {"requestedSchema", std::move(schema)}};
    bool sent = true;
    try
    {
        co_await interim(rpc_request(json::value(id), "elicitation/create", std::move(params)));
    }
    catch (const boost::system::system_error& e)
    {
        if (e.code() == asio::error::operation_aborted)
            throw;
        sent = false;
    }
    catch (const std::exception&)
    {
        sent = false;
    }
    if (!sent)
        co_return false;  // nobody to ask: a refusal

    co_await answer->arrived.wait_for(server_->options.elicitation_timeout);
    co_return answer->result&& approves(*answer->result);
}

}  // namespace agent_backends::detail
