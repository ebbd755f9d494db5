// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/shell_listing.hpp"

#include <agent_backends/error.hpp>

#include <agent_backends/detail/glob_pattern.hpp>
#include <agent_backends/detail/virtual_path.hpp>

#include "sandboxes/shell_quote.hpp"

#include <charconv>

namespace agent_backends::detail {
namespace {

// Every batch of paths: the paths NUL-terminated, an empty record, what the command printed, a NUL.
// `stat -L` describes a link's target; a path it cannot follow prints nothing and is left out.
constexpr std::string_view stat_batch =
    R"(printf '%s\0' "$@"; printf '\0'; stat -L -c '%f %s %Y %n' "$@" 2>/dev/null; printf '\0')";

// The pattern comes first, the paths after it. Busybox grep shows binary files too: NULs are dropped so
// they cannot end the batch early.
constexpr std::string_view grep_batch_head = R"(p=$1; shift; printf '%s\0' "$@"; printf '\0'; grep -nHI)";
constexpr std::string_view grep_batch_tail = R"( -e "$p" "$@" 2>/dev/null | tr -d '\000'; printf '\0')";

bool has_wildcard(std::string_view component) noexcept
{
    return component.find_first_of("*?[{\\") != std::string_view::npos;
}

std::string prune_expression(const hidden_filter& hidden)
{
    if (hidden.skip_files && hidden.skip_dirs)
        return " -name '.*' -prune -o";
    if (hidden.skip_dirs)
        return " -type d -name '.*' -prune -o";
    return "";
}

std::string name_expression(const std::optional<std::string>& name)
{
    return name ? " -name " + shell_quote(*name) : "";
}

/// Pipes NUL-separated paths into batches of `batch_script` (which sees them as "$@").
std::string in_batches(std::string_view batch_script, std::string_view extra_arguments = {})
{
    std::string out = " | xargs -0 -r sh -c " + shell_quote(batch_script) + " sh";
    if (!extra_arguments.empty())
    {
        out += ' ';
        out += extra_arguments;
    }
    return out + "; exit 0";
}

boost::system::error_code malformed() noexcept
{
    return make_error_code(errc::protocol_error);
}

/// Reads one NUL-terminated record at `pos`; false when no NUL follows.
bool next_record(std::string_view text, std::size_t& pos, std::string_view& record) noexcept
{
    auto end = text.find('\0', pos);
    if (end == std::string_view::npos)
        return false;
    record = text.substr(pos, end - pos);
    pos = end + 1;
    return true;
}

/// One batch: its paths and the section of output that follows them.
struct batch
{
    std::vector<std::string_view> paths;
    std::string_view section;
};

/// Splits the next batch off `text` at `pos`.
bool next_batch(std::string_view text, std::size_t& pos, batch& out) noexcept
{
    out.paths.clear();
    std::string_view record;
    for (;;)
    {
        if (!next_record(text, pos, record))
            return false;
        if (record.empty())
            break;
        out.paths.push_back(record);
    }
    return next_record(text, pos, out.section);
}

template <class Int>
bool parse_number(std::string_view text, std::size_t& pos, char terminator, Int& value,
                  int base = 10) noexcept
{
    auto end = text.find(terminator, pos);
    if (end == std::string_view::npos || end == pos)
        return false;
    const char* first = text.data() + pos;
    const char* last = text.data() + end;
    auto [ptr, ec] = std::from_chars(first, last, value, base);
    if (ec != std::errc() || ptr != last)
        return false;
    pos = end + 1;
    return true;
}

/// `<hex mode> <size> <mtime> <path>\n` for `path` at `pos`.
bool parse_stat_line(std::string_view section, std::size_t& pos, std::string_view path, listed_entry& out)
{
    std::size_t at = pos;
    std::uint32_t mode = 0;
    std::uint64_t size = 0;
    std::int64_t mtime = 0;
    if (!parse_number(section, at, ' ', mode, 16) || !parse_number(section, at, ' ', size) ||
        !parse_number(section, at, ' ', mtime))
        return false;
    if (section.substr(at, path.size()) != path || section.substr(at + path.size(), 1) != "\n")
        return false;
    out = {std::string(path), mode, size, mtime};
    pos = at + path.size() + 1;
    return true;
}

/// `<path>:<line>:` at `pos`: the line number, with `pos` moved past it.
bool parse_grep_prefix(std::string_view section, std::size_t& pos, std::string_view path, std::size_t& line)
{
    if (section.substr(pos, path.size()) != path || section.substr(pos + path.size(), 1) != ":")
        return false;
    std::size_t at = pos + path.size() + 1;
    if (!parse_number(section, at, ':', line))
        return false;
    pos = at;
    return true;
}

}  // namespace

hidden_filter hidden_filter_for_glob(std::string_view pattern, bool ignore_hidden) noexcept
{
    const auto named = names_hidden_entries(pattern);
    return {ignore_hidden && !named.files, ignore_hidden && !named.dirs};
}

std::optional<std::string> name_prefilter(std::string_view pattern)
{
    if (pattern.find('{') != std::string_view::npos)
        return std::nullopt;
    auto parts = split_path_components(pattern);
    if (parts.empty() || parts.back().find("**") != std::string_view::npos)
        return std::nullopt;
    return std::string(parts.back());
}

std::string literal_directory_prefix(std::string_view pattern)
{
    if (pattern.find('{') != std::string_view::npos)
        return {};
    auto parts = split_path_components(pattern);
    std::string prefix;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i)
    {
        if (has_wildcard(parts[i]) || parts[i] == "." || parts[i] == "..")
            break;
        if (!prefix.empty())
            prefix += '/';
        prefix += parts[i];
    }
    return prefix;
}

