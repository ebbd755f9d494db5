// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_CONSOLE_BINARY_FILES_HPP
#define AGENT_BACKENDS_SRC_CONSOLE_BINARY_FILES_HPP

#include <agent_backends/backend.hpp>
#include <agent_backends/console/console_options.hpp>
#include <agent_backends/console/tool_result.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// A kind of file read_file hands to the model as bytes.
struct binary_kind
{
    std::string_view noun;  ///< "Image" or "Document", as the messages say.
    std::string_view mime_type;
    std::uint64_t max_bytes{0};
};

/// The kind of `path` by its extension (after the last `.`, any case), when that kind is enabled.
std::optional<binary_kind> binary_kind_for(std::string_view path, const console_options& opts);

/// The file as \ref binary_content, or the tool error for a missing, empty or oversized file:
/// `Error: {noun} file '{path}' not found or empty`, `Error: {noun} '{path}' too large ({x}MB, max {y}MB)`.
/// Other backend errors are thrown.
task<tool_result> read_binary_file(backend& b, std::string path, binary_kind kind);

/// `{noun} '{path}' too large ({size:.1f}MB, max {max:.1f}MB)` with MB = 1024 * 1024 bytes.
std::string too_large_message(const binary_kind& kind, std::string_view path, std::uint64_t size);

}  // namespace agent_backends::detail

#endif
