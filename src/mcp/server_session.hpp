// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_MCP_SERVER_SESSION_HPP
#define AGENT_BACKENDS_SRC_MCP_SERVER_SESSION_HPP

#include <agent_backends/mcp/mcp_session.hpp>
#include <agent_backends/permissions/permission_checker.hpp>

#include "mcp/json_rpc.hpp"
#include "mcp/one_shot_event.hpp"
#include "mcp/server_state.hpp"

#include <boost/json/value.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace agent_backends::detail {

/// What the log line of one handled message says besides its duration.
struct handled_message
{
    std::string method;         ///< The method, `response` for an answer to our request, `invalid` for junk.
    std::string subject;        ///< The tool of a `tools/call`, the id of a response; empty otherwise.
    std::string outcome{"ok"};  ///< `ok`, `tool-error`, `error CODE` or `cancelled`.
};

/// The MCP protocol over a console toolset, for one client. Used from one strand.
class server_session final : public mcp_session, public std::enable_shared_from_this<server_session>
{
public:
    explicit server_session(std::shared_ptr<const mcp_server_state> server);

    task<std::optional<std::string>> handle(std::string message, mcp_message_sink interim) override;
    void close() override;
    bool initialized() const noexcept override { return initialized_; }
    std::string_view protocol_version() const noexcept override { return protocol_version_; }

private:
    /// A request the server sent the client (elicitation) and the answer once it arrives.
    struct awaited_answer
    {
        explicit awaited_answer(boost::asio::any_io_executor ex) : arrived(std::move(ex)) {}
        one_shot_event arrived;                      ///< Set by the answer, or by close() without one.
        std::optional<boost::json::value> result{};  ///< The `result`; unset for an error answer.
    };

    task<std::optional<std::string>> dispatch(rpc_message msg, mcp_message_sink interim,
                                              handled_message& log);
    std::string answer_error(const rpc_message& msg, int code, std::string_view message,
                             handled_message& log);
    std::string initialize(const rpc_message& msg, handled_message& log);
    std::string set_log_level(const rpc_message& msg, handled_message& log);
    void take_response(const rpc_message& msg, handled_message& log);
    void take_notification(const rpc_message& msg);

    /// `tools/call`: runs the tool with its own cancellation, progress notifications and permission asks.
    task<std::optional<std::string>> call_tool(rpc_message msg, mcp_message_sink interim,
                                               handled_message& log);

    /// The permission callback of a call: an `elicitation/create` request through `interim`.
    permission_ask_callback permission_asker(mcp_message_sink interim);
    task<bool> ask_client(mcp_message_sink interim, permission_operation op, std::string target,
                          std::string reason);

    void write_log(const handled_message& log, std::chrono::steady_clock::time_point start) const;

    std::shared_ptr<const mcp_server_state> server_;
    bool initialized_{false};
    bool closed_{false};
    std::string protocol_version_;
    bool client_elicitation_{false};
    std::string log_level_{"info"};
    std::map<std::string, std::shared_ptr<one_shot_event>> running_;  // id key -> cancel trigger
    std::map<std::string, std::shared_ptr<awaited_answer>> awaited_;  // our request id -> answer
    std::uint64_t elicitations_{0};
};

}  // namespace agent_backends::detail

#endif
