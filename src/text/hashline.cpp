// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/detail/binary_detection.hpp>
#include <agent_backends/error.hpp>
#include <agent_backends/hashline.hpp>

#include "text/line_endings.hpp"
#include "text/utf8.hpp"

#include <openssl/evp.h>

#include <utility>
#include <vector>

namespace agent_backends {
namespace {

/// One line of a text: what is shown and hashed, and the ending that follows it in the file.
struct text_line
{
    std::string_view text;
    std::string_view ending;  ///< `\n`, `\r\n`, or empty for a last line without a line break.
};

/// Lines as hashline sees them: `content.split("\n")` without the empty piece after a final `\n`, so `""` is
/// one empty line. A `\r` before `\n` belongs to the ending.
struct split_text
{
    std::vector<text_line> lines;
    bool trailing_newline{false};
};

split_text split_lines(std::string_view content)
{
    split_text out;
    std::size_t pos = 0;
    for (;;)
    {
        auto nl = content.find('\n', pos);
        if (nl == std::string_view::npos)
        {
            if (pos == content.size() && !out.lines.empty())
                out.trailing_newline = true;
            else
                out.lines.push_back({content.substr(pos), {}});
            return out;
        }
        const bool crlf = nl > pos && content[nl - 1] == '\r';
        auto text_end = crlf ? nl - 1 : nl;
        out.lines.push_back(
            {content.substr(pos, text_end - pos), content.substr(text_end, nl + 1 - text_end)});
        pos = nl + 1;
    }
}

/// The replacement lines: `new_content.split("\n")`, none for empty content; a `\r` before `\n` is dropped
/// (the file's own ending is written instead).
std::vector<std::string_view> new_lines_of(std::string_view new_content)
{
    std::vector<std::string_view> lines;
    if (new_content.empty())
        return lines;
    std::size_t pos = 0;
    for (;;)
    {
        auto nl = new_content.find('\n', pos);
        auto line = new_content.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        if (nl != std::string_view::npos && line.ends_with('\r'))
            line.remove_suffix(1);
        lines.push_back(line);
        if (nl == std::string_view::npos)
            return lines;
        pos = nl + 1;
    }
}

std::string hash_mismatch(std::size_t line, std::string_view expected, std::string_view actual)
{
    return "Hash mismatch at line " + std::to_string(line) + ": expected '" + std::string(expected) +
           "', got '" + std::string(actual) + "'. File may have changed \xE2\x80\x94 re-read it first.";
}

std::string out_of_range(std::string_view what, std::size_t line, std::size_t total)
{
    return std::string(what) + " " + std::to_string(line) + " out of range (file has " +
           std::to_string(total) + " lines)";
}

void validate(const split_text& text, const hashline_edit_request& req)
{
    const auto total = text.lines.size();
    if (req.start_line < 1 || req.start_line > total)
        throw error(errc::invalid_argument, out_of_range("Line", req.start_line, total));
    if (req.insert_after && (req.end_line || req.end_hash))
        throw error(errc::invalid_argument, "end_line/end_hash cannot be combined with insert_after");
    auto start_actual = line_hash(text.lines[req.start_line - 1].text);
    if (start_actual != req.start_hash)
        throw error(errc::invalid_argument, hash_mismatch(req.start_line, req.start_hash, start_actual));
    if (!req.end_line)
        return;
    const auto end = *req.end_line;
    if (end < req.start_line)
        throw error(errc::invalid_argument, "end_line (" + std::to_string(end) + ") must be >= start_line (" +
                                                std::to_string(req.start_line) + ")");
    if (end > total)
        throw error(errc::invalid_argument, out_of_range("End line", end, total));
    if (req.end_hash)
    {
        auto end_actual = line_hash(text.lines[end - 1].text);
        if (end_actual != *req.end_hash)
            throw error(errc::invalid_argument, hash_mismatch(end, *req.end_hash, end_actual));
    }
}

std::string summary_of(const hashline_edit_request& req, std::size_t removed, std::size_t added)
{
    const auto start = std::to_string(req.start_line);
    if (req.insert_after)
        return "Inserted " + std::to_string(added) + " line(s) after line " + start;
    if (added == 0)
        return "Deleted " + std::to_string(removed) + " line(s) at line " + start;
    if (added == removed)
        return "Replaced " + std::to_string(removed) + " line(s) at line " + start;
    return "Replaced " + std::to_string(removed) + " line(s) with " + std::to_string(added) +
           " line(s) at line " + start;
}

task<std::string> read_hashline_owned(backend& b, std::string path, read_options opts)
{
    auto bytes = co_await b.read_bytes(path);
    if (detail::looks_binary(bytes))
        throw error(errc::is_binary,
                    "'" + path + "' is a binary file (" + std::to_string(bytes.size()) + " bytes)");
    co_return format_hashline(detail::to_valid_utf8(bytes), opts);
}

task<hashline_edit_result> hashline_edit_owned(backend& b, std::string path, hashline_edit_request req)
{
    auto bytes = co_await b.read_bytes(path);
    if (detail::looks_binary(bytes))
        throw error(errc::is_binary, "'" + path + "' is a binary file and cannot be edited");
    if (!detail::is_valid_utf8(bytes))
        throw error(errc::invalid_argument, "'" + path + "' is not valid UTF-8 text and cannot be edited");
    auto outcome = apply_hashline_edit(bytes, req);
    auto written = co_await b.write(path, outcome.content);
    co_return hashline_edit_result{std::move(written.path), std::move(outcome.summary)};
}

}  // namespace

std::string line_hash(std::string_view line)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_Digest(line.data(), line.size(), digest, &size, EVP_md5(), nullptr) != 1 || size == 0)
        throw error(errc::unavailable,
                    "MD5 is not available from OpenSSL, so line hashes cannot be computed");
    static constexpr char hex[] = "0123456789abcdef";
    return {hex[digest[0] >> 4], hex[digest[0] & 0xF]};
}

