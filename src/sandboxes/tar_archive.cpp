// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/tar_archive.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>

namespace agent_backends::detail {

namespace {

constexpr std::size_t block = 512;

// Offsets and widths of the ustar header fields.
struct field
{
    std::size_t offset;
    std::size_t width;
};
constexpr field name_field{0, 100};
constexpr field mode_field{100, 8};
constexpr field uid_field{108, 8};
constexpr field gid_field{116, 8};
constexpr field size_field{124, 12};
constexpr field mtime_field{136, 12};
constexpr field checksum_field{148, 8};
constexpr std::size_t typeflag_offset = 156;
constexpr field magic_field{257, 6};
constexpr field version_field{263, 2};
constexpr field prefix_field{345, 155};

std::size_t padded(std::size_t n)
{
    return (n + block - 1) / block * block;
}

// ---- writing ----

void put_text(char* header, field f, std::string_view text)
{
    std::memcpy(header + f.offset, text.data(), std::min(text.size(), f.width));
}

// Octal, zero-padded, NUL-terminated; base-256 when the value does not fit (GNU and Go do the same).
void put_number(char* header, field f, std::uint64_t value)
{
    const std::size_t digits = f.width - 1;
    if (digits >= 22 || value < (std::uint64_t{1} << (3 * digits)))
    {
        for (std::size_t i = digits; i-- > 0;)
        {
            header[f.offset + i] = static_cast<char>('0' + (value & 7));
            value >>= 3;
        }
        header[f.offset + digits] = '\0';
        return;
    }
    for (std::size_t i = f.width; i-- > 1;)
    {
        header[f.offset + i] = static_cast<char>(value & 0xff);
        value >>= 8;
    }
    header[f.offset] = static_cast<char>(0x80);
}

void put_checksum(char* header)
{
    std::memset(header + checksum_field.offset, ' ', checksum_field.width);
    unsigned sum = 0;
    for (std::size_t i = 0; i < block; ++i)
        sum += static_cast<unsigned char>(header[i]);
    // Six octal digits, NUL, space: the form every tar writes.
    for (std::size_t i = 6; i-- > 0;)
    {
        header[checksum_field.offset + i] = static_cast<char>('0' + (sum & 7));
        sum >>= 3;
    }
    header[checksum_field.offset + 6] = '\0';
}

void append_member(std::string& out, std::string_view name, char type, std::uint32_t mode, std::int64_t mtime,
                   std::string_view content)
{
    std::array<char, block> header{};
    put_text(header.data(), name_field, name);
    put_number(header.data(), mode_field, mode & 07777);
    put_number(header.data(), uid_field, 0);
    put_number(header.data(), gid_field, 0);
    put_number(header.data(), size_field, content.size());
    put_number(header.data(), mtime_field, static_cast<std::uint64_t>(std::max<std::int64_t>(mtime, 0)));
    header[typeflag_offset] = type;
    put_text(header.data(), magic_field, std::string_view("ustar\0", 6));
    put_text(header.data(), version_field, "00");
    put_checksum(header.data());
    out.append(header.data(), header.size());
    out.append(content);
    out.append(padded(content.size()) - content.size(), '\0');
}

// One PAX record: "<length> <key>=<value>\n", where <length> counts the whole record including itself.
std::string pax_record(std::string_view key, std::string_view value)
{
    const std::size_t rest = 1 + key.size() + 1 + value.size() + 1;
    std::size_t length = rest + 1;
    while (std::to_string(length).size() + rest != length)
        length = std::to_string(length).size() + rest;
    return std::to_string(length) + " " + std::string(key) + "=" + std::string(value) + "\n";
}

// ---- reading ----

bool all_zero(std::string_view b)
{
    return std::all_of(b.begin(), b.end(), [](char c) { return c == '\0'; });
}

std::string_view text_of(std::string_view header, field f)
{
    auto s = header.substr(f.offset, f.width);
    return s.substr(0, std::min(s.find('\0'), s.size()));
}

std::optional<std::uint64_t> number_of(std::string_view header, field f)
{
    auto s = header.substr(f.offset, f.width);
    if (static_cast<unsigned char>(s[0]) & 0x80)
    {
        // Base-256: the remaining bits big-endian; negative values are not supported.
        if (static_cast<unsigned char>(s[0]) & 0x40)
            return std::nullopt;
        std::uint64_t v = static_cast<unsigned char>(s[0]) & 0x3f;
        for (std::size_t i = 1; i < s.size(); ++i)
        {
            if (v >> 56)
                return std::nullopt;
            v = (v << 8) | static_cast<unsigned char>(s[i]);
        }
        return v;
    }
    std::uint64_t v = 0;
    std::size_t i = 0;
    while (i < s.size() && s[i] == ' ')
        ++i;
    bool any = false;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '7'; ++i)
    {
        if (v >> 60)
            return std::nullopt;
        v = v * 8 + static_cast<std::uint64_t>(s[i] - '0');
        any = true;
    }
    for (; i < s.size(); ++i)
        if (s[i] != ' ' && s[i] != '\0')
            return std::nullopt;
    if (!any)
        return 0;  // an empty field (some writers leave mtime or uid blank)
    return v;
}

bool checksum_matches(std::string_view header)
{
    auto stored = number_of(header, checksum_field);
    if (!stored)
        return false;
    std::uint64_t unsigned_sum = 0;
    std::int64_t signed_sum = 0;
    for (std::size_t i = 0; i < block; ++i)
    {
        const bool in_field = i >= checksum_field.offset && i < checksum_field.offset + checksum_field.width;
        const char c = in_field ? ' ' : header[i];
        unsigned_sum += static_cast<unsigned char>(c);
        signed_sum += static_cast<signed char>(c);
    }
    // Some old writers summed signed chars; accept either like GNU tar does.
    return *stored == unsigned_sum || static_cast<std::int64_t>(*stored) == signed_sum;
}

struct pax_overrides
{
    std::optional<std::string> path;
    std::optional<std::uint64_t> size;
    std::optional<std::int64_t> mtime;
};

bool parse_pax(std::string_view data, pax_overrides& out)
{
    while (!data.empty())
    {
        auto space = data.find(' ');
        if (space == std::string_view::npos || space == 0)
            return false;
        std::size_t length = 0;
        for (char c : data.substr(0, space))
        {
            if (c < '0' || c > '9' || length > data.size())
                return false;
            length = length * 10 + static_cast<std::size_t>(c - '0');
        }
        if (length <= space + 1 || length > data.size() || data[length - 1] != '\n')
            return false;
        auto record = data.substr(space + 1, length - space - 2);
        data.remove_prefix(length);
        auto eq = record.find('=');
        if (eq == std::string_view::npos)
            return false;
        auto key = record.substr(0, eq);
        auto value = record.substr(eq + 1);
        if (key == "path")
            out.path = std::string(value);
        else if (key == "size")
        {
            std::uint64_t v = 0;
            for (char c : value)
            {
                if (c < '0' || c > '9' || (v >> 59))
                    return false;
                v = v * 10 + static_cast<std::uint64_t>(c - '0');
            }
            out.size = v;
        }
        else if (key == "mtime")
        {
            // Seconds, possibly with a fraction; keep the whole seconds.
            std::int64_t v = 0;
            bool negative = !value.empty() && value[0] == '-';
            for (char c : value.substr(negative ? 1 : 0))
            {
                if (c == '.')
                    break;
                if (c < '0' || c > '9' || (v >> 58))
                    return false;
                v = v * 10 + (c - '0');
            }
            out.mtime = negative ? -v : v;
        }
    }
    return true;
}

std::string strip_trailing_nuls(std::string_view s)
{
    return std::string(s.substr(0, std::min(s.find('\0'), s.size())));
}

}  // namespace

