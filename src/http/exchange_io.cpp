// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "http/exchange_io.hpp"

#include <agent_backends/error.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string_view>

namespace asio = boost::asio;

namespace agent_backends::detail {
namespace {

constexpr std::size_t source_piece = 64 * 1024;
constexpr std::size_t body_piece = 64 * 1024;

bool is_aborted(const boost::system::error_code& ec)
{
    return ec == asio::error::operation_aborted;
}

[[noreturn]] void source_size_mismatch(std::uint64_t announced, std::uint64_t produced, bool more)
{
    throw error(errc::invalid_argument, "Invalid HTTP request: the body source announced " +
                                            std::to_string(announced) + " bytes but produced " +
                                            (more ? "more" : std::to_string(produced)));
}

// Sends the body of a source: Content-Length framing checks the announced size, chunked framing wraps
// each piece.
task<void> send_source_body(connection& conn, const encoded_head& head, http_body_source& source)
{
    auto buffer = std::make_unique_for_overwrite<char[]>(source_piece);
    std::uint64_t produced = 0;
    bool head_sent = false;
    for (;;)
    {
        std::size_t n = co_await source.read(std::span<char>(buffer.get(), source_piece));
        produced += n;
        if (head.framing == body_framing::content_length && produced > *source.size)
            source_size_mismatch(*source.size, produced, true);
        std::string size_line;
        std::vector<asio::const_buffer> pieces;
        if (!head_sent)
            pieces.push_back(asio::buffer(head.text));  // the head travels with the first piece
        head_sent = true;
        if (n == 0)
        {
            if (head.framing == body_framing::chunked)
                pieces.push_back(asio::buffer(last_chunk.data(), last_chunk.size()));
            if (!pieces.empty())
                co_await conn.write(pieces);
            break;
        }
        if (head.framing == body_framing::chunked)
        {
            size_line = chunk_size_line(n);
            pieces.push_back(asio::buffer(size_line));
            pieces.push_back(asio::buffer(buffer.get(), n));
            pieces.push_back(asio::buffer("\r\n", 2));
        }
        else
        {
            pieces.push_back(asio::buffer(buffer.get(), n));
        }
        co_await conn.write(pieces);
    }
    if (head.framing == body_framing::content_length && produced != *source.size)
        source_size_mismatch(*source.size, produced, false);
}

}  // namespace

task<boost::system::error_code> send_request(connection& conn, const encoded_head& head, http_request& req)
{
    try
    {
        if (req.body_source)
        {
            co_await send_source_body(conn, head, req.body_source);
        }
        else
        {
            std::array<asio::const_buffer, 2> pieces{asio::buffer(head.text), asio::buffer(req.body)};
            co_await conn.write(pieces);
        }
    }
    catch (const error&)
    {
        throw;
    }
    catch (const boost::system::system_error& e)
    {
        if (is_aborted(e.code()))
            throw;
        co_return e.code();
    }
    co_return boost::system::error_code{};
}

task<boost::system::error_code> receive_header(connection& conn, response_decoder& decoder)
{
    for (;;)
    {
        auto parsed = decoder.parse_header();
        if (parsed.has_error())
            co_return parsed.error();
        if (*parsed)
            co_return boost::system::error_code{};
        std::size_t n = 0;
        try
        {
            n = co_await conn.read_some(decoder.input_space());
        }
        catch (const boost::system::system_error& e)
        {
            if (is_aborted(e.code()))
                throw;
            co_return e.code();
        }
        decoder.commit(n);
        if (n == 0)
        {
            if (auto ec = decoder.finish_input())
                co_return ec;
            auto last = decoder.parse_header();  // a complete header needs no more bytes
            if (last.has_error())
                co_return last.error();
            if (!*last)
                co_return decoder.finish_input();
            co_return boost::system::error_code{};
        }
    }
}

task<std::size_t> receive_body(connection& conn, response_decoder& decoder, std::span<char> out,
                               const exchange_context& ctx)
{
    for (;;)
    {
        auto piece = decoder.parse_body(out);
        if (piece.has_error())
            throw_decode_failure(ctx, piece.error());
        if (*piece > 0 || decoder.done() || out.empty())
            co_return *piece;
        if (decoder.input_finished())
            throw_decode_failure(ctx, decoder.finish_input());
        std::size_t n = 0;
        try
        {
            n = co_await conn.read_some(decoder.input_space());
        }
        catch (const boost::system::system_error& e)
        {
            if (is_aborted(e.code()))
                throw;
            throw error(errc::unavailable, "The connection to " + ctx.endpoint +
                                               " failed while reading the " + "response to " +
                                               ctx.request_line + ": " + e.code().message());
        }
        decoder.commit(n);
        if (n == 0)
        {
            if (auto ec = decoder.finish_input())
                throw_decode_failure(ctx, ec);
        }
    }
}

task<void> receive_whole_body(connection& conn, response_decoder& decoder, std::string& body,
                              std::size_t limit, const exchange_context& ctx)
{
    auto length = decoder.content_length();
    if (length)
    {
        if (*length > limit)
            throw_body_too_large(ctx, limit);
        body.reserve(body.size() + static_cast<std::size_t>(*length) + 1);  // + the probe byte below
    }
    for (;;)
    {
        // Room for what is announced (one byte more tells the end), else growing with the body; never more
        // than one byte past the limit, which tells "exactly at the limit" from "over it".
        std::size_t wanted =
            length ? static_cast<std::size_t>(*length) + 1 - std::min<std::size_t>(*length, body.size())
                   : std::max<std::size_t>(4096, body.size());
        std::size_t room = std::min({body_piece, wanted, limit + 1 - std::min(limit + 1, body.size())});
        std::size_t old = body.size();
        body.resize(old + room);
        auto n = co_await receive_body(conn, decoder, {body.data() + old, room}, ctx);
        body.resize(old + n);
        if (body.size() > limit)
            throw_body_too_large(ctx, limit);
        if (n == 0)
            co_return;
    }
}

void throw_exchange_failure(const exchange_context& ctx, const response_decoder& decoder,
                            boost::system::error_code write_failure, boost::system::error_code read_failure)
{
    bool decoding = is_decode_error(read_failure);
    if (decoding && decoder.received_any())
        throw_decode_failure(ctx, read_failure);
    if (write_failure)
        throw error(errc::unavailable, "The connection to " + ctx.endpoint + " failed while sending " +
                                           ctx.request_line + ": " + write_failure.message());
    if (decoding)
        throw_decode_failure(ctx, read_failure);
    throw error(errc::unavailable, "The connection to " + ctx.endpoint + " failed while waiting for the " +
                                       "response to " + ctx.request_line + ": " + read_failure.message());
}

void throw_decode_failure(const exchange_context& ctx, const boost::system::error_code& ec)
{
    switch (classify(ec))
    {
        case decode_failure::closed_before_response:
            throw error(errc::protocol_error,
                        ctx.endpoint + " closed the connection without responding to " + ctx.request_line);
        case decode_failure::truncated:
            throw error(errc::protocol_error, ctx.endpoint +
                                                  " closed the connection before the response to " +
                                                  ctx.request_line + " was complete");
        case decode_failure::header_too_large:
            throw error(errc::protocol_error, "The response header from " + ctx.endpoint + " to " +
                                                  ctx.request_line + " exceeds the limit (max_header_bytes)");
        case decode_failure::malformed:
            break;
    }
    throw error(errc::protocol_error, "Malformed HTTP response from " + ctx.endpoint + " to " +
                                          ctx.request_line + ": " + ec.message());
}

void throw_body_too_large(const exchange_context& ctx, std::size_t limit)
{
    throw error(errc::too_large, "The response body from " + ctx.endpoint + " to " + ctx.request_line +
                                     " exceeds the limit of " + std::to_string(limit) +
                                     " bytes (max_body_bytes); stream it instead");
}

std::string describe_duration(std::chrono::milliseconds d)
{
    if (d.count() % 1000 == 0)
        return std::to_string(d.count() / 1000) + " s";
    return std::to_string(d.count()) + " ms";
}

}  // namespace agent_backends::detail
