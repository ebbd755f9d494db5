// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/permissions/permission_error.hpp>
#include <agent_backends/permissions/permission_guarded_backend.hpp>

#include <agent_backends/detail/virtual_path.hpp>

#include "permissions/permission_guarded_command.hpp"

#include <algorithm>
#include <optional>
#include <utility>

namespace agent_backends {
namespace {

using op = permission_operation;

// Rules are written for normalised paths; a path that does not normalise (it climbs above the root) is
// checked as given and left for the wrapped backend to refuse.
std::string target_of(std::string_view path)
{
    try
    {
        return detail::normalize_virtual_path(path);
    }
    catch (const error&)
    {
        return std::string(path);
    }
}

// A denial by the operation's rules, without asking anyone (listings and searches never ask).
void refuse_if_denied(const permission_checker& rules, permission_operation operation,
                      const std::string& target)
{
    if (rules.check_sync(operation, target) != permission_action::deny)
        return;
    const permission_rule* rule = rules.find_matching_rule(operation, target);
    throw permission_error::denied(operation, target,
                                   rule ? std::optional<permission_rule>(*rule) : std::nullopt);
}

void drop_denied(std::vector<file_info>& entries, const permission_checker& rules,
                 permission_operation operation)
{
    std::erase_if(entries, [&](const file_info& f) { return rules.is_denied(operation, f.path); });
}

sandbox& shell_of(sandbox* shell)
{
    if (!shell)
        throw error(errc::not_supported, "Backend does not support command execution");
    return *shell;
}

// The command is refused by a deny rule of `execute` first, then by a protected path it names; only a
// command that passes both is put to the callback when the rules say ask.
task<void> authorize_command(const permission_checker& rules, const std::string& command,
                             const std::string& working_dir)
{
    refuse_if_denied(rules, op::execute, command);
    detail::refuse_protected_paths(rules, command, working_dir);
    co_await rules.check(op::execute, command);
}

task<std::vector<file_info>> guarded_ls(backend& inner, const permission_checker& rules, std::string path)
{
    refuse_if_denied(rules, op::ls, target_of(path));
    auto entries = co_await inner.ls(path);
    drop_denied(entries, rules, op::ls);
    co_return entries;
}

task<std::string> guarded_read(backend& inner, const permission_checker& rules, std::string path,
                               read_options opts)
{
    co_await rules.check(op::read, target_of(path));
    co_return co_await inner.read(path, opts);
}

task<std::string> guarded_read_bytes(backend& inner, const permission_checker& rules, std::string path)
{
    co_await rules.check(op::read, target_of(path));
    co_return co_await inner.read_bytes(path);
}

task<write_result> guarded_write(backend& inner, const permission_checker& rules, std::string path,
                                 std::string content)
{
    co_await rules.check(op::write, target_of(path));
    co_return co_await inner.write(path, content);
}

task<edit_result> guarded_edit(backend& inner, const permission_checker& rules, std::string path,
                               edit_request req)
{
    co_await rules.check(op::edit, target_of(path));
    co_return co_await inner.edit(path, std::move(req));
}

task<std::vector<file_info>> guarded_glob(backend& inner, const permission_checker& rules,
                                          std::string pattern, std::string path)
{
    refuse_if_denied(rules, op::glob, target_of(path));
    auto entries = co_await inner.glob(pattern, path);
    drop_denied(entries, rules, op::glob);
    co_return entries;
}

task<std::vector<grep_match>> guarded_grep(backend& inner, const permission_checker& rules, grep_request req)
{
    refuse_if_denied(rules, op::grep, target_of(req.path));
    auto matches = co_await inner.grep(std::move(req));
    std::erase_if(matches, [&](const grep_match& m) {
        return rules.is_denied(op::grep, m.path) || rules.is_denied(op::read, m.path);
    });
    co_return matches;
}

task<execute_response> guarded_execute(sandbox* shell, const permission_checker& rules, std::string command,
                                       execute_options opts)
{
    auto& target = shell_of(shell);
    co_await authorize_command(rules, command, opts.working_dir);
    co_return co_await target.execute(command, std::move(opts));
}

task<std::shared_ptr<background_job>> guarded_start_background(sandbox* shell,
                                                               const permission_checker& rules,
                                                               std::string command, execute_options opts)
{
    auto& target = shell_of(shell);
    co_await authorize_command(rules, command, opts.working_dir);
    co_return co_await target.start_background(command, std::move(opts));
}

task<void> pass()
{
    co_return;
}

}  // namespace

permission_guarded_backend::permission_guarded_backend(std::shared_ptr<backend> inner,
                                                       permission_checker checker)
    : inner_(std::move(inner)), shell_(dynamic_cast<sandbox*>(inner_.get())), checker_(std::move(checker))
{
    if (!inner_)
        throw error(errc::invalid_argument, "permission_guarded_backend needs a backend to guard");
}

permission_guarded_backend::~permission_guarded_backend() = default;

// Each operation copies its views into the coroutine it returns, so callers may pass temporaries.

task<bool> permission_guarded_backend::exists(std::string_view path)
{
    return inner_->exists(path);
}

task<std::vector<file_info>> permission_guarded_backend::ls(std::string_view path)
{
    return guarded_ls(*inner_, checker_, std::string(path));
}

task<std::string> permission_guarded_backend::read(std::string_view path, read_options opts)
{
    return guarded_read(*inner_, checker_, std::string(path), opts);
}

task<std::string> permission_guarded_backend::read_bytes(std::string_view path)
{
    return guarded_read_bytes(*inner_, checker_, std::string(path));
}

task<write_result> permission_guarded_backend::write(std::string_view path, std::string_view content)
{
    return guarded_write(*inner_, checker_, std::string(path), std::string(content));
}

task<edit_result> permission_guarded_backend::edit(std::string_view path, edit_request req)
{
    return guarded_edit(*inner_, checker_, std::string(path), std::move(req));
}

task<std::vector<file_info>> permission_guarded_backend::glob(std::string_view pattern, std::string_view path)
{
    return guarded_glob(*inner_, checker_, std::string(pattern), std::string(path));
}

task<std::vector<grep_match>> permission_guarded_backend::grep(grep_request req)
{
    return guarded_grep(*inner_, checker_, std::move(req));
}

std::string_view permission_guarded_backend::id() const
{
    return shell_ ? shell_->id() : std::string_view{};
}

task<execute_response> permission_guarded_backend::execute(std::string_view command, execute_options opts)
{
    return guarded_execute(shell_, checker_, std::string(command), std::move(opts));
}

task<std::shared_ptr<background_job>> permission_guarded_backend::start_background(std::string_view command,
                                                                                   execute_options opts)
{
    return guarded_start_background(shell_, checker_, std::string(command), std::move(opts));
}

task<void> permission_guarded_backend::start()
{
    return shell_ ? shell_->start() : pass();
}

task<void> permission_guarded_backend::stop()
{
    return shell_ ? shell_->stop() : pass();
}

}  // namespace agent_backends
