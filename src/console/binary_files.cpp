// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "console/binary_files.hpp"

#include <agent_backends/detail/virtual_path.hpp>
#include <agent_backends/error.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <utility>

namespace agent_backends::detail {
namespace {

struct extension_type
{
    std::string_view extension;
    std::string_view mime_type;
    bool image;
};

constexpr std::array<extension_type, 6> known_types{{
    {"png", "image/png", true},
    {"jpg", "image/jpeg", true},
    {"jpeg", "image/jpeg", true},
    {"gif", "image/gif", true},
    {"webp", "image/webp", true},
    {"pdf", "application/pdf", false},
}};

std::string lower_extension(std::string_view path)
{
    auto dot = path.rfind('.');
    if (dot == std::string_view::npos)
        return {};
    std::string ext(path.substr(dot + 1));
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

std::string megabytes(std::uint64_t bytes)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buf;
}

tool_result failure(std::string text)
{
    return {.text = "Error: " + std::move(text), .is_error = true};
}

}  // namespace

std::optional<binary_kind> binary_kind_for(std::string_view path, const console_options& opts)
{
    auto ext = lower_extension(path);
    for (const auto& t : known_types)
    {
        if (t.extension != ext)
            continue;
        if (t.image && opts.image_support)
            return binary_kind{"Image", t.mime_type, opts.max_image_bytes};
        if (!t.image && opts.document_support)
            return binary_kind{"Document", t.mime_type, opts.max_document_bytes};
    }
    return std::nullopt;
}

std::string too_large_message(const binary_kind& kind, std::string_view path, std::uint64_t size)
{
    return std::string(kind.noun) + " '" + std::string(path) + "' too large (" + megabytes(size) +
           "MB, max " + megabytes(kind.max_bytes) + "MB)";
}

task<tool_result> read_binary_file(backend& b, std::string path, binary_kind kind)
{
    const auto missing = std::string(kind.noun) + " file '" + path + "' not found or empty";

    // The listing knows the size: an oversized file is refused without loading it.
    // (A file lists as itself; a directory holding one file would list that file, so compare paths.)
    auto entries = co_await b.ls(path);
    if (entries.size() == 1 && !entries.front().is_dir && entries.front().size &&
        entries.front().path == normalize_virtual_path(path) && *entries.front().size > kind.max_bytes)
        co_return failure(too_large_message(kind, path, *entries.front().size));

    std::string bytes;
    bool not_found = false;
    try
    {
        bytes = co_await b.read_bytes(path);
    }
    catch (const error& e)
    {
        if (e.condition() != errc::not_found)
            throw;
        not_found = true;
    }
    if (not_found || bytes.empty())
        co_return failure(missing);
    if (bytes.size() > kind.max_bytes)
        co_return failure(too_large_message(kind, path, bytes.size()));

    auto size = bytes.size();
    tool_result result;
    result.text = "Read " + std::string(kind.noun == "Image" ? "image" : "document") + " '" + path + "' (" +
                  std::string(kind.mime_type) + ", " + std::to_string(size) + " bytes)";
    result.content = binary_content{std::move(bytes), std::string(kind.mime_type)};
    co_return result;
}

}  // namespace agent_backends::detail
