// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/kubernetes_exec_protocol.hpp"

#include <agent_backends/error.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <charconv>

namespace agent_backends::detail {
namespace {

constexpr char channel_stdin = 0;
constexpr char channel_stdout = 1;
constexpr char channel_stderr = 2;
constexpr char channel_status = 3;
constexpr char channel_close = static_cast<char>(0xFF);

std::string string_at(const boost::json::object& object, std::string_view key)
{
    if (auto* value = object.if_contains(key); value && value->is_string())
        return std::string(value->get_string());
    return {};
}

/// The `ExitCode` cause of a `NonZeroExitCode` status.
std::optional<int> exit_code_cause(const boost::json::object& status)
{
    auto* details = status.if_contains("details");
    if (!details || !details->is_object())
        return std::nullopt;
    auto* causes = details->get_object().if_contains("causes");
    if (!causes || !causes->is_array())
        return std::nullopt;
    for (const auto& cause : causes->get_array())
    {
        if (!cause.is_object() || string_at(cause.get_object(), "reason") != "ExitCode")
            continue;
        auto text = string_at(cause.get_object(), "message");
        int code = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), code);
        if (ec == std::errc() && end == text.data() + text.size())
            return code;
    }
    return std::nullopt;
}

}  // namespace

std::string url_encode(std::string_view text)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() * 3);
    for (unsigned char c : text)
    {
        bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                          c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved)
        {
            out += static_cast<char>(c);
            continue;
        }
        out += '%';
        out += hex[c >> 4];
        out += hex[c & 15];
    }
    return out;
}

std::string exec_target(std::string_view namespace_name, std::string_view pod, std::string_view container,
                        const std::vector<std::string>& argv, bool with_stdin)
{
    std::string target = "/api/v1/namespaces/" + url_encode(namespace_name) + "/pods/" + url_encode(pod) +
                         "/exec?container=" + url_encode(container);
    for (const auto& argument : argv)
        target += "&command=" + url_encode(argument);
    target += with_stdin ? "&stdin=true" : "&stdin=false";
    target += "&stdout=true&stderr=true&tty=false";
    return target;
}

boost::system::result<exec_message> decode_exec_message(std::string_view message) noexcept
{
    if (message.size() <= 1)
        return exec_message{};
    const auto payload = message.substr(1);
    switch (message[0])
    {
        case channel_stdout:
            return exec_message{exec_message::kind::stdout_data, payload};
        case channel_stderr:
            return exec_message{exec_message::kind::stderr_data, payload};
        case channel_status:
            return exec_message{exec_message::kind::status, payload};
        default:
            return make_error_code(errc::protocol_error);
    }
}

boost::system::result<exec_status> parse_exec_status(std::string_view json)
{
    boost::system::error_code ec;
    auto value = boost::json::parse(json, ec);
    if (ec || !value.is_object())
        return make_error_code(errc::protocol_error);
    const auto& status = value.get_object();
    if (string_at(status, "status") == "Success")
        return exec_status{0, {}};
    if (string_at(status, "reason") == "NonZeroExitCode")
    {
        if (auto code = exit_code_cause(status))
            return exec_status{code, {}};
    }
    auto message = string_at(status, "message");
    if (message.empty())
        message = "the command could not be run (" +
                  (string_at(status, "reason").empty() ? std::string("no reason given")
                                                       : string_at(status, "reason")) +
                  ")";
    return exec_status{std::nullopt, std::move(message)};
}

std::string stdin_message(std::string_view data)
{
    std::string out;
    out.reserve(data.size() + 1);
    out += channel_stdin;
    out += data;
    return out;
}

std::string stdin_close_message()
{
    return std::string{channel_close, channel_stdin};
}

}  // namespace agent_backends::detail
