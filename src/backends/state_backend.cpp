// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/detail/binary_detection.hpp>
#include <agent_backends/detail/glob_pattern.hpp>
#include <agent_backends/detail/line_matcher.hpp>
#include <agent_backends/detail/numbered_lines.hpp>
#include <agent_backends/detail/text_edit.hpp>
#include <agent_backends/detail/virtual_path.hpp>
#include <agent_backends/error.hpp>
#include <agent_backends/state_backend.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <type_traits>
#include <utility>

#include <time.h>

namespace agent_backends {
namespace {

/// Now as ISO-8601 UTC with microseconds, the form Python's `datetime.now(timezone.utc).isoformat()` gives.
std::string utc_now_iso8601()
{
    using namespace std::chrono;
    const auto now = system_clock::now();
    const auto secs = time_point_cast<seconds>(now);
    const auto micros = duration_cast<microseconds>(now - secs).count();
    const std::time_t t = system_clock::to_time_t(secs);
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lld+00:00", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<long long>(micros));
    return buf;
}

/// `/` for the root, else `dir + "/"`: the key prefix of everything below a normalised directory.
std::string children_prefix(const std::string& dir)
{
    return dir == "/" ? dir : dir + "/";
}

/// Whether a glob asks for hidden entries by naming one (`.env`, `**/.github/*`, `src/.config`).
bool names_hidden_entry(std::string_view pattern) noexcept
{
    return pattern.starts_with('.') || pattern.find("/.") != std::string_view::npos ||
           pattern.find("{.") != std::string_view::npos || pattern.find(",.") != std::string_view::npos;
}

/// Runs `fn` when the task is awaited. `fn` owns copies of every argument, so nothing dangles however long
/// the task is kept before it runs.
template <class F>
auto deferred(F fn) -> task<std::invoke_result_t<F&>>
{
    co_return fn();
}

}  // namespace

struct state_backend::impl
{
    struct stored_file
    {
        std::string content;
        std::string created_at;
        std::string modified_at;
    };

    mutable std::shared_mutex mutex;
    std::map<std::string, stored_file> files;

    // The helpers up to `exists` expect `mutex` held by the caller; the operations take it themselves.

    /// True when some stored file lies below `dir` (an implicit directory; the root always exists).
    bool is_directory(const std::string& dir) const
    {
        if (dir == "/")
            return true;
        auto prefix = children_prefix(dir);
        auto it = files.lower_bound(prefix);
        return it != files.end() && it->first.starts_with(prefix);
    }

    const stored_file& file_for_reading(const std::string& key, std::string_view given) const
    {
        auto it = files.find(key);
        if (it != files.end())
            return it->second;
        if (is_directory(key))
            throw error(errc::is_directory, "'" + std::string(given) + "' is a directory");
        throw error(errc::not_found, "File '" + std::string(given) + "' not found");
    }

    static file_info file_entry(const std::string& key, const stored_file& f)
    {
        return {std::string(detail::base_name(key)), key, false, f.content.size(), f.modified_at};
    }

    /// Stored files below `dir`, in path order, as (key, file) pairs.
    template <class Fn>
    void for_each_below(const std::string& dir, Fn fn) const
    {
        auto prefix = children_prefix(dir);
        for (auto it = files.lower_bound(prefix); it != files.end() && it->first.starts_with(prefix); ++it)
            fn(it->first, it->second);
    }

    bool exists(std::string_view path) const
    {
        std::string key;
        try
        {
            key = detail::normalize_virtual_path(path);
        }
        catch (const error&)
        {
            return false;  // an unsafe path names no file
        }
        std::shared_lock lock(mutex);
        return files.contains(key);
    }

    std::vector<file_info> ls(std::string_view path) const
    {
        auto dir = detail::normalize_virtual_path(path);
        std::shared_lock lock(mutex);
        std::vector<file_info> out;
        if (auto it = files.find(dir); it != files.end())
        {
            out.push_back(file_entry(it->first, it->second));
            return out;
        }
        const auto prefix = children_prefix(dir);
        auto it = files.lower_bound(prefix);
        while (it != files.end() && it->first.starts_with(prefix))
        {
            std::string_view rest = std::string_view(it->first).substr(prefix.size());
            auto slash = rest.find('/');
            if (slash == std::string_view::npos)
            {
                out.push_back(file_entry(it->first, it->second));
                ++it;
                continue;
            }
            auto name = std::string(rest.substr(0, slash));
            out.push_back({name, prefix + name, true, std::nullopt, std::nullopt});
            it = files.lower_bound(prefix + name + char('/' + 1));  // past everything inside that directory
        }
        std::sort(out.begin(), out.end(), [](const file_info& a, const file_info& b) {
            return a.is_dir != b.is_dir ? a.is_dir : a.name < b.name;
        });
        return out;
    }

    std::string read(std::string_view path, read_options opts) const
    {
        auto key = detail::normalize_virtual_path(path);
        std::shared_lock lock(mutex);
        const auto& f = file_for_reading(key, path);
        if (detail::looks_binary(f.content))
            throw error(errc::is_binary, "'" + std::string(path) + "' is a binary file (" +
                                             std::to_string(f.content.size()) + " bytes)");
        return detail::render_numbered_lines(std::string_view(f.content), opts);
    }

    std::string read_bytes(std::string_view path) const
    {
        auto key = detail::normalize_virtual_path(path);
        std::shared_lock lock(mutex);
        return file_for_reading(key, path).content;
    }

