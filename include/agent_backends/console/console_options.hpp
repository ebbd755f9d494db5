// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_CONSOLE_CONSOLE_OPTIONS_HPP
#define AGENT_BACKENDS_CONSOLE_CONSOLE_OPTIONS_HPP

#include <agent_backends/permissions/permission_checker.hpp>
#include <agent_backends/permissions/permission_ruleset.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace agent_backends {

/// \brief How the console tools let a model change a file.
enum class edit_format
{
    str_replace,  ///< `read_file` shows numbered lines; `edit_file` replaces an exact string.
    hashline,     ///< `read_file` shows `{n}:{hash}|{text}` lines; `hashline_edit` edits lines by hash.
};

/// \brief Which console tools are offered and how they behave.
struct console_options
{
    /// Offer `execute`. A call then needs a \ref sandbox backend; on any other backend it answers
    /// `"Error: Backend does not support command execution"`.
    bool include_execute{true};

    /// Mark `write_file`, `edit_file` and `hashline_edit` as needing a person's approval
    /// (\ref tool_definition::requires_approval). Recorded only: the toolset itself does not ask.
    bool require_write_approval{false};

    /// Mark `execute` as needing a person's approval. Recorded only, as above.
    bool require_execute_approval{true};

    /// Default of grep's `ignore_hidden` argument.
    bool default_ignore_hidden{true};

    /// `str_replace` (edit_file) or `hashline` (hashline view in read_file, hashline_edit).
    agent_backends::edit_format edit_format{agent_backends::edit_format::str_replace};

    /// read_file returns `.png`, `.jpg`, `.jpeg`, `.gif` and `.webp` files as \ref binary_content.
    bool image_support{false};

    /// Largest image read_file returns (50 MiB).
    std::uint64_t max_image_bytes{50ull << 20};

    /// read_file returns `.pdf` files as \ref binary_content.
    bool document_support{false};

    /// Largest document read_file returns (50 MiB).
    std::uint64_t max_document_bytes{50ull << 20};

    /// Tool name -> description replacing the built-in one (unknown names are ignored).
    std::map<std::string, std::string> descriptions{};

    /// Rules checked before each call (the target is the `path` argument, or the command for `execute`).
    /// When set, a tool whose operation is denied for every target (`check_sync(op, "*") == deny`) is not
    /// offered, and approval follows the rules instead of the two flags above: the write tools need
    /// approval when the `write` default is `ask`, `execute` when the `execute` default is `ask`.
    std::optional<permission_ruleset> permissions{};

    /// Asked when a rule says `ask` and the call brings no callback of its own.
    permission_ask_callback ask_callback{};

    /// What an `ask` decision does when there is no callback at all.
    agent_backends::ask_fallback ask_fallback{agent_backends::ask_fallback::error};
};

}  // namespace agent_backends

#endif
