// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_DETAIL_TEXT_EDIT_HPP
#define AGENT_BACKENDS_DETAIL_TEXT_EDIT_HPP

#include <agent_backends/types.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace agent_backends::detail {

struct replaced_text
{
    std::string content;
    std::size_t occurrences{0};
};

/// The exact-replace rule shared by every backend (spec/backends.md "edit"), keeping line endings: in a
/// CRLF file (its first line break is `\r\n`) a `\n` in old/new string stands for `\r\n` (an `\r\n` given
/// is kept as is). Occurrences are counted without overlap. Throws `error` with, in this order of checks,
/// `invalid_argument` "old_string must not be empty", `is_binary` "'{path}' is a binary file and cannot be
/// edited", `no_match` "String '{old}' not found in file", `not_unique` "String '{old}' found {n} times.
/// ..."; messages show old_string and `display_path` as the caller gave them.
replaced_text apply_edit(std::string_view content, const edit_request& req, std::string_view display_path);

}  // namespace agent_backends::detail

#endif
