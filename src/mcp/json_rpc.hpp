// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_MCP_JSON_RPC_HPP
#define AGENT_BACKENDS_SRC_MCP_JSON_RPC_HPP

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace agent_backends::detail {

/// JSON-RPC 2.0 error codes used by the MCP server.
namespace rpc_code {
inline constexpr int parse_error = -32700;
inline constexpr int invalid_request = -32600;
inline constexpr int method_not_found = -32601;
inline constexpr int invalid_params = -32602;
inline constexpr int internal_error = -32603;
}  // namespace rpc_code

/// What one line of client input turned out to be.
enum class rpc_kind
{
    request,       ///< method and id: answer it.
    notification,  ///< method, no id: never answered.
    response,      ///< id and result or error: the answer to one of our requests.
    invalid,       ///< answered with `error_code` / `error_message` (id null unless it was readable).
};

/// One parsed JSON-RPC message. Sans-io: built from text, no transport involved.
struct rpc_message
{
    rpc_kind kind{rpc_kind::invalid};
    boost::json::value id{};       ///< Request or response id; null when absent or unusable.
    std::string method{};          ///< Requests and notifications.
    boost::json::object params{};  ///< Empty when absent.
    boost::json::value result{};   ///< A response's `result` (null for an error response).
    bool is_error_response{false};
    int error_code{0};            ///< For `invalid`.
    std::string error_message{};  ///< For `invalid`.
};

/// Classifies `text`: parse error (-32700), a batch, a non-object, a wrong `jsonrpc` member or an id that is
/// neither a string nor an integer (-32600), non-object params of a request (-32602).
rpc_message parse_rpc_message(std::string_view text);

/// `{"jsonrpc":"2.0","id":ID,"result":RESULT}`.
std::string rpc_result(const boost::json::value& id, boost::json::value result);

/// `{"jsonrpc":"2.0","id":ID,"error":{"code":CODE,"message":MESSAGE}}`.
std::string rpc_error(const boost::json::value& id, int code, std::string_view message);

/// `{"jsonrpc":"2.0","method":METHOD,"params":PARAMS}`.
std::string rpc_notification(std::string_view method, boost::json::object params);

/// `{"jsonrpc":"2.0","id":ID,"method":METHOD,"params":PARAMS}`.
std::string rpc_request(const boost::json::value& id, std::string_view method, boost::json::object params);

/// A map key for an id that keeps `1` and `"1"` apart (its JSON text).
std::string rpc_id_key(const boost::json::value& id);

/// Whether `id` may be a request id (a string or an integer).
bool is_valid_rpc_id(const boost::json::value& id) noexcept;

}  // namespace agent_backends::detail

#endif
