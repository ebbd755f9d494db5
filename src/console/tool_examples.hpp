// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_CONSOLE_TOOL_EXAMPLES_HPP
#define AGENT_BACKENDS_SRC_CONSOLE_TOOL_EXAMPLES_HPP

#include <string>
#include <vector>

namespace agent_backends::detail {

// Example argument objects (JSON text) shown to the model with each tool: at least one with the
// required arguments only and one with optional ones. They all work on the same small Python project
// (`src/app.py`), so a reader can follow them; the hashline hashes are those of its lines.
std::vector<std::string> ls_examples();
std::vector<std::string> read_file_examples();
std::vector<std::string> write_file_examples();
std::vector<std::string> edit_file_examples();
std::vector<std::string> hashline_edit_examples();
std::vector<std::string> glob_examples();
std::vector<std::string> grep_examples();
std::vector<std::string> execute_examples();

}  // namespace agent_backends::detail

#endif
