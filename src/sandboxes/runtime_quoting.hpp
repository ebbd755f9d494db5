// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_RUNTIME_QUOTING_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_RUNTIME_QUOTING_HPP

// How runtime values are written into a Dockerfile and into validation messages.

#include <string>
#include <string_view>

namespace agent_backends::detail {

/// One shell word: unchanged when it holds only `A-Za-z0-9_@%+=:,./-` (and is not empty), else in single
/// quotes with each `'` written as `'"'"'` (the rule of Python's `shlex.quote`).
std::string shlex_quote(std::string_view value);

/// A string as Python's `repr` shows it: single quotes unless the text holds `'` and no `"`; backslash,
/// the quote, tab, newline and carriage return escaped; other control characters as `\xNN`.
std::string python_repr(std::string_view value);

}  // namespace agent_backends::detail

#endif