std::string list_directory_script(std::string_view dir)
{
    std::string script = "d=" + shell_quote(dir) + "\n";
    script += "[ -e \"$d\" ] || exit " + std::to_string(missing_path_status) + "\n";
    script += "if [ -d \"$d\" ]; then find -H \"$d\" -mindepth 1 -maxdepth 1 -print0 2>/dev/null; ";
    script += "else printf '%s\\0' \"$d\"; fi";
    script += in_batches(stat_batch);
    return script;
}

std::string find_files_script(const file_search& search)
{
    std::string script = "r=" + shell_quote(search.root) + "\n";
    script += "[ -d \"$r\" ] || exit " + std::to_string(missing_path_status) + "\n";
    script += "find -H \"$r\" -mindepth 1" + prune_expression(search.hidden) + " \\( -type f -o -type l \\)" +
              name_expression(search.name_filter) + " -print0 2>/dev/null";
    script += in_batches(stat_batch);
    return script;
}

std::string grep_script(const grep_search& search)
{
    const std::string flags = search.ignore_case ? " -E -i" : " -E";
    const auto& files = search.files;
    std::string script = "r=" + shell_quote(files.root) + "\np=" + shell_quote(search.pattern) + "\n";
    // grep exits 2 for an expression it refuses: tried on one empty line first (busybox compiles it only
    // when a line comes), so the message comes back alone and before the path is looked at.
    script += "e=$(printf '\\n' | grep" + flags + " -e \"$p\" 2>&1 >/dev/null)\n";
    script += "if [ $? -eq " + std::to_string(bad_pattern_status) +
              " ]; then printf '%s\\n' \"$e\" >&2; exit " + std::to_string(bad_pattern_status) + "; fi\n";
    script += "[ -e \"$r\" ] || exit " + std::to_string(missing_path_status) + "\n";
    script += "if [ -d \"$r\" ]; then find -H \"$r\" -mindepth 1" + prune_expression(files.hidden) +
              " -type f" + name_expression(files.name_filter) + " -print0 2>/dev/null; ";
    script += "else printf '%s\\0' \"$r\"; fi";
    script += in_batches(std::string(grep_batch_head) + flags + std::string(grep_batch_tail), "\"$p\"");
    return script;
}

boost::system::result<std::vector<listed_entry>> parse_listing(std::string_view output)
{
    std::vector<listed_entry> entries;
    std::size_t pos = 0;
    batch b;
    while (pos < output.size())
    {
        if (!next_batch(output, pos, b))
            return malformed();
        std::size_t at = 0;
        for (auto path : b.paths)
        {
            listed_entry entry;
            if (parse_stat_line(b.section, at, path, entry))
                entries.push_back(std::move(entry));
        }
    }
    return entries;
}

boost::system::result<std::vector<grep_line>> parse_grep_output(std::string_view output)
{
    std::vector<grep_line> lines;
    std::size_t pos = 0;
    batch b;
    while (pos < output.size())
    {
        if (!next_batch(output, pos, b))
            return malformed();
        const auto section = b.section;
        std::size_t at = 0;
        std::size_t current = 0;  // grep prints the files in the order given
        while (at < section.size())
        {
            std::size_t line_number = 0;
            std::size_t found = b.paths.size();
            for (std::size_t i = current; i < b.paths.size(); ++i)
            {
                if (parse_grep_prefix(section, at, b.paths[i], line_number))
                {
                    found = i;
                    break;
                }
            }
            auto end = section.find('\n', at);
            if (end == std::string_view::npos)
                end = section.size();
            if (found != b.paths.size())
            {
                current = found;
                auto text = section.substr(at, end - at);
                if (text.ends_with('\r'))
                    text.remove_suffix(1);
                lines.push_back({std::string(b.paths[found]), line_number, std::string(text)});
            }
            at = end + 1;  // a line that names none of the paths (a notice) is skipped
        }
    }
    return lines;
}

}  // namespace agent_backends::detail