std::string make_tar(const std::vector<tar_entry>& entries)
{
    std::string out;
    for (const auto& e : entries)
    {
        std::string name = e.name;
        if (e.is_dir && (name.empty() || name.back() != '/'))
            name += '/';
        if (name.size() > name_field.width)
        {
            // The name does not fit the ustar field: a PAX extended header carries it, and the ustar field
            // keeps a truncated form for readers that ignore PAX.
            append_member(out, "././@PaxHeader", 'x', 0644, e.mtime, pax_record("path", name));
        }
        append_member(out, std::string_view(name).substr(0, name_field.width), e.is_dir ? '5' : '0', e.mode,
                      e.mtime, e.is_dir ? std::string_view() : std::string_view(e.content));
    }
    out.append(2 * block, '\0');
    return out;
}

std::vector<tar_entry> read_tar(std::string_view archive, std::error_code& ec)
{
    ec.clear();
    std::vector<tar_entry> entries;
    pax_overrides pending;
    std::optional<std::string> gnu_long_name;
    const auto fail = [&] {
        ec = std::make_error_code(std::errc::illegal_byte_sequence);
        return std::vector<tar_entry>{};
    };

    std::size_t pos = 0;
    while (pos < archive.size())
    {
        if (archive.size() - pos < block)
            return fail();  // a partial header
        auto header = archive.substr(pos, block);
        if (all_zero(header))
            break;  // end of archive (the second zero block and any padding after it are not needed)
        if (!checksum_matches(header))
            return fail();
        auto size = number_of(header, size_field);
        auto mode = number_of(header, mode_field);
        auto mtime = number_of(header, mtime_field);
        if (!size || !mode || !mtime)
            return fail();
        const char type = header[typeflag_offset];
        if (pending.size && type != 'x' && type != 'g' && type != 'L' && type != 'K')
            size = pending.size;
        pos += block;
        if (*size > archive.size() - pos || padded(static_cast<std::size_t>(*size)) > archive.size() - pos)
            return fail();  // the member's data (or its padding) runs past the end
        auto data = archive.substr(pos, static_cast<std::size_t>(*size));
        pos += padded(static_cast<std::size_t>(*size));

        switch (type)
        {
            case 'x':
                if (!parse_pax(data, pending))
                    return fail();
                continue;
            case 'g':
                continue;  // global PAX header: nothing we use
            case 'L':
                gnu_long_name = strip_trailing_nuls(data);
                continue;
            case 'K':
                continue;  // GNU long link target: links are not followed
            default:
                break;
        }

        tar_entry e;
        if (pending.path)
            e.name = *pending.path;
        else if (gnu_long_name)
            e.name = *gnu_long_name;
        else
        {
            auto prefix = text_of(header, prefix_field);
            auto magic = header.substr(magic_field.offset, 5);
            e.name = (magic == "ustar" && !prefix.empty()) ? std::string(prefix) + "/" : std::string();
            e.name += text_of(header, name_field);
        }
        e.mode = static_cast<std::uint32_t>(*mode & 07777);
        e.mtime = pending.mtime ? *pending.mtime : static_cast<std::int64_t>(*mtime);
        e.is_dir = type == '5';
        if (type == '0' || type == '\0' || type == '7')
            e.content = std::string(data);
        if (e.is_dir && (e.name.empty() || e.name.back() != '/'))
            e.name += '/';
        entries.push_back(std::move(e));
        pending = {};
        gnu_long_name.reset();
    }
    if (pending.path || pending.size || gnu_long_name)
        return fail();  // an extended header with no member after it
    return entries;
}

}  // namespace agent_backends::detail
