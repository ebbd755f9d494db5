// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>

#include <agent_backends/detail/binary_detection.hpp>
#include <agent_backends/detail/glob_pattern.hpp>
#include <agent_backends/detail/line_matcher.hpp>
#include <agent_backends/detail/virtual_path.hpp>

#include "sandboxes/daytona_sandbox_state.hpp"
#include "sandboxes/remote_paths.hpp"
#include "sandboxes/shell_listing.hpp"
#include "search/literal_search.hpp"

#include <algorithm>
#include <utility>

namespace agent_backends::detail {
namespace {

/// Most bytes a grep without a literal to hand the toolbox fetches to search here.
constexpr std::uint64_t max_fetched_for_grep = 64 * 1024 * 1024;

/// Every file, whichever way the toolbox reads a search pattern: older daemons match it against names,
/// newer ones against paths relative to the searched directory, and `**` means "anything" to both.
constexpr const char* every_file = "**";

/// Whether a path relative to the search root passes the hidden-entry rule.
bool passes_hidden(std::string_view relative, hidden_filter hidden) noexcept
{
    auto last_slash = relative.rfind('/');
    auto name = last_slash == std::string_view::npos ? relative : relative.substr(last_slash + 1);
    if (hidden.skip_files && name.starts_with('.'))
        return false;
    if (hidden.skip_dirs && last_slash != std::string_view::npos)
        if (has_hidden_component("/" + std::string(relative.substr(0, last_slash))))
            return false;
    return true;
}

/// The files below `dir` the toolbox's name search finds for `pattern` (absolute, normalised).
task<std::vector<std::string>> search_files(daytona_state_ptr self, remote_ptr remote, std::string dir,
                                            std::string pattern)
{
    const auto target = "/files/search?path=" + query_escape(dir) + "&pattern=" + query_escape(pattern);
    auto res = co_await toolbox_call(self, remote, {.target = target}, {404});
    if (res.status == 404)
        co_return std::vector<std::string>{};
    auto files = parse_search_files(res.body);
    if (!files)
        remote->toolbox->malformed("GET", target, "no files array");
    for (auto& file : *files)
        file = lexically_normal_absolute(file);
    co_return std::move(*files);
}

struct grep_scope
{
    std::string root;
    bool root_is_file{false};
    std::optional<glob_pattern> glob;
    hidden_filter hidden;

