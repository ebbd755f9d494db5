// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_PERMISSIONS_PERMISSION_GUARDED_BACKEND_HPP
#define AGENT_BACKENDS_PERMISSIONS_PERMISSION_GUARDED_BACKEND_HPP

#include <agent_backends/backend.hpp>
#include <agent_backends/permissions/permission_checker.hpp>
#include <agent_backends/sandbox.hpp>
#include <agent_backends/task.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends {

/// \brief A \ref sandbox that applies permission rules to every operation of another backend before (and,
/// for listings and searches, after) passing it on.
///
/// \details Wraps any \ref backend; commands run only when the wrapped backend is a \ref sandbox. Paths are
/// checked in their normalised virtual form (`a/../b.txt` is checked as `/b.txt`), commands as given.
/// - `read`, `read_bytes`: the `read` rules; `write`: `write`; `edit`: `edit`. A denial throws; an `ask`
///   decision asks the checker's callback, or follows its fallback.
/// - `ls`, `glob`: an entry whose path the operation's rules deny is left out (`ask` keeps it visible);
///   a denied directory to list or search from throws.
/// - `grep`: a denied search root throws (`Permission denied for grep on '/private'`); a match in a file
///   denied for `grep` or for `read` is left out.
/// - `execute`, `start_background`: the command is checked against the `execute` rules (deny throws, ask
///   asks). Before asking, every path-looking word of the command (starting with `/`, `./`, `../`, `~` or
///   `.` as dotfiles do, or containing `/`) is checked, as written and resolved against the working
///   directory (`~` against `$HOME`): the command is refused when one is denied for `read` or `write`.
///   This is defence in depth, not a sandbox: a command can always build a path the check cannot see.
/// - `exists`, `id`, `start`, `stop` pass through unchecked.
///
/// \code
/// auto guarded = std::make_shared<permission_guarded_backend>(
///     std::make_shared<local_backend>(pool.get_executor(), local_backend_options{.root = "/work"}),
///     permission_checker(default_ruleset(), ask_a_person));
/// co_await guarded->read("/.env");  // Permission denied for read on '/.env': Protect sensitive files
/// \endcode
///
/// \par Errors
/// \ref permission_error (`errc::permission_denied`) for a refused operation, before the wrapped backend
/// sees it; `errc::not_supported` for `execute` or `start_background` when the wrapped backend is not a
/// sandbox; otherwise whatever the wrapped backend throws.
///
/// \par Cancellation
/// As the wrapped operation; an ask in progress is cancelled with it (`operation_aborted` propagates).
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: as safe as the wrapped backend and the ask callback.
class permission_guarded_backend final : public sandbox
{
public:
    /// \param inner The backend the operations run on; must not be null.
    /// \param checker The rules, with the callback asked for `ask` decisions and the fallback without one.
    permission_guarded_backend(std::shared_ptr<backend> inner, permission_checker checker);
    ~permission_guarded_backend() override;

    /// \brief The wrapped backend.
    const std::shared_ptr<backend>& inner() const noexcept { return inner_; }

    /// \brief The rules applied.
    const permission_checker& checker() const noexcept { return checker_; }

    task<bool> exists(std::string_view path) override;
    task<std::vector<file_info>> ls(std::string_view path) override;
    task<std::string> read(std::string_view path, read_options opts = {}) override;
    task<std::string> read_bytes(std::string_view path) override;
    task<write_result> write(std::string_view path, std::string_view content) override;
    task<edit_result> edit(std::string_view path, edit_request req) override;
    task<std::vector<file_info>> glob(std::string_view pattern, std::string_view path = "/") override;
    task<std::vector<grep_match>> grep(grep_request req) override;

    /// \brief The wrapped sandbox's id, or an empty view when the wrapped backend is not a sandbox.
    std::string_view id() const override;
    task<execute_response> execute(std::string_view command, execute_options opts = {}) override;
    task<std::shared_ptr<background_job>> start_background(std::string_view command,
                                                           execute_options opts = {}) override;
    /// \brief Starts the wrapped sandbox; does nothing for a plain backend.
    task<void> start() override;
    /// \brief Stops the wrapped sandbox; does nothing for a plain backend.
    task<void> stop() override;

private:
    std::shared_ptr<backend> inner_;
    sandbox* shell_;  // inner_ as a sandbox, or null
    permission_checker checker_;
};

}  // namespace agent_backends

#endif
