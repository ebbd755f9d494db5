// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/with_timeout.hpp>

#include <agent_backends/detail/binary_detection.hpp>
#include <agent_backends/detail/numbered_lines.hpp>
#include <agent_backends/detail/text_edit.hpp>
#include <agent_backends/detail/virtual_path.hpp>

#include "sandboxes/daytona_command.hpp"
#include "sandboxes/daytona_sandbox_state.hpp"
#include "sandboxes/shell_quote.hpp"

#include <utility>

namespace agent_backends::detail {
namespace {

constexpr std::size_t max_error_body = 64 * 1024;

[[noreturn]] void throw_file_not_found(std::string_view given)
{
    throw error(errc::not_found, "File '" + std::string(given) + "' not found");
}

[[noreturn]] void throw_is_directory(std::string_view given)
{
    throw error(errc::is_directory, "'" + std::string(given) + "' is a directory");
}

/// A file name as a quoted multipart parameter (the toolbox takes the path from the query, not from it).
std::string quoted_file_name(std::string_view name)
{
    std::string out = "\"";
    for (char c : name)
    {
        if (c == '"')
            out += "%22";
        else if (c == '\r')
            out += "%0D";
        else if (c == '\n')
            out += "%0A";
        else
            out += c;
    }
    return out + "\"";
}

/// `multipart/form-data` with the one part `file` the toolbox's upload wants.
std::string multipart_file_body(std::string_view boundary, std::string_view file_name,
                                std::string_view content)
{
    std::string body;
    body.reserve(content.size() + 256);
    body += "--";
    body += boundary;
    body += "\r\nContent-Disposition: form-data; name=\"file\"; filename=" + quoted_file_name(file_name) +
            "\r\nContent-Type: application/octet-stream\r\n\r\n";
    body += content;
    body += "\r\n--";
    body += boundary;
    body += "--\r\n";
    return body;
}

std::chrono::milliseconds transfer_limit(const daytona_sandbox_state& self)
{
    auto limit = self.opts.http.request_timeout;
    return limit.count() > 0 ? limit : std::chrono::milliseconds(std::chrono::hours(24));
}

task<std::string> read_body(http_response_stream& stream, std::size_t limit)
{
    co_return co_await stream.read_all(limit);
}

/// Uploads `content` to `path` (the toolbox creates parent directories and replaces the file in place).
task<void> upload_file(daytona_state_ptr self, remote_ptr remote, std::string path, std::string content,
                       std::string given)
{
    const auto boundary = "agent-backends-" + random_token();
    http_request req{.method = "POST",
                     .target = "/files/upload?path=" + query_escape(path),
                     .headers = {{"Content-Type", "multipart/form-data; boundary=" + boundary}},
                     .body = multipart_file_body(boundary, base_name(path), content)};
    const auto target = req.target;
    auto res = co_await on_remote(self, remote, remote->toolbox->send(std::move(req)));
    if (res.status < 300)
        co_return;
    // The toolbox answers 400 with the operating system's text; say what it means where we can.
    auto info = co_await remote_file_info(self, remote, path);
    if (info && info->is_dir)
        throw_is_directory(given);
    co_await throw_if_lost(self, remote);
    if (res.status == 400)
    {
        auto message = error_message_of(res.body);
        throw error(errc::invalid_argument,
                    "Cannot write '" + given + "'" + (message ? ": " + *message : std::string()));
    }
    remote->toolbox->refuse(res, "POST", target);
}

task<std::string> read_bytes_of(daytona_state_ptr self, std::string path)
{
    auto remote = co_await ensure_started(self);
    auto resolved = resolve_remote_path(path, remote->work_dir);
    auto content = co_await download_file(self, remote, std::move(resolved), path, self->opts.max_read_bytes);
    self->touch();
    co_return content;
}

}  // namespace

task<std::optional<daytona_file_entry>> remote_file_info(daytona_state_ptr self, remote_ptr remote,
                                                         std::string path)
{
    const auto target = "/files/info?path=" + query_escape(path);
    auto res = co_await toolbox_call(self, remote, {.target = target}, {404});
    if (res.status == 404)
    {
        co_await throw_if_lost(self, remote);  // a gone sandbox answers 404 alike
        co_return std::nullopt;
    }
    auto info = parse_file_info(res.body);
    if (!info)
        remote->toolbox->malformed("GET", target, "not a FileInfo object");
    co_return info;
}

task<std::string> download_file(daytona_state_ptr self, remote_ptr remote, std::string path,
                                std::string given, std::size_t limit)
{
    auto info = co_await remote_file_info(self, remote, path);
    if (!info)
        throw_file_not_found(given);
    if (info->is_dir)
        throw_is_directory(given);
    if (!info->is_regular)
        throw error(errc::invalid_argument, "'" + given + "' is not a regular file");
    if (info->size > limit)
        throw error(errc::too_large, too_large_message(info->size, limit, path));

    const auto target = "/files/download?path=" + query_escape(path);
    auto stream = co_await on_remote(self, remote, remote->toolbox->open({.target = target}));
    if (stream.status() == 404)
        throw_file_not_found(given);  // removed meanwhile
    if (stream.status() != 200)
    {
        auto res = stream.response();
        res.body = co_await stream.read_all(max_error_body);
        co_await throw_if_lost(self, remote);
        remote->toolbox->refuse(res, "GET", target);
    }
    bool grew = false;
    std::string content;
    try
    {
        content = co_await with_timeout(read_body(stream, limit), transfer_limit(*self));
    }
    catch (const error& e)
    {
        if (e.condition() != errc::too_large)
            throw;
        grew = true;
    }
    if (grew)
        throw error(errc::too_large, too_large_message(limit + 1, limit, path));
    co_return content;
}

task<bool> sandbox_exists(daytona_state_ptr self, std::string path)
{
    auto remote = co_await ensure_started(self);
    auto resolved = resolve_remote_path(path, remote->work_dir);
    auto info = co_await remote_file_info(self, remote, std::move(resolved));
    self->touch();
    co_return info && info->is_regular;
}

task<std::string> sandbox_read_bytes(daytona_state_ptr self, std::string path)
{
    return read_bytes_of(std::move(self), std::move(path));
}

task<std::string> sandbox_read(daytona_state_ptr self, std::string path, read_options opts)
{
    auto content = co_await read_bytes_of(self, path);
    if (looks_binary(content))
        throw error(errc::is_binary,
                    "'" + path + "' is a binary file (" + std::to_string(content.size()) + " bytes)");
    co_return render_numbered_lines(content, opts);
}

task<write_result> sandbox_write(daytona_state_ptr self, std::string path, std::string content)
{
    auto remote = co_await ensure_started(self);
    auto resolved = resolve_remote_path(path, remote->work_dir);
    if (resolved == "/")
        throw_is_directory(path);
    co_await upload_file(self, remote, resolved, std::move(content), path);
    self->touch();
    co_return write_result{std::move(resolved)};
}

task<edit_result> sandbox_edit(daytona_state_ptr self, std::string path, edit_request request)
{
    auto remote = co_await ensure_started(self);
    auto resolved = resolve_remote_path(path, remote->work_dir);
    auto content = co_await download_file(self, remote, resolved, path, self->opts.max_read_bytes);
    auto replaced = apply_edit(content, request, path);
    co_await upload_file(self, remote, resolved, std::move(replaced.content), path);
    self->touch();
    co_return edit_result{std::move(resolved), replaced.occurrences};
}

}  // namespace agent_backends::detail
