// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// tools/call: the tool runs beside two watchers, the client's cancellation and the progress ticker; whichever
// finishes first ends the other two (parallel group, wait_for_one).
#include <agent_backends/error.hpp>

#include "mcp/server_session.hpp"
#include "mcp/tool_content.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>
#include <boost/system/system_error.hpp>

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <utility>

namespace asio = boost::asio;
namespace json = boost::json;

namespace agent_backends::detail {
namespace {

/// The tool's answer or what it threw; never throws itself, so the group sees it finish either way.
struct call_outcome
{
    std::optional<tool_result> result;
    std::exception_ptr failure;
};

task<call_outcome> run_guarded(console_toolset tools, std::string name, std::string arguments,
                               permission_ask_callback ask)
{
    try
    {
        if (ask)
            co_return call_outcome{co_await tools.call(name, arguments, std::move(ask)), nullptr};
        co_return call_outcome{co_await tools.call(name, arguments), nullptr};
    }
    catch (...)
    {
        co_return call_outcome{std::nullopt, std::current_exception()};
    }
}

/// Sends `notifications/progress` every `interval` until cancelled; without a token it only waits.
task<void> tick_progress(mcp_message_sink interim, std::optional<json::value> token, std::string tool,
                         std::chrono::milliseconds interval)
{
    asio::steady_timer timer(co_await asio::this_coro::executor);
    if (!token || !interim || interval <= std::chrono::milliseconds::zero())
    {
        // Until the call ends; that cancellation is the usual end, so it is not thrown.
        timer.expires_at(asio::steady_timer::time_point::max());
        co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
        co_return;
    }
    auto start = std::chrono::steady_clock::now();
    bool client_listens = true;
    for (std::int64_t n = 1;; ++n)
    {
        timer.expires_after(interval);
        co_await timer.async_wait(asio::use_awaitable);
        if (!client_listens)
            continue;
        auto seconds =
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start);
        json::object params{{"progressToken", *token},
                            {"progress", n},
                            {"message", "running " + tool + " (" + std::to_string(seconds.count()) + " s)"}};
        try
        {
            co_await interim(rpc_notification("notifications/progress", std::move(params)));
        }
        catch (const boost::system::system_error& e)
        {
            if (e.code() == asio::error::operation_aborted)
                throw;
            client_listens = false;  // the stream is gone; the call itself goes on
        }
        catch (const std::exception&)
        {
            client_listens = false;
        }
    }
}

// Ends when the client cancels the call, or quietly when the call ended first (the usual case: no
// exception per call).
task<void> wait_for_cancel(std::shared_ptr<one_shot_event> trigger)
{
    co_await trigger->wait_or_cancelled();
}

std::optional<json::value> progress_token(const json::object& params)
{
    const json::value* meta = params.if_contains("_meta");
    if (!meta || !meta->is_object())
        return std::nullopt;
    const json::value* token = meta->get_object().if_contains("progressToken");
    if (!token || !is_valid_rpc_id(*token))
        return std::nullopt;
    return *token;
}

bool is_aborted(const std::exception_ptr& failure)
{
    try
    {
        std::rethrow_exception(failure);
    }
    catch (const boost::system::system_error& e)
    {
        return e.code() == asio::error::operation_aborted;
    }
    catch (...)
    {
        return false;
    }
}

}  // namespace

task<std::optional<std::string>> server_session::call_tool(rpc_message msg, mcp_message_sink interim,
                                                           handled_message& log)
{
    const json::value* name_value = msg.params.if_contains("name");
    if (!name_value || !name_value->is_string() || name_value->get_string().empty())
        co_return answer_error(msg, rpc_code::invalid_params,
                               "Invalid params: tools/call needs a tool \"name\"", log);
    std::string name(name_value->get_string());
    log.subject = name;
    const auto& definitions = server_->tools.definitions();
    if (std::none_of(definitions.begin(), definitions.end(), [&](const auto& d) { return d.name == name; }))
        co_return answer_error(msg, rpc_code::invalid_params, "Unknown tool: " + name, log);

    std::string arguments = "{}";
    std::string path;
    if (const json::value* args = msg.params.if_contains("arguments"); args && !args->is_null())
    {
        if (!args->is_object())
            co_return answer_error(msg, rpc_code::invalid_params,
                                   "Invalid params: \"arguments\" must be an object", log);
        arguments = json::serialize(*args);
        if (const json::value* p = args->get_object().if_contains("path"); p && p->is_string())
            path = std::string(p->get_string());
    }

    const auto token = progress_token(msg.params);
    msg.params = {};  // the arguments live on as text; a large write is not kept twice while the call runs

    const std::string key = rpc_id_key(msg.id);
    if (running_.contains(key))
        co_return answer_error(msg, rpc_code::invalid_request,
                               "Invalid Request: request id " + key + " is already in use", log);
    auto ex = co_await asio::this_coro::executor;
    auto trigger = std::make_shared<one_shot_event>(ex);
    running_.emplace(key, trigger);
    struct unregister
    {
        server_session* session;
        const std::string& key;
        ~unregister() { session->running_.erase(key); }
    } registration{this, key};

    permission_ask_callback ask = client_elicitation_ ? permission_asker(interim) : permission_ask_callback{};
    auto [order, call_failure, outcome, cancel_failure, progress_failure] =
        co_await asio::experimental::make_parallel_group(
            asio::co_spawn(ex, run_guarded(server_->tools, name, std::move(arguments), std::move(ask)),
                           asio::deferred),
            asio::co_spawn(ex, wait_for_cancel(trigger), asio::deferred),
            asio::co_spawn(ex, tick_progress(interim, token, name, server_->options.progress_interval),
                           asio::deferred))
            .async_wait(asio::experimental::wait_for_one(), asio::use_awaitable);
    (void)order;
    (void)call_failure;
    (void)cancel_failure;
    (void)progress_failure;

    if ((co_await asio::this_coro::cancellation_state).cancelled() != asio::cancellation_type::none)
        throw boost::system::system_error(asio::error::operation_aborted);
    if (trigger->is_set())
    {
        // MCP: a cancelled request gets no response.
        log.outcome = "cancelled";
        co_return std::nullopt;
    }
    if (outcome.result)
    {
        log.outcome = outcome.result->is_error ? "tool-error" : "ok";
        co_return rpc_result(msg.id, call_tool_result(*outcome.result, path));
    }
    try
    {
        std::rethrow_exception(outcome.failure ? outcome.failure
                                               : std::make_exception_ptr(std::runtime_error("no result")));
    }
    catch (const error& e)
    {
        // Malformed arguments: the model reads what was wrong and can try again.
        log.outcome = "tool-error";
        co_return rpc_result(msg.id, call_tool_error("Error: " + e.message()));
    }
    catch (const std::exception& e)
    {
        if (is_aborted(std::current_exception()))
            co_return answer_error(msg, rpc_code::internal_error, "Internal error: the call was aborted",
                                   log);
        co_return answer_error(msg, rpc_code::internal_error, std::string("Internal error: ") + e.what(),
                               log);
    }
}

}  // namespace agent_backends::detail