std::string format_hashline(std::string_view content, read_options opts)
{
    if (content.empty())
        return "(empty file)";
    const auto text = split_lines(content);
    const auto total = text.lines.size();
    if (opts.offset >= total)
        throw error(errc::invalid_argument, "Offset " + std::to_string(opts.offset) +
                                                " exceeds file length (" + std::to_string(total) + " lines)");
    const auto end = opts.offset + std::min(opts.limit, total - opts.offset);
    std::string out;
    for (auto i = opts.offset; i < end; ++i)
    {
        if (i != opts.offset)
            out += '\n';
        out += std::to_string(i + 1);
        out += ':';
        out += line_hash(text.lines[i].text);
        out += '|';
        out += text.lines[i].text;
    }
    if (end < total)
        out += "\n\n... (" + std::to_string(total - end) + " more lines)";
    return out;
}

hashline_edit_outcome apply_hashline_edit(std::string_view content, const hashline_edit_request& req)
{
    const auto text = split_lines(content);
    validate(text, req);

    const std::string_view eol = detail::uses_crlf(content) ? "\r\n" : "\n";
    const auto inserted = new_lines_of(req.new_content);
    // Lines [first_kept_after, ...) follow the new lines; [0, keep_before) precede them.
    const std::size_t keep_before = req.insert_after ? req.start_line : req.start_line - 1;
    const std::size_t first_kept_after =
        req.insert_after ? req.start_line : req.end_line.value_or(req.start_line);

    std::vector<text_line> result(text.lines.begin(),
                                  text.lines.begin() + static_cast<std::ptrdiff_t>(keep_before));
    for (auto line : inserted)
        result.push_back({line, eol});
    result.insert(result.end(), text.lines.begin() + static_cast<std::ptrdiff_t>(first_kept_after),
                  text.lines.end());

    std::string out;
    out.reserve(content.size() + req.new_content.size() + inserted.size());
    for (std::size_t i = 0; i < result.size(); ++i)
    {
        out += result[i].text;
        const bool last = i + 1 == result.size();
        if (!last || text.trailing_newline)
            // A former last line followed by new lines now needs an ending.
            out += result[i].ending.empty() ? eol : result[i].ending;
    }
    if (result.empty() && text.trailing_newline)
        out += eol;  // as the reference joins no lines and re-appends the final newline
    const std::size_t removed = req.insert_after ? 0 : first_kept_after - keep_before;
    return {std::move(out), summary_of(req, removed, inserted.size())};
}

task<std::string> read_hashline(backend& b, std::string_view path, read_options opts)
{
    return read_hashline_owned(b, std::string(path), opts);
}

task<hashline_edit_result> hashline_edit(backend& b, std::string_view path, hashline_edit_request req)
{
    return hashline_edit_owned(b, std::string(path), std::move(req));
}

}  // namespace agent_backends
