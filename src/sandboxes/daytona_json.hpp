// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_DAYTONA_JSON_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_DAYTONA_JSON_HPP

// The JSON documents of Daytona's control plane and toolbox: what we send and what we read back. Readers
// return nothing for a document that does not have the documented shape.

#include <agent_backends/sandboxes/daytona_sandbox.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::detail {

/// The label that marks a remote sandbox as ours, valued with the sandbox id.
inline constexpr std::string_view daytona_sandbox_label = "agent-backends.sandbox";

/// What we use of a `Sandbox`.
struct daytona_remote_sandbox
{
    std::string id;
    std::string name;
    std::string state;
    std::string error_reason;
    std::string toolbox_proxy_url;
};

std::optional<daytona_remote_sandbox> parse_remote_sandbox(std::string_view body);

/// A list of sandboxes: a JSON array, or a page `{"items": [...]}`.
std::optional<std::vector<daytona_remote_sandbox>> parse_remote_sandbox_list(std::string_view body);

/// The `CreateSandbox` body: snapshot or `buildInfo` (image), env, labels with ours, resources,
/// auto-stop, target, user, name.
std::string create_sandbox_body(const daytona_sandbox_options& opts, std::string_view sandbox_id,
                                std::string_view target);

/// `{"labels":{"agent-backends.sandbox":"<id>"}}` as the list endpoint's `labels` query value wants it.
std::string label_filter(std::string_view sandbox_id);

/// The `message` of an error body (a string, or an array joined by `; `).
std::optional<std::string> error_message_of(std::string_view body);

/// What we use of a toolbox `FileInfo`.
struct daytona_file_entry
{
    std::string name;
    std::uint64_t size{0};
    bool is_dir{false};
    bool is_regular{false};                    ///< Neither a directory nor a device, pipe or socket.
    std::optional<std::string> modified_at{};  ///< ISO-8601 UTC, as our other backends write it.
};

std::optional<daytona_file_entry> parse_file_info(std::string_view body);
std::optional<std::vector<daytona_file_entry>> parse_file_list(std::string_view body);

/// `2026-03-01T12:00:00.123456789Z` or with an offset (Go's RFC 3339) as `2026-03-01T12:00:00.123456+00:00`.
std::optional<std::string> iso8601_from_rfc3339(std::string_view text);

/// One line `/files/find` reported.
struct daytona_find_match
{
    std::string file;
    std::size_t line{0};
    std::string content;
};

std::optional<std::vector<daytona_find_match>> parse_find_matches(std::string_view body);

/// The paths of `/files/search`: `{"files": [...]}`.
std::optional<std::vector<std::string>> parse_search_files(std::string_view body);

/// `{"<key>": "<text>"}` (the work dir's `dir`, the proxy URL's `url`, a command's `cmdId`).
std::optional<std::string> string_field_of(std::string_view body, std::string_view key);

/// A session command's status: `exitCode` is absent while it runs.
struct daytona_command_status
{
    std::optional<int> exit_code;
};

std::optional<daytona_command_status> parse_command_status(std::string_view body);

/// A session command's logs: `{"output": ...}` (or `stdout` + `stderr`), or plain text from older daemons.
std::string command_logs_of(std::string_view body);

}  // namespace agent_backends::detail

#endif
