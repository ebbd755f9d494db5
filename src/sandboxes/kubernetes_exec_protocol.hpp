// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_KUBERNETES_EXEC_PROTOCOL_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_KUBERNETES_EXEC_PROTOCOL_HPP

// Pod exec over a WebSocket (`v5.channel.k8s.io`, `v4.channel.k8s.io`), without sockets: the request
// target, the channel framing of each message, the Status object that ends the stream.

#include <boost/system/result.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::detail {

inline constexpr std::string_view exec_protocol_v5 = "v5.channel.k8s.io";
inline constexpr std::string_view exec_protocol_v4 = "v4.channel.k8s.io";

/// Percent-encodes everything but the unreserved characters of RFC 3986 (a query value).
std::string url_encode(std::string_view text);

/// `/api/v1/namespaces/{ns}/pods/{pod}/exec?container=..&command=..&stdin=..&stdout=true&stderr=true`,
/// one `command=` per argv element, in order.
std::string exec_target(std::string_view namespace_name, std::string_view pod, std::string_view container,
                        const std::vector<std::string>& argv, bool with_stdin);

/// What one message from the server carries.
struct exec_message
{
    enum class kind
    {
        ignored,  ///< The readiness message (a channel byte alone), or an empty message.
        stdout_data,
        stderr_data,
        status,  ///< Channel 3: a `Status` object (\ref parse_exec_status).
    };
    kind type{kind::ignored};
    std::string_view payload;  ///< The bytes after the channel byte.

    bool operator==(const exec_message&) const = default;
};

/// Splits a message into channel and payload. Fails with `errc::protocol_error` for a channel a server
/// never writes on.
boost::system::result<exec_message> decode_exec_message(std::string_view message) noexcept;

/// How the command ended, from the channel-3 `Status`.
struct exec_status
{
    std::optional<int> exit_code;  ///< `Success` → 0; `NonZeroExitCode` → the `ExitCode` cause.
    std::string failure;           ///< Otherwise: the server's message (the command did not run).

    bool operator==(const exec_status&) const = default;
};

/// Reads a channel-3 `Status`. Fails with `errc::protocol_error` when it is not a JSON object.
boost::system::result<exec_status> parse_exec_status(std::string_view json);

/// A message for the command's stdin: channel 0 then the bytes.
std::string stdin_message(std::string_view data);

/// The v5 message that closes the command's stdin: `[0xFF, 0x00]`.
std::string stdin_close_message();

}  // namespace agent_backends::detail

#endif
