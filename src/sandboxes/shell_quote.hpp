// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_SHELL_QUOTE_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_SHELL_QUOTE_HPP

#include <string>
#include <string_view>

namespace agent_backends::detail {

/// `text` as one POSIX shell word in single quotes: `it's` -> `'it'\''s'`, `` -> `''`. Every byte but
/// the single quote stands for itself inside single quotes, so this is safe for any text without NUL.
std::string shell_quote(std::string_view text);

/// `text` as one shell word, quoted only when it needs to be (`/workspace/a.txt` stays as is, `a b`
/// becomes `'a b'`): for commands shown to a reader.
std::string shell_word(std::string_view text);

}  // namespace agent_backends::detail

#endif
