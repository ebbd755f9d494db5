// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_MCP_TOOL_CONTENT_HPP
#define AGENT_BACKENDS_SRC_MCP_TOOL_CONTENT_HPP

#include <agent_backends/console/tool_result.hpp>

#include <boost/json/object.hpp>

#include <string>
#include <string_view>

namespace agent_backends::detail {

/// The MCP `CallToolResult` of a console result: a text item; for an image also an `image` item (base64);
/// for any other file content an embedded `resource` with a `file://` URI built from `path` and a base64
/// `blob`; `isError` when the tool failed.
boost::json::object call_tool_result(const tool_result& r, std::string_view path);

/// A tool error the model can read and act on (`isError` set), e.g. for a malformed argument.
boost::json::object call_tool_error(std::string text);

/// `file://` followed by the virtual path made absolute and percent-encoded (`/a b.pdf` ->
/// `file:///a%20b.pdf`).
std::string file_uri(std::string_view path);

}  // namespace agent_backends::detail

#endif
