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
/// CRLF file a `\n` in old/new string stands for `\r\n`. Throws `error` with `invalid_argument` (empty
/// old_string), `no_match`, `not_unique`, `is_binary`; messages use `display_path` as given.
replaced_text apply_edit(std::string_view content, const edit_request& req, std::string_view display_path);

}  // namespace agent_backends::detail

#endif
