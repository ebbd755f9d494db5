// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_MCP_MCP_SERVER_HPP
#define AGENT_BACKENDS_MCP_MCP_SERVER_HPP

#include <agent_backends/console/console_toolset.hpp>
#include <agent_backends/mcp/mcp_session.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace agent_backends {

/// \brief How an \ref mcp_server presents itself and paces its messages.
struct mcp_server_options
{
    std::string name{"agent-backends"};  ///< `serverInfo.name` in the initialize result.
    std::string version{};               ///< `serverInfo.version`; empty: the library's version.
    std::string title{};                 ///< `serverInfo.title` (2025-06-18); empty: left out.

    /// `instructions` in the initialize result; unset: the toolset's system prompt.
    std::optional<std::string> instructions{};

    /// While a `tools/call` that carries a progress token runs, a `notifications/progress` is sent this
    /// often (the first one after one interval, so quick calls send none).
    std::chrono::milliseconds progress_interval{std::chrono::seconds(1)};

    /// How long an `elicitation/create` (a permission question) waits for the client's answer; no answer
    /// in time counts as a refusal.
    std::chrono::milliseconds elicitation_timeout{std::chrono::minutes(10)};

    /// Receives one line per handled message and one at session start, without a trailing newline:
    /// `tools/call read_file 1.8 ms ok`, `tools/call execute 2013.0 ms tool-error`,
    /// `frobnicate - 0.0 ms error -32601`. Unset: nothing is logged. Called on the session's executor.
    std::function<void(std::string_view line)> log{};
};

/// \brief An MCP server over a \ref console_toolset: the tools, the protocol, no transport.
///
/// \details Speaks JSON-RPC 2.0 as MCP revision 2025-06-18 requires (`initialize` with version
/// negotiation down to 2024-11-05, `notifications/initialized`, `ping`, `tools/list`, `tools/call`,
/// `notifications/cancelled`, progress notifications, `logging/setLevel`), and turns a permission rule that
/// says `ask` into an `elicitation/create` request when the client declared the `elicitation` capability.
/// A transport (\ref serve_mcp_stdio, \ref mcp_http_server) makes one \ref mcp_session per client
/// connection and feeds it the client's messages.
///
/// \code
/// mcp_server server(console_toolset(std::make_shared<local_backend>(local_backend::options{.root = "."})));
/// co_await serve_mcp_stdio(server);
/// \endcode
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: safe (copies share the immutable configuration).
class mcp_server
{
public:
    explicit mcp_server(console_toolset tools, mcp_server_options opts = {});

    /// \brief A new client conversation, not yet initialized.
    std::shared_ptr<mcp_session> make_session() const;

    /// \brief The tools the server offers.
    const console_toolset& tools() const noexcept;

    /// \brief The options the server was made with.
    const mcp_server_options& options() const noexcept;

private:
    struct impl;
    std::shared_ptr<const impl> impl_;
};

}  // namespace agent_backends

#endif
