// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/daytona_json.hpp"

#include "backends/local_file_io.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <charconv>
#include <ctime>
#include <limits>

namespace json = boost::json;

namespace agent_backends::detail {
namespace {

std::optional<json::value> parse_json(std::string_view body)
{
    boost::system::error_code ec;
    auto value = json::parse(json::string_view(body.data(), body.size()), ec);
    if (ec)
        return std::nullopt;
    return value;
}

std::string text_of(const json::object& o, std::string_view key)
{
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::optional<std::int64_t> integer_of(const json::value* v)
{
    if (!v)
        return std::nullopt;
    if (v->is_int64())
        return v->as_int64();
    if (v->is_uint64() &&
        v->as_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return static_cast<std::int64_t>(v->as_uint64());
    if (v->is_double())
        return static_cast<std::int64_t>(v->as_double());
    return std::nullopt;
}

std::optional<daytona_remote_sandbox> sandbox_of(const json::value& v)
{
    if (!v.is_object())
        return std::nullopt;
    const auto& o = v.as_object();
    daytona_remote_sandbox out{text_of(o, "id"), text_of(o, "name"), text_of(o, "state"),
                               text_of(o, "errorReason"), text_of(o, "toolboxProxyUrl")};
    if (out.id.empty())
        return std::nullopt;
    return out;
}

// Go's FileMode.String(): type letters (if any) before the nine permission characters.
bool mode_is_regular(std::string_view mode)
{
    if (mode.size() < 9)
        return false;
    auto type_letters = mode.substr(0, mode.size() - 9);
    return type_letters.find_first_of("dLDpSc?") == std::string_view::npos;
}

std::optional<daytona_file_entry> entry_of(const json::value& v)
{
    if (!v.is_object())
        return std::nullopt;
    const auto& o = v.as_object();
    daytona_file_entry out;
    out.name = text_of(o, "name");
    if (auto size = integer_of(o.if_contains("size")); size && *size >= 0)
        out.size = static_cast<std::uint64_t>(*size);
    const auto* dir = o.if_contains("isDir");
    if (!dir || !dir->is_bool())
        return std::nullopt;
    out.is_dir = dir->as_bool();
    const auto mode = text_of(o, "mode");
    out.is_regular = !out.is_dir && (mode.empty() || mode_is_regular(mode));
    auto stamp = text_of(o, "modifiedAt");
    if (stamp.empty())
        stamp = text_of(o, "modTime");
    out.modified_at = iso8601_from_rfc3339(stamp);
    return out;
}

bool parse_digits(std::string_view text, int& out)
{
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && p == text.data() + text.size();
}

}  // namespace

std::optional<daytona_remote_sandbox> parse_remote_sandbox(std::string_view body)
{
    auto v = parse_json(body);
    return v ? sandbox_of(*v) : std::nullopt;
}

std::optional<std::vector<daytona_remote_sandbox>> parse_remote_sandbox_list(std::string_view body)
{
    auto v = parse_json(body);
    if (!v)
        return std::nullopt;
    const json::value* items = &*v;
    if (v->is_object())
        items = v->as_object().if_contains("items");
    if (!items || !items->is_array())
        return std::nullopt;
    std::vector<daytona_remote_sandbox> out;
    for (const auto& item : items->as_array())
        if (auto sandbox = sandbox_of(item))
            out.push_back(std::move(*sandbox));
    return out;
}

std::string create_sandbox_body(const daytona_sandbox_options& opts, std::string_view sandbox_id,
                                std::string_view target)
{
    json::object body;
    if (!opts.name.empty())
        body["name"] = opts.name;
    if (!opts.image.empty())
        body["buildInfo"] = json::object{{"dockerfileContent", "FROM " + opts.image + "\n"},
                                         {"contextHashes", json::array{}}};
    else if (!opts.snapshot.empty())
        body["snapshot"] = opts.snapshot;
    if (!opts.user.empty())
        body["user"] = opts.user;
    json::object env;
    for (const auto& [key, value] : opts.env)
        env[key] = value;
    body["env"] = std::move(env);
    json::object labels;
    for (const auto& [key, value] : opts.labels)
        labels[key] = value;
    labels[daytona_sandbox_label] = sandbox_id;
    body["labels"] = std::move(labels);
    if (opts.cpu)
        body["cpu"] = *opts.cpu;
    if (opts.memory_gib)
        body["memory"] = *opts.memory_gib;
    if (opts.disk_gib)
        body["disk"] = *opts.disk_gib;
    if (opts.auto_stop_minutes)
        body["autoStopInterval"] = *opts.auto_stop_minutes;
    if (!target.empty())
        body["target"] = target;
    return json::serialize(body);
}

std::string label_filter(std::string_view sandbox_id)
{
    return json::serialize(json::object{{daytona_sandbox_label, sandbox_id}});
}

std::optional<std::string> error_message_of(std::string_view body)
{
    auto v = parse_json(body);
    if (!v || !v->is_object())
        return std::nullopt;
    const auto* message = v->as_object().if_contains("message");
    if (!message)
        return std::nullopt;
    if (message->is_string())
        return std::string(message->as_string());
    if (!message->is_array())
        return std::nullopt;
    std::string joined;
    for (const auto& part : message->as_array())
    {
        if (!part.is_string())
            continue;
        if (!joined.empty())
            joined += "; ";
        joined += part.as_string();
    }
    return joined;
}

std::optional<daytona_file_entry> parse_file_info(std::string_view body)
{
    auto v = parse_json(body);
    return v ? entry_of(*v) : std::nullopt;
}

std::optional<std::vector<daytona_file_entry>> parse_file_list(std::string_view body)
{
    auto v = parse_json(body);
    if (!v || !(v->is_array() || v->is_null()))
        return std::nullopt;
    std::vector<daytona_file_entry> out;
    if (v->is_null())
        return out;  // Go encodes an empty slice that was never made as null
    for (const auto& item : v->as_array())
    {
        auto entry = entry_of(item);
        if (!entry)
            return std::nullopt;
        out.push_back(std::move(*entry));
    }
    return out;
}

std::optional<std::string> iso8601_from_rfc3339(std::string_view text)
{
    // YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)
    if (text.size() < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') ||
        text[13] != ':' || text[16] != ':')
        return std::nullopt;
    std::tm tm{};
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!parse_digits(text.substr(0, 4), year) || !parse_digits(text.substr(5, 2), month) ||
        !parse_digits(text.substr(8, 2), day) || !parse_digits(text.substr(11, 2), hour) ||
        !parse_digits(text.substr(14, 2), minute) || !parse_digits(text.substr(17, 2), second))
        return std::nullopt;
    std::size_t pos = 19;
    std::int64_t nanos = 0;
    if (pos < text.size() && text[pos] == '.')
    {
        ++pos;
        int digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
        {
            if (digits < 9)
            {
                nanos = nanos * 10 + (text[pos] - '0');
                ++digits;
            }
            ++pos;
        }
        for (; digits < 9; ++digits)
            nanos *= 10;
    }
    std::int64_t offset_seconds = 0;
    auto zone = text.substr(pos);
    if (zone != "Z" && zone != "z")
    {
        int oh = 0, om = 0;
        if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':' ||
            !parse_digits(zone.substr(1, 2), oh) || !parse_digits(zone.substr(4, 2), om))
            return std::nullopt;
        offset_seconds = (zone[0] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    }
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    const std::int64_t seconds = ::timegm(&tm) - offset_seconds;
    return iso8601_utc(seconds, nanos);
}

std::optional<std::vector<daytona_find_match>> parse_find_matches(std::string_view body)
{
    auto v = parse_json(body);
    if (!v || !(v->is_array() || v->is_null()))
        return std::nullopt;
    std::vector<daytona_find_match> out;
    if (v->is_null())
        return out;
    for (const auto& item : v->as_array())
    {
        if (!item.is_object())
            return std::nullopt;
        const auto& o = item.as_object();
        auto line = integer_of(o.if_contains("line"));
        if (!line || *line < 1)
            return std::nullopt;
        out.push_back({text_of(o, "file"), static_cast<std::size_t>(*line), text_of(o, "content")});
    }
    return out;
}

std::optional<std::vector<std::string>> parse_search_files(std::string_view body)
{
    auto v = parse_json(body);
    if (!v || !v->is_object())
        return std::nullopt;
    const auto* files = v->as_object().if_contains("files");
    std::vector<std::string> out;
    if (!files || files->is_null())
        return out;
    if (!files->is_array())
        return std::nullopt;
    for (const auto& item : files->as_array())
        if (item.is_string())
            out.emplace_back(item.as_string());
    return out;
}

std::optional<std::string> string_field_of(std::string_view body, std::string_view key)
{
    auto v = parse_json(body);
    if (!v || !v->is_object())
        return std::nullopt;
    const auto* field = v->as_object().if_contains(key);
    if (!field || !field->is_string())
        return std::nullopt;
    return std::string(field->as_string());
}

std::optional<daytona_command_status> parse_command_status(std::string_view body)
{
    auto v = parse_json(body);
    if (!v || !v->is_object())
        return std::nullopt;
    daytona_command_status out;
    if (auto code = integer_of(v->as_object().if_contains("exitCode")))
        out.exit_code = static_cast<int>(*code);
    return out;
}

std::string command_logs_of(std::string_view body)
{
    auto v = parse_json(body);
    if (!v || !v->is_object())
        return std::string(body);
    const auto& o = v->as_object();
    if (const auto* output = o.if_contains("output"); output && output->is_string())
        return std::string(output->as_string());
    return text_of(o, "stdout") + text_of(o, "stderr");
}

}  // namespace agent_backends::detail