    write_result write(std::string_view path, std::string content)
    {
        auto key = detail::normalize_virtual_path(path);
        auto now = utc_now_iso8601();
        std::unique_lock lock(mutex);
        if (is_directory(key))
            throw error(errc::is_directory, "'" + std::string(path) + "' is a directory");
        // A file cannot also be a directory: refuse to store below one.
        for (auto slash = key.find('/', 1); slash != std::string::npos; slash = key.find('/', slash + 1))
        {
            if (files.contains(key.substr(0, slash)))
                throw error(errc::invalid_argument, "Cannot write '" + std::string(path) + "': '" +
                                                        key.substr(0, slash) +
                                                        "' is a file, not a directory");
        }
        auto [it, created] = files.try_emplace(key);
        it->second.content = std::move(content);
        if (created)
            it->second.created_at = now;
        it->second.modified_at = std::move(now);
        return {key};
    }

    edit_result edit(std::string_view path, const edit_request& req)
    {
        auto key = detail::normalize_virtual_path(path);
        std::unique_lock lock(mutex);
        auto it = files.find(key);
        if (it == files.end())
            throw error(errc::not_found, "File '" + std::string(path) + "' not found");
        auto replaced = detail::apply_edit(it->second.content, req, path);
        it->second.content = std::move(replaced.content);
        it->second.modified_at = utc_now_iso8601();
        return {key, replaced.occurrences};
    }

    std::vector<file_info> glob(std::string_view pattern, std::string_view path) const
    {
        // The pattern is relative to `path` whatever its spelling: `/x`, `./x` and `x` are the same.
        while (pattern.starts_with('/') || pattern.starts_with("./"))
            pattern.remove_prefix(pattern.starts_with('/') ? 1 : 2);
        const detail::glob_pattern matcher(pattern);
        const bool want_hidden = names_hidden_entry(pattern);
        auto dir = detail::normalize_virtual_path(path);
        std::shared_lock lock(mutex);
        std::vector<file_info> out;
        const auto prefix_size = children_prefix(dir).size();
        for_each_below(dir, [&](const std::string& key, const stored_file& f) {
            auto relative = std::string_view(key).substr(prefix_size);
            if (!want_hidden && detail::has_hidden_component(relative))
                return;
            if (matcher.matches(relative))
                out.push_back(file_entry(key, f));
        });
        return out;  // map order is path order
    }

    std::vector<grep_match> grep(const grep_request& req) const
    {
        const detail::line_matcher matcher(req.pattern, req.ignore_case);
        std::string_view glob = req.glob;
        const bool match_names_only = glob.find('/') == std::string_view::npos;
        while (glob.starts_with('/'))
            glob.remove_prefix(1);  // relative to the searched directory whatever its spelling
        std::optional<detail::glob_pattern> filter;
        if (!glob.empty())
            filter.emplace(glob);
        auto base = detail::normalize_virtual_path(req.path);

        std::shared_lock lock(mutex);
        std::vector<grep_match> out;
        auto search = [&](const std::string& key, const std::string& content) {
            if (detail::looks_binary(content))
                return;
            matcher.for_each_matching_line(content, [&](std::size_t number, std::string_view line) {
                out.push_back({key, number, std::string(line)});
                return true;
            });
        };
        if (auto it = files.find(base); it != files.end())
        {
            search(it->first, it->second.content);  // a file named outright is searched even if hidden
            return out;
        }
        if (!is_directory(base))
            throw error(errc::not_found, "Path '" + req.path + "' not found");
        const auto prefix_size = children_prefix(base).size();
        for_each_below(base, [&](const std::string& key, const stored_file& f) {
            auto relative = std::string_view(key).substr(prefix_size);
            if (req.ignore_hidden && detail::has_hidden_component(relative))
                return;
            if (filter && !filter->matches(match_names_only ? detail::base_name(key) : relative))
                return;
            search(key, f.content);
        });
        return out;  // map order is path order; lines come in order
    }
};

state_backend::state_backend() : impl_(std::make_unique<impl>()) {}

state_backend::state_backend(const std::map<std::string, std::string>& files) : state_backend()
{
    for (const auto& [path, content] : files)
        impl_->write(path, content);
}

state_backend::~state_backend() = default;

std::map<std::string, std::string> state_backend::snapshot() const
{
    std::shared_lock lock(impl_->mutex);
    std::map<std::string, std::string> out;
    for (const auto& [key, f] : impl_->files)
        out.emplace(key, f.content);
    return out;
}

// Each operation copies its arguments into the task and runs when awaited, without suspending.

task<bool> state_backend::exists(std::string_view path)
{
    return deferred([self = impl_.get(), p = std::string(path)] { return self->exists(p); });
}

task<std::vector<file_info>> state_backend::ls(std::string_view path)
{
    return deferred([self = impl_.get(), p = std::string(path)] { return self->ls(p); });
}

task<std::string> state_backend::read(std::string_view path, read_options opts)
{
    return deferred([self = impl_.get(), p = std::string(path), opts] { return self->read(p, opts); });
}

task<std::string> state_backend::read_bytes(std::string_view path)
{
    return deferred([self = impl_.get(), p = std::string(path)] { return self->read_bytes(p); });
}

task<write_result> state_backend::write(std::string_view path, std::string_view content)
{
    return deferred([self = impl_.get(), p = std::string(path), c = std::string(content)]() mutable {
        return self->write(p, std::move(c));
    });
}

task<edit_result> state_backend::edit(std::string_view path, edit_request req)
{
    return deferred(
        [self = impl_.get(), p = std::string(path), r = std::move(req)] { return self->edit(p, r); });
}

task<std::vector<file_info>> state_backend::glob(std::string_view pattern, std::string_view path)
{
    return deferred([self = impl_.get(), pat = std::string(pattern), p = std::string(path)] {
        return self->glob(pat, p);
    });
}

task<std::vector<grep_match>> state_backend::grep(grep_request req)
{
    return deferred([self = impl_.get(), r = std::move(req)] { return self->grep(r); });
}

}  // namespace agent_backends
