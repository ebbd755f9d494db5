// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "http/response_decoder.hpp"

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>

#include <limits>
#include <optional>
#include <utility>

namespace beast = boost::beast;
namespace http = boost::beast::http;

namespace agent_backends::detail {
namespace {

// Reads start small (most answers are a few hundred bytes) and double while they fill the space, up to the
// largest piece worth one system call.
constexpr std::size_t first_read = 4 * 1024;
constexpr std::size_t largest_read = 64 * 1024;

}  // namespace

bool is_decode_error(const boost::system::error_code& ec) noexcept
{
    return ec.category() == http::make_error_code(http::error::end_of_stream).category();
}

decode_failure classify(const boost::system::error_code& ec) noexcept
{
    if (ec == http::error::end_of_stream)
        return decode_failure::closed_before_response;
    if (ec == http::error::partial_message)
        return decode_failure::truncated;
    if (ec == http::error::header_limit)
        return decode_failure::header_too_large;
    return decode_failure::malformed;
}

struct response_decoder::impl
{
    using parser_type = http::response_parser<http::buffer_body>;

    impl(std::size_t max_header_bytes, bool head_request)
        : max_header_bytes(max_header_bytes), head_request(head_request)
    {
        reset_parser();
    }

    void reset_parser()
    {
        parser.emplace();
        parser->header_limit(static_cast<std::uint32_t>(
            std::min<std::size_t>(max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
        parser->body_limit(std::numeric_limits<std::uint64_t>::max());  // callers apply their own limits
        parser->skip(head_request);
    }

    std::size_t max_header_bytes;
    bool head_request;
    beast::flat_buffer input;
    std::size_t read_size{first_read};
    std::optional<parser_type> parser;  // a Beast parser parses one message: re-created after a 1xx
};

response_decoder::response_decoder(std::size_t max_header_bytes, bool head_request)
    : impl_(std::make_unique<impl>(max_header_bytes, head_request))
{}

response_decoder::~response_decoder() = default;
response_decoder::response_decoder(response_decoder&&) noexcept = default;
response_decoder& response_decoder::operator=(response_decoder&&) noexcept = default;

std::span<char> response_decoder::input_space()
{
    auto space = impl_->input.prepare(impl_->read_size);
    return {static_cast<char*>(space.data()), space.size()};
}

void response_decoder::commit(std::size_t n)
{
    impl_->input.commit(n);
    if (n == impl_->read_size && impl_->read_size < largest_read)
        impl_->read_size *= 2;
    if (n > 0)
        received_any_ = true;
}

boost::system::error_code response_decoder::finish_input()
{
    input_finished_ = true;
    auto& parser = *impl_->parser;
    if (!received_any_)
        return http::error::end_of_stream;
    if (parser.is_done())
        return {};
    if (!parser.got_some())
        return http::error::partial_message;  // a 1xx arrived, the final response did not
    boost::system::error_code ec;
    parser.put_eof(ec);
    return ec;
}

boost::system::result<bool> response_decoder::parse_header()
{
    for (;;)
    {
        auto& parser = *impl_->parser;
        if (!parser.is_header_done())
        {
            if (impl_->input.size() == 0)
                return false;
            boost::system::error_code ec;
            auto used = parser.put(impl_->input.data(), ec);
            impl_->input.consume(used);
            if (ec == http::error::need_more)
                return false;
            if (ec)
                return {boost::system::in_place_error, ec};
            if (!parser.is_header_done())
                continue;
        }
        const auto& message = parser.get();
        unsigned status = message.result_int();
        if (status >= 100 && status < 200 && status != 101)
        {
            impl_->reset_parser();  // 100 Continue and friends precede the real response
            continue;
        }
        head_.status = status;
        head_.reason = std::string(message.reason());
        head_.headers = {};
        for (const auto& field : message)
            head_.headers.add(std::string(field.name_string()), std::string(field.value()));
        parser.eager(true);
        return true;
    }
}

std::optional<std::uint64_t> response_decoder::content_length() const
{
    auto length = impl_->parser->content_length();
    if (!length)
        return std::nullopt;
    return *length;
}

boost::system::result<std::size_t> response_decoder::parse_body(std::span<char> out)
{
    auto& parser = *impl_->parser;
    auto& body = parser.get().body();
    std::size_t produced = 0;
    while (!parser.is_done() && produced < out.size() && impl_->input.size() > 0)
    {
        body.data = out.data() + produced;
        body.size = out.size() - produced;
        boost::system::error_code ec;
        auto used = parser.put(impl_->input.data(), ec);
        impl_->input.consume(used);
        produced = out.size() - body.size;
        if (ec == http::error::need_buffer)
            break;
        if (ec == http::error::need_more)
            break;
        if (ec)
            return ec;
        if (used == 0 && !parser.is_done())
            break;
    }
    body.data = nullptr;
    body.size = 0;
    return produced;
}

bool response_decoder::done() const
{
    return impl_->parser->is_done();
}

bool response_decoder::reusable() const
{
    auto& parser = *impl_->parser;
    return parser.is_done() && parser.keep_alive() && !parser.need_eof() && !input_finished_ &&
           impl_->input.size() == 0;
}

std::string response_decoder::take_unparsed()
{
    auto data = impl_->input.data();
    std::string bytes(static_cast<const char*>(data.data()), data.size());
    impl_->input.consume(data.size());
    return bytes;
}

}  // namespace agent_backends::detail
