// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_CONSOLE_TOOL_DESCRIPTIONS_HPP
#define AGENT_BACKENDS_SRC_CONSOLE_TOOL_DESCRIPTIONS_HPP

#include <string_view>

namespace agent_backends::detail {

// What the model reads about each tool: what it does, when to use it (or another tool), what it returns.
extern const std::string_view ls_description;
extern const std::string_view read_file_description;
extern const std::string_view hashline_read_file_description;
extern const std::string_view write_file_description;
extern const std::string_view edit_file_description;
extern const std::string_view hashline_edit_description;
extern const std::string_view glob_description;
extern const std::string_view grep_description;
extern const std::string_view execute_description;

}  // namespace agent_backends::detail

#endif
