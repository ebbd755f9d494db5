// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/daytona_execute_parser.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/error.hpp>

#include <cstdint>
#include <string>

namespace agent_backends::detail {
namespace {

using json_string = boost::json::string_view;
using boost::system::error_code;

// SAX events of the document: the top-level `result` string goes to the sink, the top-level `exitCode`
// number is kept, everything else is skipped.
class execute_handler
{
public:
    static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_key_size = 4096;

    explicit execute_handler(output_sink& sink) : sink_(sink) {}

    std::optional<int> exit_code;
    bool top_is_object{false};

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }

    bool on_object_begin(error_code&)
    {
        if (depth_ == 0)
            top_is_object = true;
        ++depth_;
        return true;
    }
    bool on_object_end(std::size_t, error_code&)
    {
        --depth_;
        return true;
    }
    bool on_array_begin(error_code&)
    {
        ++depth_;
        return true;
    }
    bool on_array_end(std::size_t, error_code&)
    {
        --depth_;
        return true;
    }

    bool on_key_part(json_string s, std::size_t, error_code&)
    {
        if (depth_ == 1)
            key_.append(s.data(), s.size());
        return true;
    }
    bool on_key(json_string s, std::size_t, error_code&)
    {
        if (depth_ == 1)
        {
            key_.append(s.data(), s.size());
            field_ = key_ == "result" ? field::result : key_ == "exitCode" ? field::exit_code : field::other;
            key_.clear();
        }
        return true;
    }

    bool on_string_part(json_string s, std::size_t, error_code&)
    {
        if (in_top_field(field::result))
            sink_.append({s.data(), s.size()});
        return true;
    }
    bool on_string(json_string s, std::size_t, error_code&)
    {
        if (in_top_field(field::result))
            sink_.append({s.data(), s.size()});
        return true;
    }

    bool on_number_part(json_string, error_code&) { return true; }
    bool on_int64(std::int64_t i, json_string, error_code&)
    {
        if (in_top_field(field::exit_code))
            exit_code = static_cast<int>(i);
        return true;
    }
    bool on_uint64(std::uint64_t u, json_string, error_code&)
    {
        if (in_top_field(field::exit_code))
            exit_code = static_cast<int>(u);
        return true;
    }
    bool on_double(double d, json_string, error_code&)
    {
        if (in_top_field(field::exit_code))
            exit_code = static_cast<int>(d);
        return true;
    }
    bool on_bool(bool, error_code&) { return true; }
    bool on_null(error_code&) { return true; }
    bool on_comment_part(json_string, error_code&) { return true; }
    bool on_comment(json_string, error_code&) { return true; }

private:
    enum class field
    {
        other,
        result,
        exit_code,
    };

    bool in_top_field(field f) const noexcept { return depth_ == 1 && field_ == f; }

    output_sink& sink_;
    std::size_t depth_{0};
    std::string key_;
    field field_{field::other};
};

}  // namespace

struct daytona_execute_parser::impl
{
    explicit impl(output_sink& sink) : parser(boost::json::parse_options{}, sink) {}

    boost::json::basic_parser<execute_handler> parser;
};

daytona_execute_parser::daytona_execute_parser(output_sink& sink) : impl_(std::make_unique<impl>(sink)) {}

daytona_execute_parser::~daytona_execute_parser() = default;

boost::system::error_code daytona_execute_parser::feed(std::string_view bytes)
{
    error_code ec;
    while (!bytes.empty() && !ec)
    {
        auto used = impl_->parser.write_some(true, bytes.data(), bytes.size(), ec);
        bytes.remove_prefix(used);
        if (!ec && impl_->parser.done() && !bytes.empty())
        {
            // Whitespace may follow the document; anything else is an error.
            if (bytes.find_first_not_of(" \t\r\n") != std::string_view::npos)
                ec = boost::json::error::extra_data;
            break;
        }
    }
    return ec;
}

boost::system::error_code daytona_execute_parser::finish()
{
    error_code ec;
    if (!impl_->parser.done())
        impl_->parser.write_some(false, nullptr, 0, ec);
    if (ec)
        return ec;
    const auto& handler = impl_->parser.handler();
    if (!handler.top_is_object || !handler.exit_code)
        return boost::json::error::syntax;
    return {};
}

std::optional<int> daytona_execute_parser::exit_code() const noexcept
{
    return impl_->parser.handler().exit_code;
}

}  // namespace agent_backends::detail
