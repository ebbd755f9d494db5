// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_CONSOLE_TOOL_DEFINITION_HPP
#define AGENT_BACKENDS_CONSOLE_TOOL_DEFINITION_HPP

#include <string>
#include <vector>

namespace agent_backends {

/// \brief What a model is told about one console tool, ready for a tool list (MCP `tools/list`, an LLM
/// API's `tools`).
///
/// \details `input_schema` is JSON text (JSON Schema draft 2020-12): an object with `properties` (each
/// with a `type`, a `description` and, when optional, its `default`), `required` and
/// `additionalProperties: false`. It is text so that no JSON library appears in public headers.
/// `input_examples` are argument objects (JSON text) that pass that schema and show typical calls, one
/// of them with optional arguments; hosts may pass them on (Anthropic's tool `input_examples`) or put
/// them in a prompt.
struct tool_definition
{
    std::string name;               ///< `ls`, `read_file`, `write_file`, `edit_file`, `hashline_edit`, ...
    std::string description;        ///< Usage guidance for the model (overridable per tool).
    std::string input_schema;       ///< JSON Schema of the arguments object, as JSON text.
    std::string operation;          ///< What the tool does, for permission rules: `ls`, `read`, `write`,
                                    ///< `edit`, `glob`, `grep` or `execute`.
    bool requires_approval{false};  ///< A host should ask a person before running a call of this tool.
    std::vector<std::string> input_examples{};  ///< Example argument objects, each JSON text.

    bool operator==(const tool_definition&) const = default;
};

}  // namespace agent_backends

#endif