    /// Whether a file found below the root is searched.
    bool admits(std::string_view path) const
    {
        if (path == root)
            return root_is_file;
        auto relative = path_below(path, root);
        if (relative.empty())
            return false;
        return passes_hidden(relative, hidden) && (!glob || glob->matches(relative));
    }
};

/// The lines the toolbox's find reports for `literal`, checked with the expression unless it is the
/// literal itself.
task<std::vector<grep_match>> grep_by_literal(daytona_state_ptr self, remote_ptr remote,
                                              const grep_scope& scope, const line_matcher& matcher,
                                              required_literal literal)
{
    const auto target =
        "/files/find?path=" + query_escape(scope.root) + "&pattern=" + query_escape(literal.text);
    auto res = co_await toolbox_call(self, remote, {.target = target});
    auto found = parse_find_matches(res.body);
    if (!found)
        remote->toolbox->malformed("GET", target, "not an array of matches");
    std::vector<grep_match> out;
    for (auto& match : *found)
    {
        auto path = lexically_normal_absolute(match.file);
        if (!scope.admits(path))
            continue;
        if (!literal.whole_pattern && !matcher.matches_any(match.content))
            continue;
        out.push_back({std::move(path), match.line, std::move(match.content)});
    }
    co_return out;
}

/// Fetches the candidate files and searches them here: for expressions no literal can stand for (an
/// alternation, `\d+`) and for case-insensitive searches, which the toolbox's find does not do.
task<std::vector<grep_match>> grep_by_fetching(daytona_state_ptr self, remote_ptr remote,
                                               const grep_scope& scope, const line_matcher& matcher,
                                               std::string given)
{
    std::vector<std::string> candidates;
    if (scope.root_is_file)
        candidates.push_back(scope.root);
    else
        for (auto& path : co_await search_files(self, remote, scope.root, every_file))
            if (scope.admits(path))
                candidates.push_back(std::move(path));
    std::sort(candidates.begin(), candidates.end());

    std::vector<grep_match> out;
    std::uint64_t fetched = 0;
    for (const auto& path : candidates)
    {
        std::string content;
        bool skipped = false;
        try
        {
            content = co_await download_file(self, remote, path, path, self->opts.max_read_bytes);
        }
        catch (const error& e)
        {
            // Removed meanwhile, not a regular file, too large to read: not searched, as rg skips them.
            if (e.condition() == errc::unavailable || e.condition() == errc::protocol_error ||
                e.condition() == errc::timed_out)
                throw;
            skipped = true;
        }
        if (skipped || looks_binary(content))
            continue;
        fetched += content.size();
        if (fetched > max_fetched_for_grep)
            throw error(errc::too_large, "Searching '" + given +
                                             "' for this expression means reading more than " +
                                             std::to_string(max_fetched_for_grep) +
                                             " bytes from the sandbox; narrow it with a path or a glob, or "
                                             "use an expression that holds a literal word");
        matcher.for_each_matching_line(content, [&](std::size_t number, std::string_view line) {
            out.push_back({path, number, std::string(line)});
            return true;
        });
    }
    co_return out;
}

}  // namespace

task<std::vector<file_info>> sandbox_ls(daytona_state_ptr self, std::string path)
{
    auto remote = co_await ensure_started(self);
    auto resolved = resolve_remote_path(path, remote->work_dir);
    const auto target = "/files?path=" + query_escape(resolved);
    auto res = co_await toolbox_call(self, remote, {.target = target}, {400, 404});
    std::vector<file_info> out;
    if (res.status == 200)
    {
        auto entries = parse_file_list(res.body);
        if (!entries)
            remote->toolbox->malformed("GET", target, "not an array of FileInfo");
        for (auto& entry : *entries)
        {
            auto entry_path = join_virtual(resolved, entry.name);
            out.push_back({std::move(entry.name), std::move(entry_path), entry.is_dir,
                           entry.is_dir ? std::nullopt : std::optional<std::uint64_t>(entry.size),
                           std::move(entry.modified_at)});
        }
    }
    else if (auto info = co_await remote_file_info(self, remote, resolved); info && !info->is_dir)
    {
        // A file lists as itself (the toolbox refuses to list one).
        out.push_back({std::string(base_name(resolved)), resolved, false, info->size, info->modified_at});
    }
    std::sort(out.begin(), out.end(), [](const file_info& a, const file_info& b) {
        return a.is_dir != b.is_dir ? a.is_dir : a.name < b.name;
    });
    self->touch();
    co_return out;
}

task<std::vector<file_info>> sandbox_glob(daytona_state_ptr self, std::string pattern, std::string path)
{
    const auto relative = std::string(relative_pattern(pattern));
    const glob_pattern matcher(relative);  // a malformed pattern fails even on a missing path
    auto remote = co_await ensure_started(self);
    const auto root = remote_search_root(path, remote->work_dir);

    // Only what the pattern can reach is searched: below its literal directories, names it can match.
    auto dir = root;
    auto rest = std::string_view(relative);
    if (auto prefix = literal_directory_prefix(relative); !prefix.empty())
    {
        dir = join_virtual(root, prefix);
        rest.remove_prefix(std::min(rest.size(), prefix.size() + 1));
    }
    std::string name_pattern = every_file;
    if (rest.find('/') == std::string_view::npos)
        if (auto name = name_prefilter(rest))
            name_pattern = std::move(*name);
    const auto hidden = hidden_filter_for_glob(relative, true);

    std::vector<file_info> out;
    for (auto& found : co_await search_files(self, remote, dir, name_pattern))
    {
        auto relative_path = path_below(found, root);
        if (relative_path.empty() || !passes_hidden(relative_path, hidden) || !matcher.matches(relative_path))
            continue;
        auto name = std::string(base_name(found));
        out.push_back({std::move(name), std::move(found), false, std::nullopt, std::nullopt});
    }
    std::sort(out.begin(), out.end(), [](const file_info& a, const file_info& b) { return a.path < b.path; });
    self->touch();
    co_return out;
}

task<std::vector<grep_match>> sandbox_grep(daytona_state_ptr self, grep_request request)
{
    // The glob is checked first, as the other backends do; without `/` it matches names at any depth.
    grep_scope scope;
    const auto glob = std::string(relative_pattern(request.glob));
    if (!glob.empty())
    {
        scope.glob.emplace(glob);
        scope.glob.emplace(glob.find('/') == std::string::npos ? "**/" + glob : glob);
    }
    const line_matcher matcher(request.pattern, request.ignore_case);
    scope.hidden = {request.ignore_hidden, request.ignore_hidden};
    auto remote = co_await ensure_started(self);
    scope.root = remote_search_root(request.path, remote->work_dir);
    auto info = co_await remote_file_info(self, remote, scope.root);
    if (!info)
        throw error(errc::not_found, "Path '" + request.path + "' not found");
    scope.root_is_file = !info->is_dir;

    std::optional<required_literal> literal;
    if (!request.ignore_case)
        literal = find_required_literal(request.pattern, false);
    auto out = literal ? co_await grep_by_literal(self, remote, scope, matcher, std::move(*literal))
                       : co_await grep_by_fetching(self, remote, scope, matcher, request.path);
    std::sort(out.begin(), out.end(), [](const grep_match& a, const grep_match& b) {
        return a.path != b.path ? a.path < b.path : a.line_number < b.line_number;
    });
    self->touch();
    co_return out;
}

}  // namespace agent_backends::detail
