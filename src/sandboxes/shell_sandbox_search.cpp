// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>

#include <agent_backends/detail/glob_pattern.hpp>
#include <agent_backends/detail/virtual_path.hpp>

#include "backends/local_file_io.hpp"
#include "sandboxes/remote_paths.hpp"
#include "sandboxes/shell_listing.hpp"
#include "sandboxes/shell_sandbox_core.hpp"

#include <algorithm>
#include <utility>

namespace agent_backends::detail {
namespace {

/// Most a listing or search may print before it is refused as too large.
constexpr std::size_t max_listing_bytes = 64 * 1024 * 1024;

file_info info_of(const listed_entry& entry)
{
    auto path = lexically_normal_absolute(entry.path);
    auto name = std::string(base_name(path));
    const bool dir = entry.is_dir();
    return {std::move(name), std::move(path), dir,
            dir ? std::nullopt : std::optional<std::uint64_t>(entry.size), iso8601_utc(entry.mtime, 0)};
}

/// Runs a listing script and parses what it printed; empty when its start path is missing.
task<std::optional<std::vector<listed_entry>>> run_listing(core_ptr self,
                                                           std::shared_ptr<container_exec> target,
                                                           std::string script, std::string given)
{
    auto run = co_await run_script(self, std::move(target), std::move(script),
                                   {.max_out = max_listing_bytes, .what = "listing '" + given + "'"});
    if (run.exit_code == missing_path_status)
        co_return std::nullopt;
    if (run.exit_code != 0)
        throw error(errc::unavailable, "Cannot list '" + given + "' in the container: " +
                                           (run.err.empty() ? "the listing command failed" : run.err));
    if (run.overflowed)
        throw error(errc::too_large, "The listing of '" + given + "' is larger than " +
                                         std::to_string(max_listing_bytes) +
                                         " bytes; list a smaller directory");
    auto entries = parse_listing(run.out);
    if (!entries)
        throw error(errc::protocol_error, "The listing of '" + given + "' came back malformed");
    co_return std::move(*entries);
}

task<std::vector<grep_line>> run_grep(core_ptr self, std::shared_ptr<container_exec> target,
                                      grep_search search, std::string given_path)
{
    auto run = co_await run_script(self, std::move(target), grep_script(search),
                                   {.max_out = max_listing_bytes, .what = "searching '" + given_path + "'"});
    if (run.exit_code == bad_pattern_status)
    {
        auto message = run.err;
        if (message.starts_with("grep: "))
            message.erase(0, 6);
        while (!message.empty() && (message.back() == '\n' || message.back() == '\r'))
            message.pop_back();
        throw error(errc::invalid_argument,
                    "Invalid regex pattern: " + message +
                        " (the container's grep -E syntax: POSIX extended expressions)");
    }
    if (run.exit_code == missing_path_status)
        throw error(errc::not_found, "Path '" + given_path + "' not found");
    if (run.exit_code != 0)
        throw error(errc::unavailable, "Cannot search '" + given_path + "' in the container: " +
                                           (run.err.empty() ? "the search command failed" : run.err));
    if (run.overflowed)
        throw error(errc::too_large, "The matches of '" + search.pattern + "' are larger than " +
                                         std::to_string(max_listing_bytes) +
                                         " bytes; narrow the search with a path or a glob");
    auto lines = parse_grep_output(run.out);
    if (!lines)
        throw error(errc::protocol_error, "The search of '" + given_path + "' came back malformed");
    co_return std::move(*lines);
}

}  // namespace

task<std::vector<file_info>> core_ls(core_ptr self, std::string path)
{
    auto resolved = resolve_remote_path(path, self->work_dir);
    auto target = co_await self->ensure_started();
    auto entries = co_await run_listing(self, target, list_directory_script(resolved), path);
    std::vector<file_info> out;
    if (entries)
    {
        out.reserve(entries->size());
        for (const auto& entry : *entries)
            out.push_back(info_of(entry));
    }
    std::sort(out.begin(), out.end(), [](const file_info& a, const file_info& b) {
        return a.is_dir != b.is_dir ? a.is_dir : a.name < b.name;
    });
    self->touch();
    co_return out;
}

task<std::vector<file_info>> core_glob(core_ptr self, std::string pattern, std::string path)
{
    const auto relative = std::string(relative_pattern(pattern));
    const glob_pattern matcher(relative);  // a malformed pattern fails even on a missing path
    const auto root = remote_search_root(path, self->work_dir);
    auto target = co_await self->ensure_started();

    // Only what the pattern can reach is listed: below its literal directories, names it can match.
    file_search search{root, hidden_filter_for_glob(relative, true), name_prefilter(relative)};
    if (auto prefix = literal_directory_prefix(relative); !prefix.empty())
        search.root = join_virtual(root, prefix);
    auto entries = co_await run_listing(self, target, find_files_script(search), path);

    std::vector<file_info> out;
    if (entries)
    {
        for (const auto& entry : *entries)
        {
            if (!entry.is_regular())
                continue;  // a link to a directory, a device
            auto info = info_of(entry);
            if (matcher.matches(path_below(info.path, root)))
                out.push_back(std::move(info));
        }
    }
    std::sort(out.begin(), out.end(), [](const file_info& a, const file_info& b) { return a.path < b.path; });
    self->touch();
    co_return out;
}

task<std::vector<grep_match>> core_grep(core_ptr self, grep_request request)
{
    // The glob is checked first, as the other backends do; without `/` it matches names at any depth.
    std::optional<glob_pattern> filter;
    const auto glob = std::string(relative_pattern(request.glob));
    if (!glob.empty())
    {
        filter.emplace(glob);
        filter.emplace(glob.find('/') == std::string::npos ? "**/" + glob : glob);
    }
    const auto root = remote_search_root(request.path, self->work_dir);
    auto target = co_await self->ensure_started();

    grep_search search{{root, {request.ignore_hidden, request.ignore_hidden}, std::nullopt},
                       request.pattern,
                       request.ignore_case};
    if (filter)
        search.files.name_filter = name_prefilter(glob);
    auto lines = co_await run_grep(self, target, std::move(search), request.path);

    std::vector<grep_match> out;
    out.reserve(lines.size());
    for (auto& line : lines)
    {
        auto path = lexically_normal_absolute(line.path);
        // A root that is a file is searched whatever the glob says, as the other backends do.
        if (filter && path != root && !filter->matches(path_below(path, root)))
            continue;
        out.push_back({std::move(path), line.line_number, std::move(line.line)});
    }
    std::sort(out.begin(), out.end(), [](const grep_match& a, const grep_match& b) {
        return a.path != b.path ? a.path < b.path : a.line_number < b.line_number;
    });
    self->touch();
    co_return out;
}

}  // namespace agent_backends::detail
