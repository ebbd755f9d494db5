// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_CONSOLE_TOOL_RESULT_HPP
#define AGENT_BACKENDS_CONSOLE_TOOL_RESULT_HPP

#include <optional>
#include <string>

namespace agent_backends {

/// \brief File bytes handed to a multimodal model as they are (an image, a PDF).
struct binary_content
{
    std::string data;       ///< The file's bytes.
    std::string mime_type;  ///< `image/png`, `image/jpeg`, `image/gif`, `image/webp` or `application/pdf`.

    bool operator==(const binary_content&) const = default;
};

/// \brief What one console tool call answered.
///
/// \details A failed operation is still a result: its `text` starts with `"Error: "` and `is_error` is set,
/// so the model can read what went wrong and try again. A command that exits non-zero is not an error
/// (`"Command failed (exit code N):\n..."`).
struct tool_result
{
    std::string text;                         ///< What the model reads; a one-line summary for `content`.
    bool is_error{false};                     ///< The tool reported an error (`text` starts `"Error: "`).
    std::optional<binary_content> content{};  ///< Set when read_file returns an image or a document.

    bool operator==(const tool_result&) const = default;
};

}  // namespace agent_backends

#endif
