// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_CONSOLE_CONSOLE_TOOLSET_HPP
#define AGENT_BACKENDS_CONSOLE_CONSOLE_TOOLSET_HPP

#include <agent_backends/backend.hpp>
#include <agent_backends/console/console_options.hpp>
#include <agent_backends/console/tool_definition.hpp>
#include <agent_backends/console/tool_result.hpp>
#include <agent_backends/task.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends {

/// \brief The console tools a model uses on a \ref backend: `ls`, `read_file`, `write_file`, `edit_file`
/// (or `hashline_edit`), `glob`, `grep` and `execute`, with their definitions and a dispatcher.
///
/// \details Arguments travel as JSON text and are checked against each tool's schema before anything
/// runs: unknown names are refused with the list of accepted ones, a missing required argument is
/// named, and integers may be given as numeric strings (`"offset": "10"`). The answer is the text the
/// model reads, exactly as the console tools of the Python library word it (`Wrote 3 lines to /a.txt`,
/// `No matches for 'x'`, `Command failed (exit code 2):\n...`).
///
/// \code
/// console_toolset tools(std::make_shared<state_backend>());
/// tool_result r = co_await tools.call("write_file", R"({"path": "a.txt", "content": "hi\n"})");
/// // r.text == "Wrote 2 lines to /a.txt"
/// \endcode
///
/// \par Errors
/// \ref call throws \ref error with `errc::invalid_argument` for a call the model got wrong before any
/// tool ran (invalid JSON, unknown tool, unknown, missing or mistyped argument); a host shows the message
/// to the model or, for a command line, to the user. An \ref error thrown by the backend is not thrown on:
/// it becomes a result whose text is `"Error: " + what()` and whose `is_error` is set.
///
/// \par Cancellation
/// \ref call honours the cancellation types of the backend operation it runs (terminal at least) and
/// then throws `boost::asio::error::operation_aborted`; cancelling `execute` kills the command's process
/// group.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: safe (calls only read the toolset; the backend's own guarantee
/// applies to what they do).
class console_toolset
{
public:
    /// \param b Where the tools work. `execute` needs it to be a \ref sandbox.
    /// \param opts Which tools are offered and how they behave.
    explicit console_toolset(std::shared_ptr<backend> b, console_options opts = {});
    ~console_toolset();

    /// \brief Copies share the (immutable) definitions, options and backend.
    console_toolset(const console_toolset&);
    console_toolset& operator=(const console_toolset&);
    /// \brief A moved-from toolset may only be assigned to or destroyed.
    console_toolset(console_toolset&&) noexcept;
    console_toolset& operator=(console_toolset&&) noexcept;

    /// \brief The tools offered, in a stable order: ls, read_file, write_file, edit_file or hashline_edit,
    /// glob, grep, then execute when included.
    const std::vector<tool_definition>& definitions() const noexcept;

    /// \brief A short instruction for the model's system prompt naming the tools (and the hashline format
    /// in that mode).
    std::string system_prompt() const;

    /// \brief Runs one tool.
    /// \param name A name from \ref definitions.
    /// \param arguments_json A JSON object of arguments; an empty string means `{}`.
    /// \par Errors
    /// `invalid_argument` for a malformed call (see the class description). Tool failures are results.
    /// \par Cancellation
    /// That of the backend operation run (see the class description).
    /// \par Object lifetimes
    /// Both views are copied before the task starts; the toolset may be destroyed while a call runs.
    task<tool_result> call(std::string_view name, std::string_view arguments_json) const;

    /// \brief Runs one tool, asking `ask` (instead of \ref console_options::ask_callback) when a permission
    /// rule says `ask`; an MCP server passes a callback that asks its client.
    /// \details A call refused by the permission rules is a result, not an exception: its text is
    /// `"Error: Permission denied for write on '/a.txt': Protect sensitive files"` or
    /// `"Error: Permission required for execute on 'make'"` and `is_error` is set.
    task<tool_result> call(std::string_view name, std::string_view arguments_json,
                           permission_ask_callback ask) const;

    /// \brief The backend the tools work on.
    const std::shared_ptr<backend>& workspace() const noexcept;

    /// \brief The options the toolset was made with.
    const console_options& options() const noexcept;

private:
    struct impl;
    std::shared_ptr<const impl> impl_;
};

}  // namespace agent_backends

#endif
