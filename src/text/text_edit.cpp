// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/detail/binary_detection.hpp>
#include <agent_backends/detail/text_edit.hpp>
#include <agent_backends/error.hpp>

#include "text/line_endings.hpp"

namespace agent_backends::detail {
namespace {

std::size_t count_occurrences(std::string_view content, std::string_view needle)
{
    std::size_t count = 0;
    auto pos = content.find(needle);
    while (pos != std::string_view::npos)
    {
        ++count;
        pos = content.find(needle, pos + needle.size());
    }
    return count;
}

std::string replace_occurrences(std::string_view content, std::string_view needle,
                                std::string_view replacement, bool all)
{
    std::string out;
    out.reserve(content.size());
    std::size_t from = 0;
    for (auto pos = content.find(needle); pos != std::string_view::npos; pos = content.find(needle, from))
    {
        out.append(content.substr(from, pos - from));
        out.append(replacement);
        from = pos + needle.size();
        if (!all)
            break;
    }
    out.append(content.substr(from));
    return out;
}

}  // namespace

replaced_text apply_edit(std::string_view content, const edit_request& req, std::string_view display_path)
{
    if (req.old_string.empty())
        throw error(errc::invalid_argument, "old_string must not be empty");
    if (looks_binary(content))
        throw error(errc::is_binary,
                    "'" + std::string(display_path) + "' is a binary file and cannot be edited");

    // In a CRLF file the caller's `\n` means the file's `\r\n`, both in what it looks for and what it writes.
    const bool crlf = uses_crlf(content);
    const std::string old_text = crlf ? with_crlf(req.old_string) : req.old_string;
    const std::string new_text = crlf ? with_crlf(req.new_string) : req.new_string;

    const auto count = count_occurrences(content, old_text);
    if (count == 0)
        throw error(errc::no_match, "String '" + req.old_string + "' not found in file");
    if (count > 1 && !req.replace_all)
        throw error(errc::not_unique,
                    "String '" + req.old_string + "' found " + std::to_string(count) +
                        " times. Use replace_all=True to replace all, or provide more context.");
    return {replace_occurrences(content, old_text, new_text, req.replace_all), req.replace_all ? count : 1};
}

}  // namespace agent_backends::detail
