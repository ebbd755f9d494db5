// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>

#include <agent_backends/detail/binary_detection.hpp>
#include <agent_backends/detail/numbered_lines.hpp>
#include <agent_backends/detail/text_edit.hpp>

#include "sandboxes/shell_quote.hpp"
#include "sandboxes/shell_sandbox_core.hpp"

#include <charconv>
#include <utility>

namespace agent_backends::detail {
namespace {

// Exit statuses of the file scripts below.
constexpr int status_missing = 3;
constexpr int status_directory = 4;
constexpr int status_not_regular = 5;
constexpr int status_unreadable = 6;
constexpr int status_over_limit = 7;  ///< The file's size is printed.
constexpr int status_no_parent = 8;   ///< mkdir's message is printed.
constexpr int status_unwritable = 9;
constexpr int status_short_input = 10;
constexpr int status_not_replaced = 11;

// $1 path, $2 limit. The size is checked before a byte is sent, so a large file costs nothing.
constexpr std::string_view read_script = R"sh(p=$1
[ -d "$p" ] && exit 4
[ -e "$p" ] || exit 3
[ -f "$p" ] || exit 5
[ -r "$p" ] || exit 6
s=$(stat -L -c %s -- "$p" 2>/dev/null) || s=$(wc -c < "$p")
if [ "$s" -gt "$2" ]; then printf %s "$s"; exit 7; fi
exec cat -- "$p")sh";

// $1 path, $2 byte count. Exactly that many bytes of stdin go to a temporary file beside the target,
// which replaces it in one rename: a reader sees the old or the new file, never a part. A link is
// written through, and an existing file keeps its permissions.
constexpr std::string_view write_script = R"sh(p=$1; n=$2
[ -d "$p" ] && exit 4
if [ -L "$p" ]; then t=$(readlink -f -- "$p") && [ -n "$t" ] && p=$t; fi
[ -d "$p" ] && exit 4
case $p in */*) d=${p%/*};; *) d=.;; esac
[ -n "$d" ] || d=/
m=$(mkdir -p -- "$d" 2>&1) || { printf %s "$m"; exit 8; }
t="$d/.agent-backends-write.$$"
head -c "$n" > "$t" 2>/dev/null || { rm -f -- "$t"; exit 9; }
s=$(wc -c < "$t")
[ "$s" -eq "$n" ] || { rm -f -- "$t"; exit 10; }
[ -f "$p" ] && chmod "$(stat -c %a -- "$p")" "$t" 2>/dev/null
mv -f -- "$t" "$p" 2>/dev/null || { rm -f -- "$t"; exit 11; })sh";

/// `script` with its positional parameters set to `arguments`.
std::string with_arguments(std::string_view script, std::initializer_list<std::string_view> arguments)
{
    std::string out = "set --";
    for (auto argument : arguments)
        out += " " + shell_quote(argument);
    out += '\n';
    out += script;
    return out;
}

std::string trimmed(std::string text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.pop_back();
    return text;
}

[[noreturn]] void throw_unexpected(std::string_view action, std::string_view given, const script_output& run)
{
    auto detail = trimmed(run.err.empty() ? run.out : run.err);
    throw error(errc::unavailable,
                "Cannot " + std::string(action) + " '" + std::string(given) + "' in the container: " +
                    (detail.empty() ? "exit status " + std::to_string(run.exit_code.value_or(-1)) : detail));
}

task<std::string> read_bytes_of(core_ptr self, std::string path, shell_file_limits limits)
{
    auto resolved = resolve_remote_path(path, self->work_dir);
    auto target = co_await self->ensure_started();
    const auto limit = limits.max_read_bytes;
    auto run =
        co_await run_script(self, target, with_arguments(read_script, {resolved, std::to_string(limit)}),
                            {.max_out = limit, .timeout = limits.timeout, .what = "reading '" + path + "'"});
    switch (run.exit_code.value_or(-1))
    {
        case 0:
            break;
        case status_missing:
            throw error(errc::not_found, "File '" + path + "' not found");
        case status_directory:
            throw error(errc::is_directory, "'" + path + "' is a directory");
        case status_not_regular:
            throw error(errc::invalid_argument, "'" + path + "' is not a regular file");
        case status_unreadable:
            throw error(errc::permission_denied, "Permission denied for '" + path + "'");
        case status_over_limit: {
            std::uint64_t size = limit + 1;
            std::from_chars(run.out.data(), run.out.data() + run.out.size(), size);
            throw error(errc::too_large, too_large_message(size, limit, resolved));
        }
        default:
            throw_unexpected("read", path, run);
    }
    if (run.overflowed)  // it grew between the check and the copy
        throw error(errc::too_large, too_large_message(limit + 1, limit, resolved));
    self->touch();
    co_return std::move(run.out);
}

/// Writes `content` to `resolved`; `given` names it in messages.
task<void> store(core_ptr self, std::string resolved, std::string content, std::string given,
                 shell_file_limits limits)
{
    if (resolved == "/")
        throw error(errc::is_directory, "'" + given + "' is a directory");
    auto target = co_await self->ensure_started();
    const auto size = content.size();
    auto run = co_await run_script(
        self, target, with_arguments(write_script, {resolved, std::to_string(size)}),
        {.stdin_text = std::move(content), .timeout = limits.timeout, .what = "writing '" + given + "'"});
    switch (run.exit_code.value_or(-1))
    {
        case 0:
            break;
        case status_directory:
            throw error(errc::is_directory, "'" + given + "' is a directory");
        case status_no_parent:
            throw error(errc::invalid_argument,
                        "Cannot write '" + given + "': cannot create its directory: " + trimmed(run.out));
        case status_unwritable:
        case status_not_replaced:
            throw error(errc::permission_denied, "Permission denied for '" + given + "'");
        case status_short_input:
            throw error(errc::unavailable, "Cannot write '" + given + "': the connection ended before all " +
                                               std::to_string(size) + " bytes arrived; nothing was changed");
        default:
            throw_unexpected("write", given, run);
    }
    self->touch();
}

}  // namespace

task<bool> shell_exists(core_ptr self, std::string path, shell_file_limits limits)
{
    auto resolved = resolve_remote_path(path, self->work_dir);
    auto target = co_await self->ensure_started();
    auto run = co_await run_script(self, target, "[ -f " + shell_quote(resolved) + " ]",
                                   {.timeout = limits.timeout, .what = "checking '" + path + "'"});
    self->touch();
    co_return run.exit_code == 0;
}

task<std::string> shell_read_bytes(core_ptr self, std::string path, shell_file_limits limits)
{
    return read_bytes_of(std::move(self), std::move(path), limits);
}

task<std::string> shell_read(core_ptr self, std::string path, read_options opts, shell_file_limits limits)
{
    auto content = co_await read_bytes_of(self, path, limits);
    if (looks_binary(content))
        throw error(errc::is_binary,
                    "'" + path + "' is a binary file (" + std::to_string(content.size()) + " bytes)");
    co_return render_numbered_lines(content, opts);
}

task<write_result> shell_write(core_ptr self, std::string path, std::string content, shell_file_limits limits)
{
    auto resolved = resolve_remote_path(path, self->work_dir);
    co_await store(self, resolved, std::move(content), path, limits);
    co_return write_result{std::move(resolved)};
}

task<edit_result> shell_edit(core_ptr self, std::string path, edit_request request, shell_file_limits limits)
{
    auto resolved = resolve_remote_path(path, self->work_dir);
    auto content = co_await read_bytes_of(self, path, limits);
    auto replaced = apply_edit(content, request, path);
    co_await store(self, resolved, std::move(replaced.content), path, limits);
    co_return edit_result{std::move(resolved), replaced.occurrences};
}

}  // namespace agent_backends::detail
